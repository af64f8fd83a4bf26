import type { IncidentCommand, RecordCommand } from '@operable/shared';
import type { z } from 'zod';
import { recordAudit } from '../audit/index.js';
import { requireRole } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { invalid, notFound } from '../lib/errors.js';
import { loadForChange, loadIncident, recordChange, who } from './access.js';
import { commandsOf, deleteRedactionRow, findCommandByClientId, insertCommand, insertRedaction, redactionRows } from './extras-repository.js';
import { compilePatterns, outputTail, patternProblem, redact } from './rules.js';

/** What is kept of a command's output, after redaction: the last lines, size-limited. */
export const KEPT_LINES = 50;
export const KEPT_CHARS = 8_000;

type CommandRow = Awaited<ReturnType<typeof commandsOf>>[number];

/**
 * `operable exec --incident 42 -- kubectl rollout undo deploy/api` records the run:
 * command line, who (the account and the OS user), host, directory, start, end, exit
 * code and the output tail. The admin's redaction patterns (and the default secret
 * shapes) are applied here, before anything is stored. A record sent again from the
 * CLI's queue (same clientId) is answered with the first one, not stored twice.
 */
export async function recordCommand(ctx: Ctx, ref: string, input: z.output<typeof RecordCommand>): Promise<{ command: IncidentCommand; created: boolean }> {
  const incident = await loadForChange(ctx, ref);
  const started = new Date(input.startedAt);
  const ended = new Date(input.endedAt);
  if (ended < started) throw invalid([{ field: 'endedAt', message: 'Must not be before startedAt' }]);
  const seen = await findCommandByClientId(ctx.db, incident.id, input.clientId);
  if (seen) return { command: toCommand({ ...seen, actor_name: null }), created: false };
  const patterns = compilePatterns((await redactionRows(ctx.db)).map((r) => r.pattern));
  const kept = outputTail(redact(input.outputTail, patterns), KEPT_LINES, KEPT_CHARS);
  const command = redact(input.command, patterns);
  const row = await insertCommand(ctx.db, {
    incident_id: incident.id,
    client_id: input.clientId,
    command,
    os_user: input.osUser,
    actor_id: ctx.actor.userId,
    host: input.host,
    cwd: input.cwd,
    started_at: started,
    ended_at: ended,
    exit_code: input.exitCode,
    output_tail: kept.tail,
    truncated: input.truncated || kept.truncated,
    recorded_at: ctx.clock.now(),
  });
  if (!row) return { command: toCommand({ ...(await findCommandByClientId(ctx.db, incident.id, input.clientId))!, actor_name: null }), created: false };
  const result = input.exitCode === null ? 'was ended by a signal' : input.exitCode === 0 ? 'succeeded' : `failed (exit ${input.exitCode})`;
  await recordChange(
    ctx,
    incident,
    {
      kind: 'command',
      at: started,
      text: `${who(ctx)} ran \`${command}\` on ${input.host} as ${input.osUser}: ${result} after ${seconds(started, ended)}`,
      data: { commandId: row.id, command, host: input.host, osUser: input.osUser, cwd: input.cwd, exitCode: input.exitCode, startedAt: input.startedAt, endedAt: input.endedAt },
    },
    { action: 'incident.command', after: { commandId: row.id, command, host: input.host, exitCode: input.exitCode } },
  );
  ctx.log.event('INCIDENT_COMMAND_RECORDED', { incidentId: incident.id, commandId: row.id, exitCode: input.exitCode });
  return { command: toCommand({ ...row, actor_name: who(ctx) }), created: true };
}

const seconds = (a: Date, b: Date) => {
  const s = Math.round((b.getTime() - a.getTime()) / 1000);
  return s < 120 ? `${s} s` : `${Math.round(s / 60)} min`;
};

export async function listCommands(ctx: Ctx, ref: string): Promise<IncidentCommand[]> {
  const incident = await loadIncident(ctx, ref);
  return (await commandsOf(ctx.db, incident.id)).map(toCommand);
}

function toCommand(r: Omit<CommandRow, 'actor_name'> & { actor_name: string | null }): IncidentCommand {
  return {
    id: r.id,
    command: r.command,
    osUser: r.os_user,
    user: r.actor_id ? { id: r.actor_id, name: r.actor_name ?? '' } : null,
    host: r.host,
    cwd: r.cwd,
    startedAt: r.started_at.toISOString(),
    endedAt: r.ended_at.toISOString(),
    exitCode: r.exit_code,
    outputTail: r.output_tail,
    truncated: r.truncated,
  };
}

// Admin: redaction patterns -------------------------------------------------

export async function listRedactions(ctx: Ctx) {
  requireRole(ctx.actor, 'admin');
  return (await redactionRows(ctx.db)).map((r) => ({ id: r.id, pattern: r.pattern, description: r.description, createdAt: r.created_at.toISOString() }));
}

export async function addRedaction(ctx: Ctx, input: { pattern: string; description: string }) {
  requireRole(ctx.actor, 'admin');
  const problem = patternProblem(input.pattern);
  if (problem) throw invalid([{ field: 'pattern', message: problem }]);
  const row = await insertRedaction(ctx.db, { pattern: input.pattern, description: input.description, created_at: ctx.clock.now(), created_by: ctx.actor.userId });
  const view = { id: row.id, pattern: row.pattern, description: row.description, createdAt: row.created_at.toISOString() };
  await recordAudit(ctx, { action: 'incident.redaction_add', entityType: 'command_redaction', entityId: row.id, after: view });
  return view;
}

export async function deleteRedaction(ctx: Ctx, id: string): Promise<void> {
  requireRole(ctx.actor, 'admin');
  const row = await deleteRedactionRow(ctx.db, id);
  if (!row) throw notFound('Redaction pattern', id);
  await recordAudit(ctx, { action: 'incident.redaction_delete', entityType: 'command_redaction', entityId: id, before: { pattern: row.pattern } });
}

import type { Check, CheckInput, CheckSummary, ProbeOutcome } from '@operable/shared';
import { recordAudit } from '../audit/index.js';
import { requireRole, requireTeamEditor } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { conflict, forbidden, invalid, notFound } from '../lib/errors.js';
import { bareHost, refusalForUrl, refusalOf } from '../lib/outbound.js';
import { parseIp } from '../lib/internal-address.js';
import { runProbe } from './probes/index.js';
import { policyFor } from './probes/network.js';
import { checkAlerts, checkNameTaken, deleteCheckRow, findCheckSummaries, findChecks, insertCheck, serviceTeam, updateCheckRow, type CheckRow } from './repository.js';
import { uptimeBetween } from './series.js';
import { firstRunAt } from './state.js';
import { detailOf, specOf, summaryOf } from './view.js';

const DAY_MS = 86_400_000;

export async function listChecks(ctx: Ctx, filter: { serviceId?: string } = {}): Promise<CheckSummary[]> {
  requireRole(ctx.actor, 'viewer');
  return (await findCheckSummaries(ctx.db, filter)).map(summaryOf);
}

export async function getCheck(ctx: Ctx, id: string): Promise<Check> {
  const row = await loadCheck(ctx, id);
  // Up to and including now: a probe started this instant counts.
  const now = new Date(ctx.clock.now().getTime() + 1);
  const since = (days: number) => uptimeBetween(ctx.db, row.id, new Date(now.getTime() - days * DAY_MS), now);
  const [day, week, month, alerts] = await Promise.all([since(1), since(7), since(30), checkAlerts(ctx.db, row.service_id, row.id)]);
  return detailOf(row, {
    uptime: { day, week, month },
    alerts: alerts.map((a) => ({
      id: a.id,
      number: a.number,
      status: a.status,
      summary: a.summary,
      createdAt: new Date(a.created_at).toISOString(),
      resolvedAt: a.resolved_at ? new Date(a.resolved_at).toISOString() : null,
    })),
  });
}

export async function createCheck(ctx: Ctx, input: CheckInput): Promise<Check> {
  await authorizeInput(ctx, input);
  if (await checkNameTaken(ctx.db, input.serviceId, input.name)) throw nameTaken(input.name);
  const now = ctx.clock.now();
  const { target } = specOf(input);
  const id = await insertCheck(ctx.db, {
    ...columnsOf(input, target),
    // A placeholder until the id exists: the first slot is spread by it.
    next_at: now,
    created_by: ctx.actor.label,
    created_at: now,
    updated_at: now,
  });
  await updateCheckRow(ctx.db, id, { next_at: firstRunAt(id, input.intervalSeconds * 1000, now) });
  const check = await getCheck(ctx, id);
  await recordAudit(ctx, { action: 'check.create', entityType: 'check', entityId: id, after: check });
  return check;
}

/** Replaces a check's settings; its state and history stay, and a changed interval applies from now. */
export async function updateCheck(ctx: Ctx, id: string, input: CheckInput): Promise<Check> {
  const before = await getCheck(ctx, id);
  requireTeamEditor(ctx.actor, (await loadCheck(ctx, id)).team_id);
  await authorizeInput(ctx, input);
  if (await checkNameTaken(ctx.db, input.serviceId, input.name, id)) throw nameTaken(input.name);
  const now = ctx.clock.now();
  const { target } = specOf(input);
  const reschedule = input.intervalSeconds !== before.intervalSeconds || input.paused !== before.paused;
  await updateCheckRow(ctx.db, id, {
    ...columnsOf(input, target),
    ...(reschedule ? { next_at: now } : {}),
    updated_at: now,
  });
  const after = await getCheck(ctx, id);
  await recordAudit(ctx, { action: 'check.update', entityType: 'check', entityId: id, before, after });
  return after;
}

export async function setCheckPaused(ctx: Ctx, id: string, paused: boolean): Promise<Check> {
  const row = await loadCheck(ctx, id);
  requireTeamEditor(ctx.actor, row.team_id);
  if (row.paused !== paused) {
    // Resuming probes at once. The state stays: a check paused while down and resumed
    // healthy is "recovered", which resolves the alert it raised.
    const now = ctx.clock.now();
    await updateCheckRow(ctx.db, id, { paused, next_at: now, updated_at: now });
    await recordAudit(ctx, { action: paused ? 'check.pause' : 'check.resume', entityType: 'check', entityId: id, before: { paused: row.paused }, after: { paused } });
  }
  return getCheck(ctx, id);
}

export async function deleteCheck(ctx: Ctx, id: string): Promise<void> {
  const before = await getCheck(ctx, id);
  requireTeamEditor(ctx.actor, (await loadCheck(ctx, id)).team_id);
  await deleteCheckRow(ctx.db, id);
  await recordAudit(ctx, { action: 'check.delete', entityType: 'check', entityId: id, before });
}

/**
 * "Test now": one probe of what the form holds, nothing saved. Same rights as saving
 * it (the server makes the request), outside any transaction (a probe may take a
 * minute; `ctx.db` must not be a transaction).
 */
export async function testCheck(ctx: Ctx, input: CheckInput): Promise<ProbeOutcome> {
  await authorizeInput(ctx, input);
  const { spec } = specOf(input);
  return runProbe(spec, { policy: ctx.settings.outbound, allowInternal: input.allowInternal, timeoutMs: input.timeoutSeconds * 1000 }, ctx.clock.now());
}

async function loadCheck(ctx: Ctx, id: string): Promise<CheckRow> {
  requireRole(ctx.actor, 'viewer');
  const [row] = await findChecks(ctx.db, { id });
  if (!row) throw notFound('Check', id);
  return row;
}

/** Edit rights on the service's team; internal targets only for admins; a refused target named at save time. */
async function authorizeInput(ctx: Ctx, input: CheckInput): Promise<void> {
  requireRole(ctx.actor, 'responder');
  const teamId = await serviceTeam(ctx.db, input.serviceId);
  if (!teamId) throw invalid([{ field: 'serviceId', message: 'No such service' }]);
  requireTeamEditor(ctx.actor, teamId);
  if (input.allowInternal && ctx.actor.role !== 'admin') throw forbidden('Only admins may let a check reach internal addresses');
  const refused = await targetRefusal(ctx, input);
  if (refused) throw invalid([{ field: refused.field, message: `${refused.host} is or resolves to an internal address (${refused.range}); an admin can allow internal targets for this check` }]);
}

async function targetRefusal(ctx: Ctx, input: CheckInput): Promise<{ field: string; host: string; range: string } | null> {
  const policy = policyFor({ policy: ctx.settings.outbound, allowInternal: input.allowInternal, timeoutMs: 0 });
  const literal = (field: string, host: string) => {
    const bare = bareHost(host);
    const refusal = parseIp(bare) ? refusalOf(policy, bare, bare) : null;
    return refusal ? { field, host: bare, range: refusal.range } : null;
  };
  switch (input.kind) {
    case 'http': {
      const refusal = await refusalForUrl(policy, new URL(input.http.url));
      return refusal ? { field: 'http.url', host: refusal.host, range: refusal.range } : null;
    }
    case 'tcp':
      return literal('tcp.host', input.tcp.host);
    case 'tls':
      return literal('tls.host', input.tls.host);
    case 'dns':
      return input.dns.server ? literal('dns.server', input.dns.server.replace(/:\d+$/, '').replace(/^\[|\]$/g, '')) : null;
  }
}

function columnsOf(input: CheckInput, target: string) {
  const settings = input.kind === 'http' ? input.http : input.kind === 'tcp' ? input.tcp : input.kind === 'tls' ? input.tls : input.dns;
  return {
    service_id: input.serviceId,
    name: input.name,
    kind: input.kind,
    target,
    settings: JSON.stringify(settings),
    interval_seconds: input.intervalSeconds,
    timeout_ms: input.timeoutSeconds * 1000,
    retries: input.retries,
    allow_internal: input.allowInternal,
    paused: input.paused,
  };
}

const nameTaken = (name: string) => conflict(`This service already has a check named ${name}`, { fields: [{ field: 'name', message: 'Already in use' }] });

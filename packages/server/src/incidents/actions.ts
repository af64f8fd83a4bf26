import { randomBytes, randomUUID } from 'node:crypto';
import type { ActionRun, CompensatingAction, CompensatingActionInput } from '@operable/shared';
import type { z } from 'zod';
import { recordAudit } from '../audit/index.js';
import { destinationProblem, OUTBOUND_TIMEOUT_MS, postOutbound, signWebhook } from '../notify/index.js';
import { requireRole, requireTeamEditor } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { invalid, notFound } from '../lib/errors.js';
import { incidentLabel, loadForChange, loadIncident, recordChange, who } from './access.js';
import { actionRunsOf, actionsOf, deleteActionRow, findAction, finishActionRun, insertAction, insertActionRun } from './extras-repository.js';
import { findServicesById, servicesOf } from './repository.js';

/**
 * Compensating actions ("you build it, you run it"): per service, a link to open or a
 * webhook to call ("turn off feature flag X", "roll back"). A webhook is POSTed signed
 * exactly as outbound webhooks are (HMAC over "<timestamp>.<body>") to an address the
 * outbound policy allows, only after a confirm, and its result is logged. The call
 * happens between two transactions: one records the attempt, the other its result,
 * so no database transaction waits on someone else's server.
 */

type ActionRow = NonNullable<Awaited<ReturnType<typeof findAction>>>;
const toAction = (r: ActionRow): CompensatingAction => ({
  id: r.id,
  serviceId: r.service_id,
  name: r.name,
  description: r.description,
  kind: r.kind,
  url: r.kind === 'link' ? r.url : hostOnly(r.url),
  createdAt: r.created_at.toISOString(),
});

const hostOnly = (url: string) => {
  const u = new URL(url);
  return `${u.protocol}//${u.host}/…`;
};

export async function listServiceActions(ctx: Ctx, serviceId: string): Promise<CompensatingAction[]> {
  requireRole(ctx.actor, 'viewer');
  return (await actionsOf(ctx.db, [serviceId])).map(toAction);
}

export async function listIncidentActions(ctx: Ctx, ref: string): Promise<{ actions: CompensatingAction[]; runs: ActionRun[] }> {
  const incident = await loadIncident(ctx, ref);
  const services = await servicesOf(ctx.db, [incident.id]);
  const actions = (await actionsOf(ctx.db, services.map((s) => s.id))).map(toAction);
  return { actions, runs: (await actionRunsOf(ctx.db, incident.id)).map((r) => toRun(r)) };
}

/** The service's team (or an admin) defines its actions; a webhook's secret is shown once. */
export async function createAction(ctx: Ctx, serviceId: string, input: z.output<typeof CompensatingActionInput>): Promise<CompensatingAction & { secret: string | null }> {
  const [service] = await findServicesById(ctx.db, [serviceId]);
  if (!service) throw notFound('Service', serviceId);
  requireTeamEditor(ctx.actor, service.team_id);
  if (input.kind === 'webhook') {
    const refused = await destinationProblem(ctx.settings.outbound, 'webhook', input.url);
    if (refused) throw invalid([{ field: 'url', message: refused.message }]);
  }
  const now = ctx.clock.now();
  const secret = input.kind === 'webhook' ? randomBytes(24).toString('base64url') : null;
  const row = await insertAction(ctx.db, { service_id: serviceId, name: input.name, description: input.description, kind: input.kind, url: input.url, secret, created_at: now, updated_at: now, created_by: ctx.actor.userId });
  await recordAudit(ctx, { action: 'compensating_action.create', entityType: 'compensating_action', entityId: row.id, after: toAction(row) });
  return { ...toAction(row), secret };
}

export async function deleteAction(ctx: Ctx, id: string): Promise<void> {
  const row = await findAction(ctx.db, id);
  if (!row) throw notFound('Compensating action', id);
  const [service] = await findServicesById(ctx.db, [row.service_id]);
  requireTeamEditor(ctx.actor, service!.team_id);
  await deleteActionRow(ctx.db, id);
  await recordAudit(ctx, { action: 'compensating_action.delete', entityType: 'compensating_action', entityId: id, before: toAction(row) });
}

type RunRow = Awaited<ReturnType<typeof actionRunsOf>>[number];
function toRun(r: Omit<RunRow, 'run_by_name'> & { run_by_name: string | null }, url: string | null = null): ActionRun {
  return {
    id: r.id,
    actionId: r.action_id,
    name: r.action_name,
    runBy: r.run_by ? { id: r.run_by, name: r.run_by_name ?? '' } : null,
    startedAt: r.started_at.toISOString(),
    endedAt: r.ended_at?.toISOString() ?? null,
    outcome: r.outcome,
    httpStatus: r.http_status,
    error: r.error,
    url,
  };
}

/** Runs one transaction with a fresh ctx; the route passes its runVerb. */
export type InTransaction = <T>(verb: (ctx: Ctx) => Promise<T>) => Promise<T>;

/** Confirmed by the caller (the route requires `confirm: true`). */
export async function runCompensatingAction(run: InTransaction, ref: string, actionId: string): Promise<ActionRun> {
  const started = await run(async (ctx) => {
    const incident = await loadForChange(ctx, ref);
    const action = await findAction(ctx.db, actionId);
    const services = await servicesOf(ctx.db, [incident.id]);
    if (!action || !services.some((s) => s.id === action.service_id)) throw notFound('Compensating action of this incident’s services', actionId);
    const now = ctx.clock.now();
    const isLink = action.kind === 'link';
    const row = await insertActionRun(ctx.db, { incident_id: incident.id, action_id: action.id, action_name: action.name, run_by: ctx.actor.userId, started_at: now, ended_at: isLink ? now : null, outcome: isLink ? 'opened' : 'running' });
    await recordChange(
      ctx,
      incident,
      { kind: 'action_run', text: isLink ? `${who(ctx)} opened the compensating action “${action.name}”` : `${who(ctx)} ran the compensating action “${action.name}”`, data: { runId: row.id, actionId: action.id, name: action.name, kind: action.kind, outcome: row.outcome } },
      { action: 'incident.action_run', after: { runId: row.id, actionId: action.id, name: action.name } },
    );
    return { incident, action, row, name: who(ctx), settings: ctx.settings, now, requestId: ctx.requestId };
  });
  if (started.action.kind === 'link') return toRun({ ...started.row, run_by_name: started.name }, started.action.url);

  const { incident, action, row } = started;
  const body = JSON.stringify({
    id: row.id,
    kind: 'compensating_action',
    action: { id: action.id, name: action.name },
    incident: { id: incident.id, number: Number(incident.number), title: incident.title, drill: incident.drill, label: incidentLabel(incident) },
    requestedBy: started.name,
    sentAt: started.now.toISOString(),
  });
  const timestamp = Math.floor(started.now.getTime() / 1000);
  const outcome = await postOutbound(
    {
      url: action.url,
      timeoutMs: OUTBOUND_TIMEOUT_MS,
      guard: started.settings.outbound,
      body,
      headers: {
        'Content-Type': 'application/json',
        'X-Operable-Timestamp': String(timestamp),
        'X-Operable-Signature': `v1=${signWebhook(action.secret ?? '', timestamp, body)}`,
        'X-Operable-Delivery': row.id,
        'Idempotency-Key': row.id,
        'X-Operable-Trace-Id': started.requestId || randomUUID(),
      },
    },
    started.now,
  );

  return run(async (ctx) => {
    const done = await finishActionRun(ctx.db, row.id, {
      ended_at: ctx.clock.now(),
      outcome: outcome.ok ? 'succeeded' : 'failed',
      http_status: outcome.ok ? outcome.status : null,
      error: outcome.ok ? null : outcome.failure.error,
    });
    const result = outcome.ok ? `succeeded (HTTP ${outcome.status})` : `failed: ${outcome.failure.error}`;
    await recordChange(
      ctx,
      incident,
      { kind: 'action_run', text: `The compensating action “${action.name}” ${result}`, data: { runId: row.id, actionId: action.id, name: action.name, kind: 'webhook', outcome: done?.outcome, httpStatus: done?.http_status, error: done?.error } },
      { action: 'incident.action_result', after: { runId: row.id, outcome: done?.outcome, httpStatus: done?.http_status } },
    );
    ctx.log.event('INCIDENT_ACTION_RUN', { incidentId: incident.id, actionId: action.id, outcome: done?.outcome, detail: outcome.ok ? undefined : outcome.failure.detail });
    return toRun({ ...(done ?? row), run_by_name: started.name });
  });
}

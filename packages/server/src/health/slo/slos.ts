import { ErrorCode, MAX_SLO_BACKFILL_DAYS, SloInput, type Slo, type SloDetail, type SloEventsInput } from '@operable/shared';
import type { z } from 'zod';
import { recordAudit } from '../../audit/index.js';
import { getService } from '../../catalog/index.js';
import { requireRole, requireTeamEditor } from '../../lib/authorize.js';
import type { Ctx } from '../../lib/context.js';
import { conflict, DomainError, invalid, notFound } from '../../lib/errors.js';
import { refusalForUrl } from '../../lib/outbound.js';
import { DAY, MINUTE } from './burn.js';
import { resolveSloAlerts } from './evaluate.js';
import {
  deleteBuckets,
  deleteSloRow,
  findSloByName,
  findSloRows,
  insertSloRow,
  lockSloRow,
  updateSloRow,
  upsertBuckets,
  type SloFilter,
  type SloRow,
} from './repository.js';
import { sliSourceOf } from './sources.js';
import { sloDetailView, sloView } from './views.js';

export type SloInputParsed = z.output<typeof SloInput>;

export async function listSlos(ctx: Ctx, filter: Omit<SloFilter, 'id' | 'ids'> = {}): Promise<Slo[]> {
  requireRole(ctx.actor, 'viewer');
  const now = ctx.clock.now();
  const rows = await findSloRows(ctx.db, filter);
  const views: Slo[] = [];
  for (const row of rows) views.push(await sloView(ctx.db, row, now));
  return views;
}

export async function getSlo(ctx: Ctx, id: string): Promise<SloDetail> {
  requireRole(ctx.actor, 'viewer');
  return sloDetailView(ctx.db, await rowOf(ctx, id), ctx.clock.now());
}

export async function createSlo(ctx: Ctx, input: SloInputParsed): Promise<SloDetail> {
  const service = await editableService(ctx, input.serviceId);
  await checkInput(ctx, input);
  if (await findSloByName(ctx.db, input.serviceId, input.name)) throw nameTaken(input.name, service.name);
  const now = ctx.clock.now();
  const id = await insertSloRow(ctx.db, { ...toRow(input), created_at: now, updated_at: now });
  const after = await getSlo(ctx, id);
  await recordAudit(ctx, { action: 'slo.create', entityType: 'slo', entityId: id, after: auditable(after) });
  ctx.log.event('SLO_CHANGED', { sloId: id, change: 'create' });
  return after;
}

/**
 * Replaces the definition. A new source or service makes the stored counts
 * meaningless for the new definition, so they are dropped; a new objective or
 * window keeps them (the same events, judged against a new target).
 */
export async function updateSlo(ctx: Ctx, id: string, input: SloInputParsed): Promise<SloDetail> {
  requireRole(ctx.actor, 'responder');
  if (!(await lockSloRow(ctx.db, id))) throw notFound('SLO', id);
  const row = await rowOf(ctx, id);
  requireTeamEditor(ctx.actor, row.team_id);
  const service = await editableService(ctx, input.serviceId);
  await checkInput(ctx, input);
  const same = await findSloByName(ctx.db, input.serviceId, input.name);
  if (same && same.id !== id) throw nameTaken(input.name, service.name);
  const before = await getSlo(ctx, id);
  const newSource = JSON.stringify(row.source) !== JSON.stringify(input.source) || row.service_id !== input.serviceId;
  if (newSource) {
    // Alerts raised from the old counts would wait forever for those counts to calm down.
    await resolveSloAlerts(ctx, row);
    await deleteBuckets(ctx.db, id);
  }
  await updateSloRow(ctx.db, id, { ...toRow(input), updated_at: ctx.clock.now(), ...(newSource ? { collected_until: null, open_severities: [] } : {}) });
  const after = await getSlo(ctx, id);
  await recordAudit(ctx, { action: 'slo.update', entityType: 'slo', entityId: id, before: auditable(before), after: auditable(after) });
  ctx.log.event('SLO_CHANGED', { sloId: id, change: 'update' });
  return after;
}

/** Its counts go with it; burn-rate alerts it left open are resolved and stay in the alert list. */
export async function deleteSlo(ctx: Ctx, id: string): Promise<void> {
  requireRole(ctx.actor, 'responder');
  if (!(await lockSloRow(ctx.db, id))) throw notFound('SLO', id);
  const row = await rowOf(ctx, id);
  requireTeamEditor(ctx.actor, row.team_id);
  const before = await getSlo(ctx, id);
  await resolveSloAlerts(ctx, row);
  await deleteSloRow(ctx.db, id);
  await recordAudit(ctx, { action: 'slo.delete', entityType: 'slo', entityId: id, before: auditable(before) });
  ctx.log.event('SLO_CHANGED', { sloId: id, change: 'delete' });
}

/**
 * Pushed SLI counts, one bucket per minute. Idempotent by bucket: sending a minute
 * again replaces what was stored for it, so a sender may retry a whole batch. These
 * are measurements, not configuration, so they write no audit row (like alerts).
 */
export async function pushSloEvents(ctx: Ctx, id: string, input: SloEventsInput): Promise<{ stored: number }> {
  requireRole(ctx.actor, 'responder');
  const row = await rowOf(ctx, id);
  requireTeamEditor(ctx.actor, row.team_id);
  const source = row.source as SloInputParsed['source'];
  if (source.type !== 'push') throw invalid([{ field: 'buckets', message: `This SLO reads its counts from ${source.type}; only push SLOs take events` }]);
  const now = ctx.clock.now().getTime();
  const oldest = now - MAX_SLO_BACKFILL_DAYS * DAY;
  const problems: { field: string; message: string }[] = [];
  const buckets = input.buckets.map((b, i) => {
    const start = Date.parse(b.start);
    if (start % MINUTE !== 0) problems.push({ field: `buckets.${i}.start`, message: 'Must be the start of a minute (seconds and milliseconds zero)' });
    else if (start > now) problems.push({ field: `buckets.${i}.start`, message: 'Must not be in the future' });
    else if (start < oldest) problems.push({ field: `buckets.${i}.start`, message: `Must be within the last ${MAX_SLO_BACKFILL_DAYS} days` });
    if (b.good > b.total) problems.push({ field: `buckets.${i}.good`, message: 'Must not exceed total' });
    return { start, good: b.good, total: b.total };
  });
  if (problems.length) throw invalid(problems.slice(0, 20));
  return { stored: await upsertBuckets(ctx.db, id, buckets) };
}

async function rowOf(ctx: Ctx, id: string): Promise<SloRow> {
  const [row] = await findSloRows(ctx.db, { id });
  if (!row) throw notFound('SLO', id);
  return row;
}

async function editableService(ctx: Ctx, serviceId: string) {
  requireRole(ctx.actor, 'responder');
  const service = await getService(ctx, serviceId).catch((err: unknown) => {
    if (err instanceof DomainError && err.code === ErrorCode.NotFound) throw invalid([{ field: 'serviceId', message: 'No such service' }]);
    throw err;
  });
  requireTeamEditor(ctx.actor, service.teamId);
  return service;
}

async function checkInput(ctx: Ctx, input: SloInputParsed): Promise<void> {
  if (input.kind === 'latency' && input.latencyThresholdMs === null) throw invalid([{ field: 'latencyThresholdMs', message: 'A latency SLO needs its threshold' }]);
  if (input.kind === 'availability' && input.latencyThresholdMs !== null) throw invalid([{ field: 'latencyThresholdMs', message: 'Only latency SLOs have a threshold' }]);
  const source = input.source;
  if (source.type === 'push') return;
  const collector = sliSourceOf(source.type);
  if (!collector) throw invalid([{ field: 'source.type', message: `No ${source.type} source is available on this server yet` }]);
  const problem = await collector.problem?.(ctx.db, source, input.serviceId);
  if (problem) throw invalid([problem]);
  if (source.type === 'prometheus') {
    const refusal = await refusalForUrl(ctx.settings.outbound, new URL(source.url));
    if (refusal) {
      ctx.log.event('OUTBOUND_ADDRESS_REFUSED', { field: 'source.url', ...refusal });
      throw invalid([{ field: 'source.url', message: 'This address is internal; an admin may allow it with OPERABLE_OUTBOUND_ALLOW' }]);
    }
  }
}

function toRow(input: SloInputParsed) {
  return {
    service_id: input.serviceId,
    name: input.name,
    description: input.description,
    kind: input.kind,
    objective: input.objective,
    window_days: input.windowDays,
    latency_threshold_ms: input.latencyThresholdMs,
    source: JSON.stringify(input.source),
    alerting: input.alerting,
  };
}

/** The definition without the moment's numbers, which would make every audit row differ. */
function auditable(view: SloDetail) {
  const { status: _status, series: _series, ...definition } = view;
  return definition;
}

const nameTaken = (name: string, service: string) => conflict(`${service} already has an SLO named "${name}"`, { fields: [{ field: 'name', message: 'Already taken for this service' }] });

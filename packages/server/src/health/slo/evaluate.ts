import { transitionByKey, triggerAlert } from '../../alerts/index.js';
import { inTransaction, type Database } from '../../db/index.js';
import type { Clock } from '../../lib/clock.js';
import type { Ctx, Settings } from '../../lib/context.js';
import type { Logger } from '../../lib/logger.js';
import type { SloSource } from '@operable/shared';
import { DAY, MINUTE, type Bucket, type Severity, type TierResult } from './burn.js';
import { claimSlo, findDueSloRows, findSloRows, markEvaluated, pruneBuckets, upsertBuckets, type SloRow } from './repository.js';
import { sliSourceOf } from './sources.js';
import { statusOf } from './views.js';

/** SLOs are evaluated once a minute: the finest bucket and the shortest window's resolution. */
export const SLO_EVALUATION_MS = 60_000;
const SEVERITIES: readonly Severity[] = ['page', 'ticket'];

export interface SloEngineEnv {
  database: Database;
  clock: Clock;
  log: Logger;
  settings: Settings;
}

export const sloDedupKey = (sloId: string, severity: Severity) => `slo:${sloId}:${severity}`;

/**
 * Collects pulled sources, then judges each due SLO's burn and moves its alerts:
 * a page tier firing raises a high-urgency (paging) alert, the ticket tier a
 * low-urgency one (it waits for working hours); each resolves when its tiers are
 * calm again. "No data" changes nothing: an open alert stays open, none is raised.
 *
 * Collection talks to the network, so it happens outside any transaction; the
 * judgement runs in one transaction per SLO that claims the row (SKIP LOCKED, still
 * due), so with several engines each SLO is judged once per minute. Two engines may
 * both collect a minute; buckets are idempotent, so that costs only a query.
 */
export async function evaluateDueSlos(env: SloEngineEnv, limit = 50): Promise<number> {
  const now = env.clock.now();
  const dueBefore = new Date(now.getTime() - SLO_EVALUATION_MS + 1_000);
  const due = await findDueSloRows(env.database.db, dueBefore, limit);
  let handled = 0;
  for (const row of due) {
    const collected = await collect(env, row, now);
    const done = await inTransaction(env.database.db, async (db) => {
      if (!(await claimSlo(db, row.id, dueBefore))) return false;
      await upsertBuckets(db, row.id, collected.buckets);
      const [fresh] = await findSloRows(db, { id: row.id });
      if (!fresh) return false;
      const ctx: Ctx = { actor: { kind: 'system', userId: null, role: 'admin', teamIds: [], label: `slo:${fresh.name}` }, db, clock: env.clock, log: env.log, requestId: `slo-${fresh.id}`, settings: env.settings };
      const open = await moveAlerts(ctx, fresh, now);
      await markEvaluated(db, fresh.id, { evaluated_at: now, open_severities: open, ...(collected.until ? { collected_until: collected.until } : {}) });
      // The chart reads two windows back; nothing older is ever read.
      await pruneBuckets(db, fresh.id, new Date(now.getTime() - 2 * fresh.window_days * DAY - DAY));
      return true;
    });
    if (done) handled++;
  }
  return handled;
}

async function collect(env: SloEngineEnv, row: SloRow, now: Date): Promise<{ buckets: Bucket[]; until?: Date }> {
  const source = row.source as SloSource;
  const collector = sliSourceOf(source.type);
  if (!collector) return { buckets: [] };
  // Whole minutes that have ended; a pause longer than the catch-up leaves a gap (no data).
  const to = Math.floor(now.getTime() / MINUTE) * MINUTE;
  const since = row.collected_until ? new Date(row.collected_until).getTime() : 0;
  const from = Math.max(since, to - collector.maxCatchUpMinutes * MINUTE);
  if (from >= to) return { buckets: [] };
  try {
    return { buckets: await collector.collect({ db: env.database.db, outbound: env.settings.outbound }, source, from, to, { kind: row.kind, latencyThresholdMs: row.latency_threshold_ms }), until: new Date(to) };
  } catch (error) {
    // The minutes stay uncollected and are tried again next minute, within the catch-up.
    env.log.event('SLO_SOURCE_FAILED', { sloId: row.id, source: source.type, reason: (error as Error).message });
    return { buckets: [] };
  }
}

/** Raises or resolves the SLO's page and ticket alerts; returns the severities left open. */
async function moveAlerts(ctx: Ctx, row: SloRow, now: Date): Promise<string[]> {
  const { status, tiers } = await statusOf(ctx.db, row, now);
  const open = new Set(row.open_severities);
  for (const severity of SEVERITIES) {
    const state = severity === 'page' ? status.page : status.ticket;
    const key = sloDedupKey(row.id, severity);
    if (row.alerting && state === 'firing' && !open.has(severity)) {
      const tier = worstTier(tiers, severity);
      await triggerAlert(ctx, {
        serviceId: row.service_id,
        integrationId: null,
        event: {
          action: 'trigger',
          dedupKey: key,
          summary: summaryOf(row, tier, status.budgetRemaining),
          source: 'slo',
          severity: severity === 'page' ? 'critical' : 'warning',
          urgency: severity === 'page' ? 'high' : 'low',
          details: {
            slo: row.name,
            objective: row.objective,
            windowDays: row.window_days,
            tier: `${label(tier.longMs)}/${label(tier.shortMs)}`,
            factor: round(tier.factor),
            longBurnRate: round(tier.longRate),
            shortBurnRate: round(tier.shortRate),
            budgetRemaining: round(status.budgetRemaining),
          },
          links: [{ href: `${ctx.settings.publicUrl.replace(/\/$/, '')}/slos/${row.id}`, text: 'SLO and error budget' }],
        },
      });
      open.add(severity);
      ctx.log.event('SLO_BURN_ALERT', { sloId: row.id, severity, longBurnRate: tier.longRate, shortBurnRate: tier.shortRate });
    } else if (open.has(severity) && (state === 'ok' || !row.alerting)) {
      await transitionByKey(ctx, row.service_id, key, 'resolve', 'slo');
      open.delete(severity);
      ctx.log.event('SLO_BURN_STOPPED', { sloId: row.id, severity });
    }
  }
  return [...open].sort();
}

/** Resolves whatever burn alerts an SLO left open (it is being deleted). */
export async function resolveSloAlerts(ctx: Ctx, row: SloRow): Promise<void> {
  for (const severity of row.open_severities as Severity[]) await transitionByKey(ctx, row.service_id, sloDedupKey(row.id, severity), 'resolve', 'slo');
}

function worstTier(tiers: TierResult[], severity: Severity): TierResult {
  return tiers.filter((t) => t.severity === severity && t.state === 'firing').sort((a, b) => b.longRate! / b.factor - a.longRate! / a.factor)[0]!;
}

function summaryOf(row: SloRow, tier: TierResult, remaining: number | null): string {
  const left = remaining === null ? '' : `; ${Math.round(Math.max(remaining, -9.99) * 100)} % of the ${row.window_days}-day budget left`;
  return `${row.service_name}: ${row.name} burning its error budget at ${round(tier.longRate)}× over ${label(tier.longMs)} (${round(tier.shortRate)}× over ${label(tier.shortMs)})${left}`;
}

const label = (ms: number) => (ms % DAY === 0 ? `${ms / DAY}d` : ms % (60 * MINUTE) === 0 ? `${ms / (60 * MINUTE)}h` : `${ms / MINUTE}m`);
const round = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

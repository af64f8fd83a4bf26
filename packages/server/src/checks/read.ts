import type { CheckPoint, CheckResolution } from '@operable/shared';
import type { Ctx } from '../lib/context.js';
import { invalid } from '../lib/errors.js';
import { getCheck } from './checks.js';
import { RETENTION_MS } from './rollups.js';
import { checkSeries, listResults } from './series.js';

/** Points a chart gets when it names no range. */
const DEFAULT_POINTS = 120;
const STEP_MS: Record<CheckResolution, number> = { raw: 60_000, minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** A check's chart data: rolled-up points, or each probe (`raw`, the last 48 hours). */
export async function getCheckSeries(ctx: Ctx, id: string, q: { resolution: CheckResolution; from?: string; to?: string }): Promise<CheckPoint[]> {
  await getCheck(ctx, id);
  // By default up to and including now: a probe started this instant is in.
  const to = q.to ? new Date(q.to) : new Date(ctx.clock.now().getTime() + 1);
  const from = q.from ? new Date(q.from) : new Date(to.getTime() - DEFAULT_POINTS * STEP_MS[q.resolution]);
  if (from >= to) throw invalid([{ field: 'query.from', message: 'Must be before to' }]);
  if (q.resolution !== 'raw') return (await checkSeries(ctx.db, [id], q.resolution, from, to)).get(id)!;
  const raw = await listResults(ctx.db, id, from, to, 2000);
  return raw.reverse().map((r) => {
    const latency = r.ok ? r.latencyMs : null;
    return { at: r.at, total: r.maintenance ? 0 : 1, up: r.ok && !r.maintenance ? 1 : 0, p50: latency, p95: latency, max: latency };
  });
}

/** A check's latest raw results, newest first. */
export async function getCheckResults(ctx: Ctx, id: string, limit: number) {
  await getCheck(ctx, id);
  const now = ctx.clock.now();
  return listResults(ctx.db, id, new Date(now.getTime() - RETENTION_MS.raw), new Date(now.getTime() + 1), limit);
}

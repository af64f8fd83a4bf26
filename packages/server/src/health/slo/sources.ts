import type { SloKind, SloSource } from '@operable/shared';
import type { Db } from '../../db/index.js';
import type { OutboundPolicy } from '../../lib/outbound.js';
import { MINUTE, type Bucket } from './burn.js';
import { queryInstant } from './prometheus.js';
import { findIntegration, heartbeatOutages } from './repository.js';

/**
 * Where an SLO's per-minute good/total counts come from. Pushed counts arrive
 * through the API and need no collector; the others are pulled by the engine
 * once a minute for the whole minutes since the last collection.
 */
export interface SliSource {
  /**
   * Buckets for whole minutes starting in [from, to); a minute without data is left out
   * (no data, not zero). `sli` says what a good event is, for sources that measure
   * latency themselves (a check's runs) rather than report good/total counts.
   */
  collect(env: SourceEnv, source: SloSource, from: number, to: number, sli: SliDefinition): Promise<Bucket[]>;
  /** Why `source` cannot be used for `serviceId` (a field-level message), or null. */
  problem?(db: Db, source: SloSource, serviceId: string): Promise<{ field: string; message: string } | null>;
  /** How many minutes one collection may catch up after a pause (a pulled API costs a request per minute). */
  maxCatchUpMinutes: number;
}

export interface SliDefinition {
  kind: SloKind;
  latencyThresholdMs: number | null;
}

export interface SourceEnv {
  db: Db;
  outbound: OutboundPolicy;
}

export type PulledType = Exclude<SloSource['type'], 'push'>;

/**
 * A heartbeat as an SLI: each minute is one event, bad if the integration's
 * missed-heartbeat alert was open at any moment of it. Minutes before the
 * integration existed have no data.
 */
const heartbeatSource: SliSource = {
  maxCatchUpMinutes: 24 * 60,
  async collect(env, source, from, to) {
    if (source.type !== 'heartbeat') return [];
    const integration = await findIntegration(env.db, source.integrationId);
    if (!integration) return [];
    const born = Math.ceil(new Date(integration.created_at).getTime() / MINUTE) * MINUTE;
    const start = Math.max(from, born);
    if (start >= to) return [];
    const outages = await heartbeatOutages(env.db, source.integrationId, new Date(start), new Date(to));
    const buckets: Bucket[] = [];
    for (let m = start; m < to; m += MINUTE) {
      const down = outages.some((o) => o.from < m + MINUTE && (o.to === null || o.to > m));
      buckets.push({ start: m, good: down ? 0 : 1, total: 1 });
    }
    return buckets;
  },
  async problem(db, source, serviceId) {
    if (source.type !== 'heartbeat') return null;
    const integration = await findIntegration(db, source.integrationId);
    if (!integration || integration.kind !== 'heartbeat' || integration.service_id !== serviceId) {
      return { field: 'source.integrationId', message: 'Must be a heartbeat integration of the same service' };
    }
    return null;
  },
};

/**
 * Two PromQL expressions, each the good or total events of the minute ending at
 * the evaluation time (`sum(increase(…[1m]))`), evaluated at each minute's end.
 * A minute where either gives nothing is left out.
 */
const prometheusSource: SliSource = {
  maxCatchUpMinutes: 15,
  async collect(env, source, from, to) {
    if (source.type !== 'prometheus') return [];
    const buckets: Bucket[] = [];
    for (let m = from; m < to; m += MINUTE) {
      const at = new Date(m + MINUTE);
      const [good, total] = await Promise.all([queryInstant(env.outbound, source.url, source.good, at), queryInstant(env.outbound, source.url, source.total, at)]);
      if (good === null || total === null) continue;
      // increase() extrapolates each series apart, so good can come out a hair above total.
      const t = Math.max(0, total);
      buckets.push({ start: m, good: Math.min(Math.max(0, good), t), total: t });
    }
    return buckets;
  },
};

const sources = new Map<PulledType, SliSource>([
  ['heartbeat', heartbeatSource],
  ['prometheus', prometheusSource],
]);

/**
 * Sources from domains the SLOs may not import plug in here at composition time:
 * `operable.ts` registers synthetic checks (`check-sli.ts`). A type nobody registered
 * is refused when saved.
 */
export function registerSliSource(type: PulledType, source: SliSource): void {
  sources.set(type, source);
}

export function sliSourceOf(type: SloSource['type']): SliSource | null {
  if (type === 'push') return null;
  return sources.get(type) ?? null;
}

/**
 * Generated pager history for the demo (and the browser test), so the health views
 * and the weekly review are not empty on first start. Deterministic: the same seed
 * gives the same weeks. Pure; history-repository.ts writes it.
 */
export interface HistoryPage {
  serviceId: string;
  alertKey: string;
  summary: string;
  triggeredAt: number;
  acknowledgedAt: number;
  resolvedAt: number;
  /** [userId, level, at] of each interrupting page, plus an email copy of each. */
  pages: { userId: string; level: number; at: number }[];
}

const KEYS = ['disk-full', 'http-5xx', 'queue-backlog', 'replication-lag', 'cert-expiry', 'latency-p99'];
const MIN = 60_000;
const WEEK = 7 * 86_400_000;

/** mulberry32: a tiny seeded generator, enough to vary demo data reproducibly. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A plausible shape: mostly quiet weeks, a bad stretch in the middle, one uneven rotation. */
const WEEKLY = [1, 3, 2, 1, 4, 7, 6, 2, 1, 3, 2, 4];

export function generateHistory(o: { serviceIds: string[]; memberIds: string[]; weeks: number; end: number; seed: number; thisWeekStart?: number }): HistoryPage[] {
  if (!o.serviceIds.length || !o.memberIds.length) return [];
  const rnd = random(o.seed);
  const out: HistoryPage[] = [];
  // The last week always ends with a page a few hours ago, or since the team's week began if that is
  // sooner, so "this week" is never blank in a demo (it was, in the first five hours of every week).
  const recent = Math.min(Math.max(o.end - 5 * 3_600_000, o.thisWeekStart ?? -Infinity), o.end - MIN);
  // Nothing after `end`: a page that recent is acknowledged and resolved by now, its escalation not sent.
  const past = (t: number) => Math.min(t, o.end);
  for (let w = 0; w < o.weeks; w++) {
    const weekStart = o.end - (o.weeks - w) * WEEK;
    const primary = o.memberIds[w % o.memberIds.length]!;
    const secondary = o.memberIds[(w + 1) % o.memberIds.length]!;
    const count = WEEKLY[(w + (o.seed % 5)) % WEEKLY.length]!;
    for (let i = 0; i < count; i++) {
      const triggeredAt = w === o.weeks - 1 && i === 0 ? recent : weekStart + Math.floor(rnd() * (WEEK - 4 * 3_600_000));
      if (triggeredAt >= o.end) continue;
      const serviceId = o.serviceIds[Math.floor(rnd() * o.serviceIds.length)]!;
      const alertKey = KEYS[Math.floor(rnd() * (rnd() < 0.6 ? 2 : KEYS.length))]!;
      const escalated = rnd() < 0.25;
      const ackAfter = escalated ? (12 + Math.floor(rnd() * 20)) * MIN : (1 + Math.floor(rnd() * 9)) * MIN;
      const pages = [{ userId: primary, level: 1, at: past(triggeredAt + 5_000) }];
      if (escalated && secondary !== primary && triggeredAt + 10 * MIN < o.end) pages.push({ userId: secondary, level: 2, at: triggeredAt + 10 * MIN });
      out.push({
        serviceId,
        alertKey,
        summary: `${alertKey.replace(/-/g, ' ')} on ${serviceId.slice(0, 8)}`,
        triggeredAt,
        acknowledgedAt: past(triggeredAt + ackAfter),
        resolvedAt: past(triggeredAt + ackAfter + (10 + Math.floor(rnd() * 170)) * MIN),
        pages,
      });
    }
  }
  return out.sort((a, b) => a.triggeredAt - b.triggeredAt);
}

export const DEMO_TOIL = [
  { what: 'Rotated TLS certificates by hand', minutes: 45, category: 'manual_ops' },
  { what: 'Restarted the stuck queue consumer', minutes: 30, category: 'manual_ops' },
  { what: 'Granted production access', minutes: 20, category: 'access' },
  { what: 'Fixed a bad row in the orders table', minutes: 90, category: 'data_fix' },
  { what: 'Silenced a flapping disk alert', minutes: 15, category: 'alert_noise' },
];

export const DEMO_RISKS = [
  { title: 'Single primary database, no tested failover', impact: 5, likelihood: 3, effort: 'L' },
  { title: 'TLS certificates rotated by hand', impact: 4, likelihood: 4, effort: 'S' },
  { title: 'Backups never restored in a drill', impact: 5, likelihood: 2, effort: '3d' },
  { title: 'Admin accounts without MFA', impact: 4, likelihood: 3, effort: 'M', kind: 'security' as const },
];

import { type Instant, toMs } from './types.js';

/** One page at one escalation level: level 1 is the primary, 2 and up secondary. */
export interface LevelPage {
  level: number;
  pagedAt: Instant;
  /** First acknowledgement of the alert, whoever gave it. */
  acknowledgedAt?: Instant | null;
  isDrill?: boolean;
}

export interface AckTargets {
  primaryMs: number;
  secondaryMs: number;
}

export const DEFAULT_ACK_TARGETS: AckTargets = { primaryMs: 5 * 60_000, secondaryMs: 30 * 60_000 };

export interface LevelCompliance {
  level: number;
  targetMs: number;
  pages: number;
  withinTarget: number;
  /** withinTarget / pages; null with no pages. */
  share: number | null;
}

export const targetForLevel = (level: number, targets: AckTargets): number => (level <= 1 ? targets.primaryMs : targets.secondaryMs);

/**
 * Share of pages acknowledged within the target of the level that was paged. A page
 * acknowledged exactly at the target is within it. Given `asOf`, a page still
 * unacknowledged whose target has not passed yet is pending and left out; without
 * it, every unacknowledged page missed. Levels come out in order.
 */
export function ackSlaByLevel(pages: readonly LevelPage[], targets: AckTargets = DEFAULT_ACK_TARGETS, asOf?: Instant): LevelCompliance[] {
  const byLevel = new Map<number, LevelCompliance>();
  const now = asOf === undefined ? Number.POSITIVE_INFINITY : toMs(asOf);
  for (const p of pages) {
    if (p.isDrill) continue;
    const level = Math.max(1, Math.floor(p.level));
    const targetMs = targetForLevel(level, targets);
    const paged = toMs(p.pagedAt);
    const acked = p.acknowledgedAt == null ? null : toMs(p.acknowledgedAt);
    if (acked === null && now - paged < targetMs) continue;
    const row = byLevel.get(level) ?? { level, targetMs, pages: 0, withinTarget: 0, share: null };
    row.pages += 1;
    if (acked !== null && acked - paged <= targetMs) row.withinTarget += 1;
    byLevel.set(level, row);
  }
  return [...byLevel.values()]
    .sort((a, b) => a.level - b.level)
    .map((r) => ({ ...r, share: r.pages === 0 ? null : r.withinTarget / r.pages }));
}

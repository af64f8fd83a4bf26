import type { CheckSummary } from '@operable/shared';

/** What a check's state says to a person: words first, never colour alone. */
export function stateLabel(c: Pick<CheckSummary, 'state' | 'paused'>): string {
  if (c.paused) return 'Paused';
  return { down: 'Down', up: 'Up', pending: 'Waiting for first probe' }[c.state];
}

export function stateClass(c: Pick<CheckSummary, 'state' | 'paused'>): string {
  return c.paused ? 'check-paused' : `check-${c.state}`;
}

/** "99.95 %", "100 %", "—" without probes. Never rounds a failure up to 100. */
export function uptimeText(ratio: number | null): string {
  if (ratio === null) return '—';
  if (ratio === 1) return '100 %';
  const pct = Math.floor(ratio * 10_000) / 100;
  return `${pct.toFixed(2)} %`;
}

/** "3 min", "2 h 5 min", "4 days": how long, roughly, for "down for …". */
export function durationText(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 1) return 'under a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  return `${Math.floor(hours / 24)} days`;
}

/** "every 30 s", "every 5 min", "every 2 h". */
export function intervalText(seconds: number): string {
  if (seconds < 60) return `every ${seconds} s`;
  if (seconds < 3600) return `every ${Math.round(seconds / 60)} min`;
  return `every ${Math.round(seconds / 3600)} h`;
}

/** Down first (longest down first), then waiting, then up, then paused; by name within. */
export function orderChecks<T extends Pick<CheckSummary, 'state' | 'paused' | 'name' | 'stateChangedAt'>>(checks: readonly T[]): T[] {
  const rank = (c: T) => (c.paused ? 3 : c.state === 'down' ? 0 : c.state === 'pending' ? 1 : 2);
  return [...checks].sort((a, b) => rank(a) - rank(b) || (rank(a) === 0 ? (a.stateChangedAt ?? '').localeCompare(b.stateChangedAt ?? '') : 0) || a.name.localeCompare(b.name));
}

/** Sparkline values: failed probes (-1) become gaps, so a failure never looks like a fast answer. */
export function sparkValues(recent: readonly number[]): (number | null)[] {
  return recent.map((v) => (v < 0 ? null : v));
}

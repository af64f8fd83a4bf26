import type { Slo, SloStatus } from '@operable/shared';

/** How an SLO stands, worst first: what a responder needs to read before any number. */
export type SloTone = 'paging' | 'ticket' | 'spent' | 'no_data' | 'ok';

export const TONE_LABELS: Record<SloTone, string> = {
  paging: 'Burning fast',
  ticket: 'Burning slowly',
  spent: 'Budget spent',
  no_data: 'No data',
  ok: 'Within budget',
};

const TONE_ORDER: SloTone[] = ['paging', 'ticket', 'spent', 'no_data', 'ok'];

export function toneOf(status: SloStatus): SloTone {
  if (status.page === 'firing') return 'paging';
  if (status.ticket === 'firing') return 'ticket';
  if (status.budgetRemaining !== null && status.budgetRemaining <= 0) return 'spent';
  if (status.total === 0) return 'no_data';
  return 'ok';
}

/** 0.999 → "99.9 %", 0.95 → "95 %": as many decimals as the number needs, at most 3. */
export function percent(ratio: number, maxDecimals = 3): string {
  const fixed = (ratio * 100).toFixed(maxDecimals);
  const text = fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
  return `${text} %`;
}

/** "62 % left", "all left", "overspent by 40 %", or "no data". */
export function budgetText(remaining: number | null): string {
  if (remaining === null) return 'no data';
  if (remaining >= 1) return 'all left';
  if (remaining < 0) return `overspent by ${percent(-remaining, 0)}`;
  return `${percent(remaining, remaining < 0.1 ? 1 : 0)} left`;
}

/** 14.4 → "14.4×", 0.23333 → "0.23×", null → "no data". */
export function rateText(rate: number | null): string {
  if (rate === null) return 'no data';
  const digits = rate >= 10 ? 1 : rate >= 1 ? 1 : 2;
  return `${Number(rate.toFixed(digits))}×`;
}

export function windowText(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440} d`;
  if (minutes % 60 === 0) return `${minutes / 60} h`;
  return `${minutes} min`;
}

/**
 * At the burn rate of the tier that fires (its long window), how long until the
 * window's budget is gone: remaining × window / rate. Null when nothing burns.
 */
export function exhaustionHours(slo: Pick<Slo, 'windowDays' | 'status'>): number | null {
  const firing = slo.status.tiers.filter((t) => t.state === 'firing' && t.longBurnRate !== null);
  const remaining = slo.status.budgetRemaining;
  if (!firing.length || remaining === null || remaining <= 0) return null;
  const rate = Math.max(...firing.map((t) => t.longBurnRate!));
  return rate > 0 ? (remaining * slo.windowDays * 24) / rate : null;
}

export function durationText(hours: number): string {
  if (hours < 1) return `${Math.max(1, Math.round(hours * 60))} min`;
  if (hours < 48) return `${Math.round(hours)} h`;
  return `${Math.round(hours / 24)} days`;
}

/** One sentence under the name: what is happening and what it means. */
export function headline(slo: Pick<Slo, 'windowDays' | 'status' | 'objective'>): string {
  const tone = toneOf(slo.status);
  const firing = slo.status.tiers.filter((t) => t.state === 'firing');
  const fastest = firing.sort((a, b) => (b.longBurnRate ?? 0) - (a.longBurnRate ?? 0))[0];
  const left = exhaustionHours(slo);
  const gone = left === null ? '' : `; at this rate the budget is gone in ${durationText(left)}`;
  switch (tone) {
    case 'paging':
    case 'ticket':
      return `Burning the error budget at ${rateText(fastest!.longBurnRate)} over ${windowText(fastest!.longWindowMinutes)}${gone}.`;
    case 'spent':
      return `The ${slo.windowDays}-day error budget is spent (${budgetText(slo.status.budgetRemaining)}): slow down risky changes.`;
    case 'no_data':
      return `No traffic in the last ${slo.windowDays} days: nothing to judge yet.`;
    default:
      return `${capitalize(budgetText(slo.status.budgetRemaining))} of the ${slo.windowDays}-day error budget; SLI ${slo.status.sli === null ? 'no data' : percent(slo.status.sli)} against ${percent(slo.objective)}.`;
  }
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Worst first, then least budget left, then by name. */
export function sortSlos<T extends Pick<Slo, 'name' | 'status'>>(slos: readonly T[]): T[] {
  const rank = (s: T) => TONE_ORDER.indexOf(toneOf(s.status));
  const budget = (s: T) => s.status.budgetRemaining ?? Number.POSITIVE_INFINITY;
  return [...slos].sort((a, b) => rank(a) - rank(b) || budget(a) - budget(b) || a.name.localeCompare(b.name));
}

export function sourceText(source: Slo['source']): string {
  switch (source.type) {
    case 'push':
      return 'Counts pushed to the API';
    case 'heartbeat':
      return 'Heartbeat (a missed minute is bad)';
    case 'check':
      return 'Synthetic check';
    case 'prometheus':
      return `Prometheus at ${hostOf(source.url)}`;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export function objectiveText(slo: Pick<Slo, 'kind' | 'objective' | 'latencyThresholdMs' | 'windowDays'>): string {
  const what = slo.kind === 'latency' ? `of requests faster than ${slo.latencyThresholdMs} ms` : 'of requests succeed';
  return `${percent(slo.objective)} ${what}, over ${slo.windowDays} days`;
}

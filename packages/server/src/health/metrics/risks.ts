/** Level of effort: T-shirt sizes or a number of days ("3d"). */
export type Effort = 'S' | 'M' | 'L' | 'XL' | `${number}d`;

/** Days a T-shirt size stands for when sorting against efforts given in days. */
const SIZE_DAYS: Record<string, number> = { S: 1, M: 3, L: 10, XL: 30 };

/** Effort in days, for ordering: S 1, M 3, L 10, XL 30, "Nd" N. Unknown sorts last. */
export function effortDays(effort: string): number {
  if (effort in SIZE_DAYS) return SIZE_DAYS[effort]!;
  const m = /^(\d+)d$/.exec(effort);
  return m ? Number(m[1]) : Number.POSITIVE_INFINITY;
}

export interface RiskLike {
  id: string;
  impact: number;
  likelihood: number;
  effort: string;
  status: string;
}

export const riskScore = (r: Pick<RiskLike, 'impact' | 'likelihood'>): number => r.impact * r.likelihood;

/**
 * The top of the risk backlog: risks still open or being mitigated, highest score
 * first, then the cheaper fix first (more risk off the table per day), then by id.
 */
export function topRisks<T extends RiskLike>(risks: readonly T[], count = 10): T[] {
  return risks
    .filter((r) => r.status === 'open' || r.status === 'mitigating')
    .sort((a, b) => riskScore(b) - riskScore(a) || effortDays(a.effort) - effortDays(b.effort) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, count);
}

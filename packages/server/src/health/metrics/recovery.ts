/** A recovery time-off record: granted automatically, the person may decline it. */
export interface RecoveryRecord {
  userId: string;
  /** Local date (person's zone) the time off is for, YYYY-MM-DD. */
  day: string;
  status: 'granted' | 'declined';
  reason?: string;
  /**
   * Whether the rest day was really taken, when the caller knows better than the
   * calendar (schedules' rule: the day is over and the person held no shift that day).
   */
  taken?: boolean;
}

export interface RecoveryDays {
  /** Every day granted (a declined grant was still granted). */
  granted: number;
  /** Granted, not declined, and the day has come (on or before `today`). */
  taken: number;
  declined: number;
  /** Granted, not declined, still ahead. */
  upcoming: number;
}

/**
 * Recovery days granted and taken, per person. `today` is a local YYYY-MM-DD
 * (compared as text); a past day the person worked anyway is granted, not taken.
 */
export function recoveryDays(records: readonly RecoveryRecord[], today: string): Map<string, RecoveryDays> {
  const out = new Map<string, RecoveryDays>();
  for (const r of records) {
    const row = out.get(r.userId) ?? { granted: 0, taken: 0, declined: 0, upcoming: 0 };
    row.granted += 1;
    if (r.status === 'declined') row.declined += 1;
    else if (r.day > today) row.upcoming += 1;
    else if (r.taken ?? true) row.taken += 1;
    out.set(r.userId, row);
  }
  return out;
}

export function sumRecovery(rows: Iterable<RecoveryDays>): RecoveryDays {
  const t = { granted: 0, taken: 0, declined: 0, upcoming: 0 };
  for (const r of rows) {
    t.granted += r.granted;
    t.taken += r.taken;
    t.declined += r.declined;
    t.upcoming += r.upcoming;
  }
  return t;
}

/**
 * Per-integration limit on events per minute, so one runaway sender cannot starve
 * the rest. Kept in memory per process: a limit of N per process is a limit of N×P
 * for P processes, which is fine for protection and costs no database write per event.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  /** Counts one event; returns null when allowed, else the seconds until the window frees. */
  take(key: string, perMinute: number, now: Date): number | null {
    const t = now.getTime();
    const w = this.windows.get(key);
    if (!w || t - w.start >= 60_000) {
      this.windows.set(key, { start: t, count: 1 });
      if (this.windows.size > 10_000) this.prune(t);
      return null;
    }
    if (w.count >= perMinute) return Math.max(1, Math.ceil((w.start + 60_000 - t) / 1000));
    w.count++;
    return null;
  }

  private prune(t: number) {
    for (const [k, w] of this.windows) if (t - w.start >= 60_000) this.windows.delete(k);
  }
}

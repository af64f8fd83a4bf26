/** All time comes from a Clock so tests (and the engine) can fast-forward. */
export interface Clock {
  now(): Date;
  /**
   * Calls `fn` every `ms` of this clock's time until the returned function is
   * called: for work that must keep happening while something slow runs (outbox
   * lease renewal). A fake clock fires it as tests advance time.
   */
  every(ms: number, fn: () => unknown): () => void;
}

export const systemClock: Clock = {
  now: () => new Date(),
  every(ms, fn) {
    const timer = setInterval(fn, ms);
    timer.unref();
    return () => clearInterval(timer);
  },
};

interface FakeTimer {
  at: number;
  ms: number;
  fn: () => unknown;
}

/** A clock that only moves when told to. */
export class FakeClock implements Clock {
  private ms: number;
  private readonly timers = new Set<FakeTimer>();
  private readonly started: Promise<unknown>[] = [];
  constructor(start: Date | string = '2026-01-06T09:00:00Z') {
    this.ms = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.ms);
  }
  /** Moves time forward, firing each timer at its own moments (the clock reads that moment meanwhile). */
  advance(ms: number): void {
    const end = this.ms + ms;
    for (;;) {
      let next: FakeTimer | undefined;
      for (const t of this.timers) if (t.at <= end && (!next || t.at < next.at)) next = t;
      if (!next) break;
      this.ms = next.at;
      next.at += next.ms;
      const result = next.fn();
      if (result instanceof Promise) this.started.push(result.catch(() => {}));
    }
    this.ms = end;
  }
  set(at: Date | string): void {
    this.ms = new Date(at).getTime();
  }
  every(ms: number, fn: () => unknown): () => void {
    if (!(ms > 0)) throw new Error('FakeClock.every needs a positive interval');
    const timer = { at: this.ms + ms, ms, fn };
    this.timers.add(timer);
    return () => void this.timers.delete(timer);
  }
  /** Waits for the work that timers started while time was advanced. */
  async settle(): Promise<void> {
    while (this.started.length) await Promise.all(this.started.splice(0));
  }
}

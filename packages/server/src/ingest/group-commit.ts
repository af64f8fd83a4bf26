/**
 * Group commit for ingest. Events that arrive while a transaction is running wait
 * for the next one, so under load one commit (one fsync) covers many senders,
 * while a lone event is committed on the next turn of the event loop: there is
 * no timer and no added wait.
 * Every sender still hears back only after its own event is committed.
 */
export class GroupCommitter<I, R> {
  private queue: { item: I; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private active = 0;
  private starting = 0;

  constructor(
    /** Applies items all or nothing (one transaction or one statement), in order, returning one result per item. */
    private readonly runBatch: (items: I[]) => Promise<R[]>,
    private readonly options: {
      /** The most a batch holds, in `weight` (items, unless a weight is given). */
      maxBatch: number;
      concurrency: number;
      /** How much of a batch one item takes: one Alertmanager body carries a hundred alerts. */
      weight?: (item: I) => number;
      /** An error that is no item's fault (the database is gone): it fails the whole batch instead of a retry per item. */
      failsAll?: (error: unknown) => boolean;
    } = { maxBatch: 256, concurrency: 1 },
  ) {}

  submit(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      // Start on the next turn of the event loop, not now: requests read in the same
      // turn then share the first commit. Starting at once made every batch one
      // event long on PGlite, whose queries resolve without yielding to I/O.
      if (this.active + this.starting < this.options.concurrency) {
        this.starting++;
        setImmediate(() => {
          this.starting--;
          void this.drain();
        });
      }
    });
  }

  /** How many queued items the next batch takes: at least one, however heavy. */
  private batchLength(): number {
    const weigh = this.options.weight;
    if (!weigh) return this.options.maxBatch;
    let total = 0;
    let n = 0;
    while (n < this.queue.length && (n === 0 || total + weigh(this.queue[n]!.item) <= this.options.maxBatch)) total += weigh(this.queue[n++]!.item);
    return n;
  }

  private async drain(): Promise<void> {
    this.active++;
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, this.batchLength());
        try {
          const results = await this.runBatch(batch.map((b) => b.item));
          batch.forEach((b, i) => b.resolve(results[i]!));
        } catch (error) {
          if (batch.length === 1 || this.options.failsAll?.(error)) {
            for (const b of batch) b.reject(error);
            continue;
          }
          // One bad item must not fail the others: run each on its own.
          for (const [i, b] of batch.entries()) {
            try {
              b.resolve((await this.runBatch([b.item]))[0]!);
            } catch (own) {
              b.reject(own);
              if (!this.options.failsAll?.(own)) continue;
              for (const rest of batch.slice(i + 1)) rest.reject(own);
              break;
            }
          }
        }
      }
    } finally {
      this.active--;
    }
  }
}

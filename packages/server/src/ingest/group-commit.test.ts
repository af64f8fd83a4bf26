import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GroupCommitter } from './group-commit.js';

describe('GroupCommitter', () => {
  it('commits what arrives in one turn together, and batches what arrives meanwhile', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const gc = new GroupCommitter<number, number>(async (items) => {
      batches.push(items);
      if (batches.length === 1) await gate;
      return items.map((i) => i * 10);
    });
    const first = [1, 2].map((i) => gc.submit(i));
    await new Promise((r) => setImmediate(r));
    expect(batches).toEqual([[1, 2]]);
    const rest = [3, 4, 5].map((i) => gc.submit(i));
    release();
    expect(await Promise.all([...first, ...rest])).toEqual([10, 20, 30, 40, 50]);
    expect(batches).toEqual([[1, 2], [3, 4, 5]]);
  });

  it('weighs items: a batch holds at most maxBatch of weight, and an item heavier than that goes alone', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 150 }), { minLength: 1, maxLength: 40 }), async (weights) => {
        const batches: number[][] = [];
        const gc = new GroupCommitter<number, number>(async (items) => (batches.push(items), items), { maxBatch: 100, concurrency: 1, weight: (w) => w });
        expect(await Promise.all(weights.map((w) => gc.submit(w)))).toEqual(weights);
        expect(batches.flat()).toEqual(weights);
        for (const b of batches) expect(b.length === 1 || b.reduce((a, w) => a + w, 0) <= 100).toBe(true);
      }),
    );
  });

  it('runs a lone item on the next turn, with no timer', async () => {
    const gc = new GroupCommitter<number, number>(async (items) => items);
    let done = false;
    const one = gc.submit(7).then((v) => ((done = true), v));
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(done).toBe(true);
    expect(await one).toBe(7);
  });

  it('isolates a failing item: the others still succeed', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let calls = 0;
    const gc = new GroupCommitter<number, number>(async (items) => {
      if (calls++ === 0) await gate;
      if (items.includes(13)) throw new Error('bad 13');
      return items;
    });
    const first = gc.submit(0);
    const results = [12, 13, 14].map((i) => gc.submit(i).then((v) => ({ v }), (e: Error) => ({ e: e.message })));
    release();
    await first;
    expect(await Promise.all(results)).toEqual([{ v: 12 }, { e: 'bad 13' }, { v: 14 }]);
  });

  it('fails the whole batch at once for an error that is no item\'s fault (the database is gone)', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const runs: number[][] = [];
    const gone = new Error('database gone');
    const gc = new GroupCommitter<number, number>(
      async (items) => {
        runs.push(items);
        if (runs.length === 1) {
          await gate;
          return items;
        }
        throw gone;
      },
      { maxBatch: 10, concurrency: 1, failsAll: (e) => e === gone },
    );
    const first = gc.submit(0);
    await new Promise((r) => setImmediate(r)); // the first batch is running: the rest gather behind it
    const results = [1, 2, 3].map((i) => gc.submit(i).then((v) => ({ v }), (e: Error) => ({ e: e.message })));
    release();
    await first;
    expect(await Promise.all(results)).toEqual([{ e: 'database gone' }, { e: 'database gone' }, { e: 'database gone' }]);
    // Not retried one by one: each retry would wait on the same unreachable database.
    expect(runs).toEqual([[0], [1, 2, 3]]);
  });

  it('stops retrying one by one once an item meets such an error', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const runs: number[][] = [];
    const gone = new Error('database gone');
    const gc = new GroupCommitter<number, number>(
      async (items) => {
        runs.push(items);
        if (runs.length === 1) await gate;
        if (items.length > 1) throw new Error('bad batch');
        if (items[0] === 2) throw gone;
        return items;
      },
      { maxBatch: 10, concurrency: 1, failsAll: (e) => e === gone },
    );
    const first = gc.submit(0);
    await new Promise((r) => setImmediate(r)); // the first batch is running: the rest gather behind it
    const results = [1, 2, 3].map((i) => gc.submit(i).then((v) => ({ v }), (e: Error) => ({ e: e.message })));
    release();
    await first;
    expect(await Promise.all(results)).toEqual([{ v: 1 }, { e: 'database gone' }, { e: 'database gone' }]);
    expect(runs).toEqual([[0], [1, 2, 3], [1], [2]]);
  });

  it('resolves every submitted item exactly once, in any arrival pattern', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 8 }), async (gaps, maxBatch) => {
        const seen: number[] = [];
        const gc = new GroupCommitter<number, number>(
          async (items) => {
            seen.push(...items);
            await Promise.resolve();
            return items.map((i) => -i);
          },
          { maxBatch, concurrency: 1 },
        );
        const pending: Promise<number>[] = [];
        for (const [i, gap] of gaps.entries()) {
          for (let k = 0; k < gap; k++) await Promise.resolve();
          pending.push(gc.submit(i));
        }
        const results = await Promise.all(pending);
        expect(results).toEqual(gaps.map((_, i) => -i));
        expect([...seen].sort((a, b) => a - b)).toEqual(gaps.map((_, i) => i));
      }),
    );
  });
});

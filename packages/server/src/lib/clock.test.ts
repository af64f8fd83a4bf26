import { describe, expect, it } from 'vitest';
import { FakeClock } from './clock.js';

describe('FakeClock timers', () => {
  it('fires a timer at each of its moments while time advances, reading that moment', () => {
    const clock = new FakeClock('2026-03-03T10:00:00Z');
    const seen: string[] = [];
    const stop = clock.every(5_000, () => seen.push(clock.now().toISOString().slice(11, 19)));
    clock.advance(4_999);
    expect(seen).toEqual([]);
    clock.advance(11_000);
    expect(seen).toEqual(['10:00:05', '10:00:10', '10:00:15']);
    expect(clock.now().toISOString()).toBe('2026-03-03T10:00:15.999Z');
    stop();
    clock.advance(60_000);
    expect(seen).toHaveLength(3);
  });

  it('fires several timers in time order', () => {
    const clock = new FakeClock();
    const seen: string[] = [];
    clock.every(3_000, () => seen.push('a'));
    clock.every(2_000, () => seen.push('b'));
    clock.advance(6_000);
    // At 2, 3, 4 and 6 s; at 6 s both are due and the one set first fires first.
    expect(seen).toEqual(['b', 'a', 'b', 'a', 'b']);
  });

  it('lets a test wait for the work its timers started', async () => {
    const clock = new FakeClock();
    let done = 0;
    clock.every(1_000, async () => {
      await new Promise((r) => setTimeout(r, 5));
      done++;
    });
    clock.advance(3_000);
    expect(done).toBe(0);
    await clock.settle();
    expect(done).toBe(3);
  });
});

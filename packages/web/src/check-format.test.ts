import { describe, expect, it } from 'vitest';
import { durationText, intervalText, orderChecks, sparkValues, stateLabel, uptimeText } from './check-format';

describe('check wording', () => {
  it('says the state in words', () => {
    expect(stateLabel({ state: 'down', paused: false })).toBe('Down');
    expect(stateLabel({ state: 'down', paused: true })).toBe('Paused');
    expect(stateLabel({ state: 'pending', paused: false })).toBe('Waiting for first probe');
  });

  it('never rounds a failure up to 100 %', () => {
    expect(uptimeText(0.99999)).toBe('99.99 %');
    expect(uptimeText(1)).toBe('100 %');
    expect(uptimeText(null)).toBe('—');
  });

  it('reads durations and intervals like a person would say them', () => {
    expect(durationText(30_000)).toBe('under a minute');
    expect(durationText(125 * 60_000)).toBe('2 h 5 min');
    expect(durationText(3 * 86_400_000)).toBe('3 days');
    expect(intervalText(20)).toBe('every 20 s');
    expect(intervalText(300)).toBe('every 5 min');
  });

  it('lists what is broken first, the longest down on top', () => {
    const c = (name: string, state: 'up' | 'down' | 'pending', paused = false, stateChangedAt: string | null = null) => ({ name, state, paused, stateChangedAt });
    const ordered = orderChecks([c('a', 'up'), c('b', 'down', false, '2026-01-02'), c('c', 'down', false, '2026-01-01'), c('d', 'down', true), c('e', 'pending')]);
    expect(ordered.map((x) => x.name)).toEqual(['c', 'b', 'e', 'a', 'd']);
  });

  it('turns failed probes into gaps', () => {
    expect(sparkValues([10, -1, 30])).toEqual([10, null, 30]);
  });
});

import { describe, expect, it } from 'vitest';
import { lateText, partClock, relative, sortForList } from './postmortem-format';

describe('post-mortem words', () => {
  it('says what is late', () => {
    expect(lateText([])).toBe('');
    expect(lateText([{ what: 'meeting', since: '' }, { what: 'action_items', since: '', count: 2 }])).toBe('Meeting overdue, 2 action items overdue');
    expect(lateText([{ what: 'action_items', since: '', count: 1 }, { what: 'follow_up', since: '' }])).toBe('1 action item overdue, 30-day follow-up due');
  });

  it('times agenda parts, left then over', () => {
    expect(partClock(5, 0)).toEqual({ text: '5:00 left', over: false, fraction: 0 });
    expect(partClock(5, 61_000)).toMatchObject({ text: '3:59 left', over: false });
    expect(partClock(5, 5 * 60_000)).toMatchObject({ text: '0:00 left', over: false, fraction: 1 });
    expect(partClock(5, 5 * 60_000 + 75_000)).toEqual({ text: '1:15 over', over: true, fraction: 1 });
  });

  it('puts late post-mortems first, the longest late first', () => {
    const p = (id: string, late: string | null, resolved: string) => ({ id, late: late ? [{ what: 'meeting' as const, since: late }] : [], incidentResolvedAt: resolved }) as never;
    const sorted = sortForList([p('a', null, '2026-03-05'), p('b', '2026-03-04', '2026-03-01'), p('c', '2026-03-02', '2026-02-20'), p('d', null, '2026-03-06')]);
    expect(sorted.map((x: { id: string }) => x.id)).toEqual(['c', 'b', 'd', 'a']);
  });

  it('says deadlines relative to now', () => {
    const now = Date.parse('2026-03-03T10:00:00Z');
    expect(relative('2026-03-05T10:00:00Z', now)).toBe('in 2 days');
    expect(relative('2026-03-03T07:00:00Z', now)).toBe('3 hours ago');
    expect(relative('2026-03-03T10:00:30Z', now)).toBe('in 1 minute');
  });
});

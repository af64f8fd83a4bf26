import type { Layer } from '@operable/shared';
import { describe, expect, it } from 'vitest';
import {
  describeRotation,
  describeWindow,
  dstHint,
  emptyLayer,
  fromLayer,
  layerProblem,
  moveItem,
  previousPrimaryLayer,
  RESTRICTION_PRESETS,
  toLayerInput,
  type DraftLayer,
} from './schedule-draft';

const people = (...names: string[]) => names.map((n) => ({ key: n, id: n, name: n }));

describe('schedule layers in the form', () => {
  it('starts weekly, handing off Tuesday 10:00', () => {
    const input = toLayerInput({ ...emptyLayer('2025-03-10'), participants: people('a') });
    expect(input).toMatchObject({ role: 'primary', shiftUnit: 'week', shiftLength: 1, handoffWeekday: 2, handoffTime: '10:00', startDate: '2025-03-10', restriction: null });
  });

  it('sends every N units as the unit and the length', () => {
    const base = { ...emptyLayer('2025-03-10'), participants: people('a') };
    expect(toLayerInput({ ...base, rotation: 'hours', length: '12' })).toMatchObject({ shiftUnit: 'hour', shiftLength: 12 });
    expect(toLayerInput({ ...base, rotation: 'days', length: '3' })).toMatchObject({ shiftUnit: 'day', shiftLength: 3 });
    // A stale N from a custom choice does not leak into a plain daily rotation.
    expect(toLayerInput({ ...base, rotation: 'daily', length: '3' })).toMatchObject({ shiftUnit: 'day', shiftLength: 1 });
  });

  it('says what daylight-saving changes do to an hour rotation of the length chosen, and nothing for days and weeks', () => {
    const keeps = 'Handoffs stay at the same local times across daylight-saving changes.';
    const moves = 'Shifts keep their exact length in hours; handoff times move by an hour across daylight-saving changes.';
    const hint = (rotation: DraftLayer['rotation'], length: string) => dstHint({ rotation, length });
    expect(hint('hourly', '5')).toBe(keeps);
    expect(['1', '2', '3', '4', '6', '8', '12', '24', '48'].map((n) => hint('hours', n))).toEqual(Array(9).fill(keeps));
    expect(['5', '7', '9', '16', '36'].map((n) => hint('hours', n))).toEqual(Array(5).fill(moves));
    expect(['', '0', '2.5', 'x'].map((n) => hint('hours', n))).toEqual([null, null, null, null]);
    expect([hint('weekly', '1'), hint('weeks', '2'), hint('daily', '1'), hint('days', '5')]).toEqual([null, null, null, null]);
  });

  it('round-trips a stored layer', () => {
    const layer: Layer = {
      id: 'l1',
      name: 'Nights',
      position: 0,
      role: 'secondary',
      participants: [{ id: 'a', name: 'Ada' }, { id: 'b', name: 'Bo' }],
      shiftUnit: 'hour',
      shiftLength: 12,
      handoffWeekday: 2,
      handoffTime: '08:00',
      startDate: '2025-01-01',
      restriction: [{ days: [1, 2], start: '20:00', end: '08:00' }],
    };
    const draft = fromLayer(layer);
    expect(draft.rotation).toBe('hours');
    expect(toLayerInput(draft)).toEqual({
      name: 'Nights',
      role: 'secondary',
      participantIds: ['a', 'b'],
      shiftUnit: 'hour',
      shiftLength: 12,
      handoffWeekday: 2,
      handoffTime: '08:00',
      startDate: '2025-01-01',
      restriction: [{ days: [1, 2], start: '20:00', end: '08:00' }],
    });
  });

  it('has the restriction presets the rotation needs', () => {
    const strip = (ws: { days: number[]; start: string; end: string }[]) => ws.map(({ days, start, end }) => ({ days, start, end }));
    expect(strip(RESTRICTION_PRESETS.weekdays())).toEqual([{ days: [1, 2, 3, 4, 5], start: '00:00', end: '00:00' }]);
    expect(strip(RESTRICTION_PRESETS.business())).toEqual([{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }]);
    expect(strip(RESTRICTION_PRESETS.daily('08:00', '16:00'))).toEqual([{ days: [1, 2, 3, 4, 5, 6, 7], start: '08:00', end: '16:00' }]);
  });

  it('makes the secondary whoever was primary the shift before', () => {
    const primary: DraftLayer = { ...emptyLayer('2025-03-10'), participants: people('a', 'b', 'c') };
    const secondary = previousPrimaryLayer(primary);
    expect(secondary.role).toBe('secondary');
    expect(secondary.participants.map((p) => p.id)).toEqual(['c', 'a', 'b']);
    // For every shift k, the secondary is the primary of shift k - 1.
    const n = 3;
    for (let k = 1; k < 10; k++) {
      expect(secondary.participants[k % n]!.id).toBe(primary.participants[(k - 1) % n]!.id);
    }
    expect(new Set(secondary.participants.map((p) => p.key)).size).toBe(3);
    expect(secondary.participants.some((p) => primary.participants.some((q) => q.key === p.key))).toBe(false);
  });

  it('moves items and catches what the server would refuse', () => {
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(['a', 'b'], 1, 2)).toEqual(['a', 'b']);
    const layer = emptyLayer('2025-03-10');
    expect(layerProblem(layer, 0)).toMatch(/Layer 1 has nobody/);
    expect(layerProblem({ ...layer, participants: people('a'), restriction: [{ key: 'w', days: [], start: '09:00', end: '17:00' }] }, 1)).toMatch(/Layer 2: every restriction window/);
    expect(layerProblem({ ...layer, participants: people('a') }, 0)).toBeNull();
  });

  it('describes rotations and windows in words', () => {
    expect(describeRotation({ shiftUnit: 'week', shiftLength: 1, handoffWeekday: 2, handoffTime: '10:00' })).toBe('Weekly, handing off Tuesday 10:00');
    expect(describeRotation({ shiftUnit: 'hour', shiftLength: 12, handoffWeekday: 2, handoffTime: '08:00' })).toBe('Every 12 hours, from 08:00');
    expect(describeWindow({ days: [5, 1, 2, 3, 4], start: '09:00', end: '17:00' })).toBe('Mon–Fri 09:00–17:00');
    expect(describeWindow({ days: [1, 3], start: '00:00', end: '00:00' })).toBe('Mon, Wed all day');
    expect(describeWindow({ days: [1, 2, 3, 4, 5, 6, 7], start: '08:00', end: '16:00' })).toBe('Every day 08:00–16:00');
  });
});

import type { LayerSpec } from '../schedules/index.js';

/** A layer for calculator tests: weekly, Tuesday 10:00, from 2026-01-01, Ana → Ben → Cai. */
export function layerSpec(o: Partial<LayerSpec> = {}): LayerSpec {
  return {
    id: 'L1',
    position: 0,
    role: 'primary',
    participantIds: ['ana', 'ben', 'cai'],
    shiftUnit: 'week',
    shiftLength: 1,
    handoffWeekday: 2,
    handoffTime: '10:00',
    startDate: '2026-01-01',
    restriction: null,
    ...o,
  };
}

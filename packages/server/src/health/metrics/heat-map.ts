import { localClock } from './local-clock.js';
import type { Interruption } from './interruptions.js';

/**
 * Interruptions by hour of the week in each person's own zone: 7 rows (Monday first)
 * of 24 counts. The sum of the cells is the number of interruptions.
 */
export function hourOfWeekHeatMap(interruptions: readonly Interruption[]): number[][] {
  const grid = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  for (const i of interruptions) {
    const t = localClock(i.at, i.zone);
    grid[t.weekday - 1]![t.hour]! += 1;
  }
  return grid;
}

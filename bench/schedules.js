// The on-call calculator: a year of shifts for a 10-layer schedule with overrides,
// and single-instant lookups (what each escalation step asks). Pure computation on
// the built server code; writes bench/results/schedules.json.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './lib.js';

const { scheduleLines, onCallAt } = await import(pathToFileURL(path.join(ROOT, 'packages/server/dist/schedules/index.js')).href);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const people = Array.from({ length: 8 }, (_, i) => `user-${i}`);
const rotate = (n) => [...people.slice(n), ...people.slice(0, n)];
const weekdays = [1, 2, 3, 4, 5];
// A realistic mix: weekly primary and secondary, a daily layer, 12-hour shifts,
// business hours, follow-the-sun windows and a weekend layer.
const kinds = [
  { role: 'primary', shiftUnit: 'week', shiftLength: 1, restriction: null },
  { role: 'primary', shiftUnit: 'day', shiftLength: 1, restriction: [{ days: weekdays, start: '09:00', end: '17:00' }] },
  { role: 'primary', shiftUnit: 'hour', shiftLength: 12, restriction: null },
  { role: 'primary', shiftUnit: 'week', shiftLength: 2, restriction: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '22:00', end: '06:00' }] },
  { role: 'primary', shiftUnit: 'day', shiftLength: 3, restriction: [{ days: [6, 7], start: '00:00', end: '00:00' }] },
  { role: 'primary', shiftUnit: 'week', shiftLength: 1, restriction: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '06:00', end: '14:00' }] },
  { role: 'primary', shiftUnit: 'week', shiftLength: 1, restriction: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '14:00', end: '22:00' }] },
  { role: 'secondary', shiftUnit: 'week', shiftLength: 1, restriction: null },
  { role: 'secondary', shiftUnit: 'day', shiftLength: 1, restriction: [{ days: weekdays, start: '08:00', end: '18:00' }] },
  { role: 'secondary', shiftUnit: 'hour', shiftLength: 8, restriction: null },
];
const layers = kinds.map((k, i) => ({ id: `layer-${i}`, position: i, participantIds: rotate(i), handoffWeekday: 2, handoffTime: '10:00', startDate: '2025-12-30', ...k }));
const from = Date.UTC(2026, 0, 1);
const to = Date.UTC(2027, 0, 1);
// One override a week, a day long, half on each role.
const overrides = Array.from({ length: 52 }, (_, i) => ({
  id: `o-${i}`,
  role: i % 2 ? 'secondary' : 'primary',
  userId: people[i % people.length],
  start: from + i * 7 * DAY + 3 * DAY,
  end: from + i * 7 * DAY + 4 * DAY,
  createdAt: i,
}));
const spec = { timeZone: 'America/New_York', layers, overrides };

function time(fn, runs) {
  const samples = [];
  let result;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    result = fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { result, p50ms: round(samples[Math.floor(samples.length / 2)]), maxMs: round(samples[samples.length - 1]), runs };
}
const round = (x) => Math.round(x * 100) / 100;

time(() => scheduleLines(spec, from, to), 3); // warm up
const year = time(() => scheduleLines(spec, from, to), 20);
const lines = year.result;
const spans = lines.layers.reduce((n, l) => n + l.spans.length, 0);
const lookups = 20_000;
const instant = time(() => {
  for (let i = 0; i < lookups; i++) onCallAt(spec, from + ((i * 7919 * 60_000) % (to - from)));
}, 3);

const results = {
  machine: { cores: (await import('node:os')).cpus().length, node: process.version },
  yearOf10Layers: {
    timeZone: spec.timeZone,
    layers: layers.length,
    overrides: overrides.length,
    layerSpans: spans,
    finalSpans: { primary: lines.final.primary.length, secondary: lines.final.secondary.length },
    p50ms: year.p50ms,
    maxMs: year.maxMs,
    runs: year.runs,
  },
  onCallAtInstant: { lookups, p50msPerLookup: round(instant.p50ms / lookups), lookupsPerSecond: Math.round(lookups / (instant.p50ms / 1000)) },
};
writeFileSync(path.join(ROOT, 'bench/results/schedules.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results, null, 2));

/**
 * The operational-health metrics of humanops-metrics.md as pure functions over plain
 * data (no database). Health queries, the weekly review and replay all use these.
 */
export * from './types.js';
export * from './bucket.js';
export * from './interruptions.js';
export * from './page-events.js';
export * from './pager-load.js';
export * from './fairness.js';
export * from './percentiles.js';
export * from './response-times.js';
export * from './ack-sla.js';
export * from './noisiest.js';
export * from './recovery.js';
export * from './oncall-hours.js';
export * from './toil.js';
export * from './heat-map.js';
export * from './people.js';
export * from './risks.js';
export { localClock, type LocalClock } from './local-clock.js';

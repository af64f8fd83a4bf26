/** Operational health (SPEC §2.8): the HumanOps numbers, toil, risks and the weekly review. */
export * from './metrics/index.js';
export * from './slo/index.js';
// Both name a `Bucket`: the humans' bucket (business / off-hours / sleep) is the one other domains mean.
export type { Bucket } from './metrics/index.js';

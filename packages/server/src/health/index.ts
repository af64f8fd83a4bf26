/** Operational health (SPEC §2.8): the HumanOps numbers, toil, risks and the weekly review. */
export * from './metrics/index.js';

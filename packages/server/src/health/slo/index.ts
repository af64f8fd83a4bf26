/** SLOs: objectives per service, error budgets, burn-rate alerts into the alert pipeline. */
export * from './burn.js';
export { listSlos, getSlo, createSlo, updateSlo, deleteSlo, pushSloEvents } from './slos.js';
export { registerSliSource, type SliSource, type SliDefinition, type SourceEnv } from './sources.js';
export { importSlos } from './import.js';
export { parseOpenSlo, parseSloth, type ImportedSlo } from './spec-import.js';
export { evaluateDueSlos, sloDedupKey, SLO_EVALUATION_MS, type SloEngineEnv } from './evaluate.js';
export type { Bucket as SliBucket } from './burn.js';

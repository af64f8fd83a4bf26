import { evaluateDueSlos, SLO_EVALUATION_MS } from '../health/index.js';
import type { EngineModule } from './index.js';

/** Once a minute: collect pulled SLI sources, judge burn rates, raise or resolve burn-rate alerts. */
export const sloModule: EngineModule = {
  name: 'slos',
  everyMs: SLO_EVALUATION_MS,
  tick: (ectx) => evaluateDueSlos(ectx),
};

import { deliverDueReviews } from '../health/index.js';
import type { EngineModule } from './index.js';

/** Weekly operational reviews: each team's and the organisation's, on its own day and time, once per week across processes. */
export const healthReviewModule: EngineModule = {
  name: 'health-review',
  everyMs: 60_000,
  tick: (ectx) => deliverDueReviews(ectx),
};

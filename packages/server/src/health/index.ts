/** Operational health (SPEC §2.8): the HumanOps numbers, toil, risks and the weekly review. */
export * from './metrics/index.js';
export * from './slo/index.js';
// Both name a `Bucket`: the humans' bucket (business / off-hours / sleep) is the one other domains mean.
export type { Bucket } from './metrics/index.js';
export { recordHealthFacts } from './facts-repository.js';
export { getHealth, PAGER_LOAD_WEEKS } from './queries.js';
export type { Scope as HealthScope } from './repository.js';
export { getTeamHealthSettings, updateTeamHealthSettings } from './settings.js';
export { getOrgHealthSettings, updateOrgHealthSettings } from './org-settings.js';
export { listTeamActions, createTeamAction, updateTeamAction } from './actions.js';
export { logToil, deleteToil, getTeamToil, getPersonToil } from './toil-log.js';
export { listTeamRisks, createRisk, updateRisk } from './risk-backlog.js';
export { getWeeklyReview, reviewWeek, type ReviewScope } from './review.js';
export { deliverDueReviews, dueReviewWeek } from './review-delivery.js';
export { loadHealthHistory } from './demo-history.js';

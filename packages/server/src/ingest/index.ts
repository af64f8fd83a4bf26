export { ingestBatch, ingestEvents, ingestChange, beat, integrationActor } from './ingest.js';
export { listIntegrations, createIntegration, deleteIntegration, integrationPath } from './integrations.js';
export { findIntegrationByKey, claimOverdueHeartbeats, heartbeatDedupKey } from './repository.js';
export { RateLimiter } from './rate-limiter.js';
export { parsePagerDuty, PagerDutyEventSchema, PagerDutyChangeSchema, fromPagerDuty, fromPagerDutyChange, pagerDutyErrors } from './formats/pagerduty.js';
export { parseAlertmanager, AlertmanagerWebhookSchema } from './formats/alertmanager.js';
export { OpsgenieCreateSchema, OpsgenieActionSchema, fromOpsgenie, opsgenieErrors } from './formats/opsgenie.js';
export { parseGeneric } from './formats/generic.js';
export { GroupCommitter } from './group-commit.js';

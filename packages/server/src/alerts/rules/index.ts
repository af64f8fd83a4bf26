export {
  stormDecision,
  stormSummary,
  DEFAULT_STORM_POLICY,
  type StormDecision,
  type StormGroup,
  type StormPolicy,
} from './storm.js';
export {
  activeMaintenance,
  maintenanceEndsAt,
  nextOccurrences,
  MAX_DURATION_MINUTES,
  type MaintenanceScope,
  type MaintenanceWindow,
  type OnceMaintenance,
  type RecurringMaintenance,
  type Occurrence,
} from './maintenance.js';

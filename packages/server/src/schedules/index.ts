export { listSchedules, getSchedule, createSchedule, updateSchedule, deleteSchedule, requireScheduleEditor } from './schedules.js';
export { getScheduleShifts, whoIsOnCall } from './oncall-views.js';
export { listOverrides, createOverride, deleteOverride } from './overrides.js';
export { listSwapRequests, requestSwap, acceptSwap, declineSwap, cancelSwap } from './swaps.js';
export { listShadows, createShadow, deleteShadow } from './shadows.js';
export { getHandoffNote, saveHandoffNote, shiftOf } from './handoff-notes.js';
/** For the engine: who a schedule target reaches when a step fires. */
export { reachSchedules, type ScheduleReach } from './targets.js';
/** The calculator itself, for other domains that need shifts (feeds, reports, recovery, fairness). */
export {
  scheduleLines,
  onCallAt,
  changeovers,
  mergeSamePerson,
  nextInRotation,
  type ScheduleSpec,
  type LayerSpec,
  type OverrideSpec,
  type Span,
  type Role,
} from './oncall.js';
export { loadSchedules, type LoadedSchedule } from './repository.js';

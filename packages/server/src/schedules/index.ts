export { listSchedules, getSchedule, createSchedule, updateSchedule, deleteSchedule, requireScheduleEditor } from './schedules.js';
export { getScheduleShifts, whoIsOnCall } from './oncall-views.js';
export { listOverrides, createOverride, deleteOverride } from './overrides.js';
export { listSwapRequests, requestSwap, acceptSwap, declineSwap, cancelSwap } from './swaps.js';
export { listShadows, createShadow, deleteShadow } from './shadows.js';
export { getHandoffNote, saveHandoffNote, shiftOf } from './handoff-notes.js';
export { createScheduleFeed, revokeScheduleFeed, createMyFeed, revokeMyFeed, renderFeed } from './calendar-feeds.js';
export { getTeamFairness } from './team-fairness.js';
/** Time on call per person (overlaps once, weekend/holiday apart), for reports. */
export { onCallTime, type OnCallTime, type LoadSpan } from './fairness.js';
/** For the engine: who a schedule target reaches when a step fires. */
export { reachSchedules, type ScheduleReach } from './targets.js';
/** For the engine's schedule modules: handoff reports, shift reminders, pre-flight checks, and their cursors. */
export { handoffsBetween, handoffTitle, renderHandoffText, LOOKBACK as HANDOFF_LOOKBACK, LOOKAHEAD as HANDOFF_LOOKAHEAD, type Handoff } from './handoff-report.js';
export { composeHandoffReport, recordHandoffReport, listHandoffReports } from './handoffs.js';
export { dueReminders, reminderText, REMINDER_LEAD } from './reminders.js';
export { preflightScan, preflightFindings, preflightNotices, findingView, PREFLIGHT_WINDOW } from './preflight.js';
export { ensureCursors, claimCursor, advanceCursor, claimNotice, forgetNoticesExcept, forgetNoticesBefore, scheduleWatchers } from './cursors-repository.js';
/** Recovery time off: listed and declined by people; granted by the engine from the pages it sees. */
export { listRecovery, declineRecovery } from './recovery.js';
export { scanForRecovery } from './recovery-grant.js';
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

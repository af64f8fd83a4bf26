// Post-mortems: drafted from a resolved incident, reviewed in a meeting, followed up.
export { generateDraft, DEFAULT_DRAFT_OPTIONS, type Draft, type DraftIncident, type DraftOptions, type SeverityName } from './draft.js';
export { markTimeline, KEY_MOMENTS, type KeyMoment, type MarkedEntry, type SourceEntry } from './timeline.js';
export { DEFAULT_DEADLINES, deadlinesFor, dueReminders, lateness, type DeadlinePolicies } from './deadlines.js';
export { exportMarkdown, exportHtml, renderMarkdown, type ExportDocument } from './export.js';
// Verbs
export { createPostmortem, draftDuePostmortems } from './create.js';
export { getPostmortem, listPostmortems, canEditPostmortem } from './view.js';
export { updatePostmortem, saveSection, listRevisions, changeState, recordMeeting, setTimelineNote } from './edit.js';
export { createActionItem, updateActionItem, deleteActionItem, listOpenActionItems, completeFollowUp } from './action-items.js';
export { getDeadlinePolicies, setDeadlinePolicies } from './settings.js';
export { exportPostmortem } from './exporting.js';
// For the engine
export { sendPostmortemReminders } from './reminders.js';

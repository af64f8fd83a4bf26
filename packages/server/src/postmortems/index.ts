// Post-mortems: drafted from a resolved incident, reviewed in a meeting, followed up.
export { generateDraft, DEFAULT_DRAFT_OPTIONS, type Draft, type DraftIncident, type DraftOptions, type SeverityName } from './draft.js';
export { markTimeline, KEY_MOMENTS, type KeyMoment, type MarkedEntry, type SourceEntry } from './timeline.js';
export { DEFAULT_DEADLINES, deadlinesFor, dueReminders, lateness, type DeadlinePolicies } from './deadlines.js';
export { exportMarkdown, exportHtml, renderMarkdown, type ExportDocument } from './export.js';

/** Incidents: declare, run (roles, timeline, checklist, updates, commands, actions), resolve, recover. */
export { declareIncident } from './declare.js';
export { listIncidents, getIncident } from './read.js';
export { updateIncident, linkAlert, unlinkAlertVerb as unlinkAlert, addServiceVerb as addIncidentService, removeServiceVerb as removeIncidentService } from './change.js';
export { assignRole, removeRole } from './roles.js';
export { addNote, markKeyMoment, addChecklistItem, tickChecklistItem } from './notes.js';
export { postUpdate } from './updates.js';
export { subscribe, listSubscribers, unsubscribe } from './subscribers.js';
export { recordCommand, listCommands, listRedactions, addRedaction, deleteRedaction } from './commands.js';
export { listSeverities, updateSeverity, listTemplates, createTemplate, updateTemplate, deleteTemplate } from './settings.js';
export { listServiceActions, listIncidentActions, createAction, deleteAction, runCompensatingAction, type InTransaction } from './actions.js';
export { createSlackChannel, NO_SLACK_TOKEN } from './slack.js';
export { listMyCheckins, answerCheckin, wellbeingTrend } from './wellbeing.js';
export { remindOverdueUpdates } from './reminders.js';
export { mirrorAlertLogs, mirrorOpenIncidents } from './mirror.js';
export { lockIncidents } from './repository.js';
export { parseChecklist } from './rules.js';
export { summarizeWellbeing, weeklyTrend } from './trend.js';

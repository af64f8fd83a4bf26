export { encodeAhead, triggerAlert, triggerAlerts, type TriggerInput, type TriggerResult } from './trigger.js';
export { transitionAlert, transitionByKey, type Transition } from './transitions.js';
export { listAlerts, getAlert, actOnAlert, escalateAlertNow, raiseAlert } from './verbs.js';
export { previewLink, actByLink, actBySms } from './act-by-link.js';
export { ENGINE_CHANNEL, appendLog, findAlertWithService, startEscalation, wakeEngine } from './repository.js';
export * from './events.js';
export { serviceTimeline } from './timeline.js';
export {
  listMaintenanceWindows,
  getMaintenanceWindow,
  createMaintenanceWindow,
  updateMaintenanceWindow,
  deleteMaintenanceWindow,
  inMaintenance,
} from './maintenance-windows.js';
export { serviceMaintenanceAt } from './maintenance-now.js';

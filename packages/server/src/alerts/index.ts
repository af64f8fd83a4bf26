export { triggerAlert, type TriggerInput, type TriggerResult } from './trigger.js';
export { transitionAlert, transitionByKey, type Transition } from './transitions.js';
export { listAlerts, getAlert, actOnAlert } from './verbs.js';
export { ENGINE_CHANNEL, appendLog } from './repository.js';
export * as rules from './rules/index.js';
export * from './events.js';

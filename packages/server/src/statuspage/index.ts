export { getStatuspageSettings, updateStatuspageSettings } from './settings.js';
export {
  listStatuspageComponents,
  getStatuspageComponent,
  createStatuspageComponent,
  updateStatuspageComponent,
  deleteStatuspageComponent,
} from './components.js';
export { listPublicIncidents, getPublicIncident, createPublicIncident, postPublicUpdate, updatePublicIncident, deletePublicIncident } from './incidents.js';
export { listStatuspageTemplates, getStatuspageTemplate, createStatuspageTemplate, updateStatuspageTemplate, deleteStatuspageTemplate } from './templates.js';
export { advanceStatuspage } from './advance.js';
export { proposePublicUpdate, registerInternalIncidents, type InternalIncident, type InternalIncidentReader } from './proposals.js';
export { registerStatusSource, linkedSource, type StatusSource, type SourceHealth } from './follow.js';
export { publicSite, existingSite, PublicSite, VERSION_CHECK_MS } from './site.js';
export { CACHE_CONTROL, type PublicDocument } from './documents.js';
export { V2_PATHS } from './render-v2.js';
export * as statusRules from './status.js';
export { exportSite, runPublishCommand, startPublisher } from './export.js';
export { listSubscribers, createWebhookSubscriber, deleteSubscriber, subscribeByEmail, confirmSubscription, unsubscribe, type Subscriber } from './subscribers.js';
export { fanOutBatch, deliveryId, SUBSCRIBER_SENDS_PER_SECOND } from './fanout.js';

export { recordAudit, type AuditChange } from './record.js';
export { listAudit } from './list-audit.js';

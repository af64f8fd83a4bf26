/**
 * Every log line carries one of these event IDs. The severity of each is looked up
 * at run time (admins can change it through the API without a restart); the
 * defaults below are only the starting point.
 */
export const LOG_EVENTS = {
  SERVER_STARTED: 'info',
  SERVER_STOPPING: 'info',
  CONFIG_INVALID: 'fatal',
  DB_CONNECTED: 'info',
  DB_QUERY_FAILED: 'error',
  DB_CONNECTION_LOST: 'warn',
  DB_UNAVAILABLE: 'warn',
  DB_LISTEN_LOST: 'warn',
  DB_LISTEN_RESTORED: 'info',
  MIGRATION_APPLIED: 'info',
  MIGRATIONS_CURRENT: 'debug',
  BOOTSTRAP_ADMIN_CREATED: 'warn',
  HTTP_REQUEST: 'info',
  HTTP_CLIENT_ERROR: 'info',
  HTTP_SERVER_ERROR: 'error',
  AUTH_SIGNED_IN: 'info',
  AUTH_SIGN_IN_FAILED: 'warn',
  AUTH_SIGN_IN_RATE_LIMITED: 'warn',
  AUTH_SIGNED_OUT: 'info',
  AUTH_PASSWORD_RESET_ISSUED: 'info',
  AUTH_PASSWORD_RESET_USED: 'info',
  AUTH_PASSWORD_REHASHED: 'info',
  AUTH_CSRF_REJECTED: 'warn',
  API_KEY_CREATED: 'info',
  API_KEY_REVOKED: 'info',
  AUDIT_WRITTEN: 'debug',
  LOG_LEVEL_CHANGED: 'warn',
  DEMO_LOADED: 'info',
  ENGINE_STARTED: 'info',
  ENGINE_MODULE_FAILED: 'error',
  ALERT_ESCALATED: 'info',
  ALERT_RETRIGGERED: 'warn',
  HEARTBEAT_MISSED: 'warn',
  MAINTENANCE_CHANGED: 'info',
  NOTIFICATION_DEFERRED: 'debug',
  NOTIFICATION_SENT: 'info',
  NOTIFICATION_RETRY: 'warn',
  NOTIFICATION_FAILED: 'error',
  OUTBOUND_ADDRESS_REFUSED: 'warn',
  ACTION_LINK_USED: 'info',
  SMS_REPLY_RECEIVED: 'info',
  SMS_REPLY_NOT_PAGED: 'warn',
  HANDOFF_REPORT_SENT: 'info',
  HANDOFF_REPORTS_SKIPPED: 'warn',
  SHIFT_REMINDER_SENT: 'info',
  PREFLIGHT_WARNING_SENT: 'warn',
  SCHEDULE_WORK_FAILED: 'error',
  RECOVERY_GRANTED: 'info',
  RECOVERY_DECLINED: 'info',
  HEALTH_REVIEW_SENT: 'info',
} as const satisfies Record<string, LogLevel>;

export type LogEventId = keyof typeof LOG_EVENTS;
export const LOG_EVENT_IDS = Object.keys(LOG_EVENTS) as LogEventId[];

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

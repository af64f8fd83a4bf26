export * from './channels/index.js';
export * from './links/index.js';
/** One outbound POST under the outbound address policy (incidents: compensating webhooks, Slack Web API). */
export { post as postOutbound, DEFAULT_TIMEOUT_MS as OUTBOUND_TIMEOUT_MS, type HttpOutcome } from './channels/http.js';
export * from './rules/index.js';
export { enqueueMessage, claimDueMessages, renewLeases, markSent, markRetry, markDead, outboxDepth, OUTBOX_CHANNEL, type ClaimedMessage } from './outbox-repository.js';
// Contact methods and notification rules (people's own setup), and the engine's view of them.
export {
  getContactSetup,
  createContactMethod,
  verifyContactMethod,
  resendVerificationCode,
  sendTestMessage,
  deleteContactMethod,
  createNotificationRule,
  deleteNotificationRule,
  contactWarnings,
  CODE_TTL_MINUTES,
  MAX_CODE_ATTEMPTS,
  RESEND_AFTER_SECONDS,
} from './contacts.js';
export { notificationPlan, userContactSummary, type PlannedContact, type ContactSummary } from './contacts-repository.js';
// Non-paging news for people: in-app inbox plus email.
export { sendNotice, listInbox, markInboxRead, type Notice } from './notices.js';

/** Acknowledge / resolve from the notification itself: signed one-click links and SMS reply codes. */
export { signActionToken, verifyActionToken, type ActionClaims, type LinkAction } from './action-token.js';
export { parseReplyCode, replyCode, replyInstructions, type ReplyCode } from './reply-code.js';

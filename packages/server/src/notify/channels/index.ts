/**
 * Delivery channels: one call sends one message to one target and says whether to
 * retry. The outbox dispatcher owns retries, backoff and fall-through.
 */
export type { ChannelType, ChannelsConfig, DeliveryResult, Message, MessageAlert, Target } from './types.js';
export { CHANNEL_TYPES } from './types.js';
export { deliver } from './deliver.js';
export { validateTarget, destinationProblem, INTERNAL_ADDRESS_MESSAGE } from './validate.js';
export { signWebhook, verifyWebhookSignature } from './webhook.js';
export { twilioSignature, verifyTwilioSignature } from './twilio-signature.js';
export { voiceReply } from './twilio.js';
export { closeEmailTransports } from './email.js';

import { z } from 'zod';
import { Id, Timestamp } from './common.js';

export const CONTACT_TYPES = ['email', 'sms', 'voice', 'ntfy', 'slack', 'teams', 'webhook'] as const;
export const ContactType = z.enum(CONTACT_TYPES);

export const ContactMethod = z.object({
  id: Id,
  userId: Id,
  type: ContactType,
  address: z.string().describe('Email, E.164 phone number, ntfy topic or webhook URL'),
  label: z.string(),
  verified: z.boolean(),
  verificationExpiresAt: Timestamp.nullable().describe('When the code last sent stops working; null once verified or used up'),
  createdAt: Timestamp,
});
export type ContactMethod = z.infer<typeof ContactMethod>;

export const CreateContactMethod = z
  .object({
    type: ContactType,
    address: z.string().trim().min(1).max(2000),
    label: z.string().max(100).default(''),
    secret: z.string().min(16).max(200).optional().describe('HMAC key, for webhook contact methods only'),
  })
  .strict();
export type CreateContactMethod = z.input<typeof CreateContactMethod>;

export const VerifyContactMethod = z.object({ code: z.string().regex(/^\d{6}$/, 'The 6-digit code from the message') }).strict();

export const NotificationRule = z.object({
  id: Id,
  userId: Id,
  contactMethodId: Id,
  delayMinutes: z.number().int(),
  urgency: z.enum(['high', 'low', 'any']),
  createdAt: Timestamp,
});
export type NotificationRule = z.infer<typeof NotificationRule>;

export const CreateNotificationRule = z
  .object({
    contactMethodId: Id,
    delayMinutes: z.number().int().min(0).max(1440).describe('Minutes after the page reaches you'),
    urgency: z.enum(['high', 'low', 'any']).default('any'),
  })
  .strict();
export type CreateNotificationRule = z.input<typeof CreateNotificationRule>;

/** A new contact method, unverified; a code is on its way to it. */
export const ContactMethodCreated = ContactMethod.extend({
  defaultRule: NotificationRule.nullable().describe('The rule added for it (at once, any urgency) when you had none; else null'),
});
export type ContactMethodCreated = z.infer<typeof ContactMethodCreated>;

export const TestMessageQueued = z.object({ messageId: Id.describe('Outbox id; the receiver sees it as X-Operable-Delivery') });
export type TestMessageQueued = z.infer<typeof TestMessageQueued>;

/** `/api/users/{userId}/…`: an admin managing someone else's contact setup. */
export const UserParam = z.object({ userId: Id });
export const UserItemParams = z.object({ userId: Id, id: Id });

export const ContactSetup = z.object({
  contactMethods: z.array(ContactMethod),
  notificationRules: z.array(NotificationRule),
  warnings: z.array(z.string()),
});
export type ContactSetup = z.infer<typeof ContactSetup>;

import { z } from 'zod';
import { LOG_EVENT_IDS, LOG_LEVELS } from '../log-events.js';

export const LogEventIdSchema = z.enum(LOG_EVENT_IDS as [string, ...string[]]);
export const LogLevelSchema = z.enum(LOG_LEVELS);

export const LogLevelEntry = z.object({
  eventId: LogEventIdSchema,
  level: LogLevelSchema,
  defaultLevel: LogLevelSchema,
});
export const LogLevelList = z.object({ items: z.array(LogLevelEntry) });
export const SetLogLevel = z.object({ level: LogLevelSchema }).strict();
export const LogEventParam = z.object({ eventId: LogEventIdSchema });

/** What the server can send through, for the admin setup check and the contact form. */
export const SetupItem = z.object({
  key: z.enum(['mail', 'sms', 'voice', 'slack', 'publicUrl']),
  label: z.string(),
  configured: z.boolean(),
  detail: z.string().describe('What is set, or what to set (an environment variable)'),
});
export const SetupCheck = z.object({ items: z.array(SetupItem) });
export type SetupCheck = z.infer<typeof SetupCheck>;
export const ContactChannels = z.object({
  channels: z.array(z.enum(['email', 'sms', 'voice', 'ntfy', 'slack', 'teams', 'webhook'])).describe('Contact method kinds this server can deliver to'),
  mail: z.boolean().describe('Email (and so email verification codes) works'),
});
export type ContactChannels = z.infer<typeof ContactChannels>;
export const SendSetupTest = z.object({ channel: z.literal('email'), to: z.email().max(320) }).strict();
export type SendSetupTest = z.infer<typeof SendSetupTest>;

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

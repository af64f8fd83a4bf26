import { LOG_EVENT_IDS, LOG_EVENTS, LOG_LEVELS, type LogEventId, type LogLevel } from '@operable/shared';
import { recordAudit } from '../audit/index.js';
import type { Db } from '../db/index.js';
import { requireRole } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import type { LogLevels } from '../lib/logger.js';
import { deleteLogLevel, readLogLevels, upsertLogLevel } from './repository.js';

export interface LogLevelEntry {
  eventId: LogEventId;
  level: LogLevel;
  defaultLevel: LogLevel;
}

export function listLogLevels(ctx: Ctx, levels: LogLevels): LogLevelEntry[] {
  requireRole(ctx.actor, 'admin');
  return LOG_EVENT_IDS.map((eventId) => ({ eventId, level: levels.get(eventId), defaultLevel: LOG_EVENTS[eventId] }));
}

/**
 * Stored so every process (and the next start) agrees; this process applies it at
 * once, the others on their next refresh.
 */
export async function setLogLevel(ctx: Ctx, levels: LogLevels, eventId: LogEventId, level: LogLevel): Promise<LogLevelEntry> {
  requireRole(ctx.actor, 'admin');
  const before = levels.get(eventId);
  if (level === LOG_EVENTS[eventId]) await deleteLogLevel(ctx.db, eventId);
  else await upsertLogLevel(ctx.db, eventId, level, ctx.clock.now());
  await recordAudit(ctx, { action: 'log_level.set', entityType: 'log_event', entityId: eventId, before: { level: before }, after: { level } });
  levels.set(eventId, level);
  ctx.log.event('LOG_LEVEL_CHANGED', { eventId, from: before, to: level });
  return { eventId, level, defaultLevel: LOG_EVENTS[eventId] };
}

/** Loads stored levels into the in-process map; unknown or stale rows are ignored. */
export async function refreshLogLevels(db: Db, levels: LogLevels): Promise<void> {
  const rows = await readLogLevels(db);
  levels.replaceAll(
    rows
      .filter((r) => (LOG_EVENT_IDS as string[]).includes(r.event_id) && (LOG_LEVELS as readonly string[]).includes(r.level))
      .map((r) => [r.event_id as LogEventId, r.level as LogLevel]),
  );
}

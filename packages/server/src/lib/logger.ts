import pino, { type DestinationStream } from 'pino';
import { LOG_EVENTS, type LogEventId, type LogLevel } from '@operable/shared';

/**
 * Severity is a property of the event, looked up when the line is written, so an
 * admin can turn an event up or down at run time without touching code.
 */
export class LogLevels {
  private readonly overrides = new Map<LogEventId, LogLevel>();

  get(id: LogEventId): LogLevel {
    return this.overrides.get(id) ?? LOG_EVENTS[id];
  }
  set(id: LogEventId, level: LogLevel): void {
    if (level === LOG_EVENTS[id]) this.overrides.delete(id);
    else this.overrides.set(id, level);
  }
  replaceAll(entries: Iterable<[LogEventId, LogLevel]>): void {
    this.overrides.clear();
    for (const [id, level] of entries) this.set(id, level);
  }
}

export interface Logger {
  event(id: LogEventId, fields?: Record<string, unknown>, message?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

export function createLogger(options: {
  minLevel: Exclude<LogLevel, 'silent'>;
  levels: LogLevels;
  destination?: DestinationStream;
}): Logger {
  const root = pino(
    {
      level: options.minLevel,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination,
  );
  return wrap(root, options.levels);
}

function wrap(instance: pino.Logger, levels: LogLevels): Logger {
  return {
    event(id, fields = {}, message) {
      const level = levels.get(id);
      if (level === 'silent') return;
      instance[level]({ event: id, ...fields }, message ?? id);
    },
    child(bindings) {
      return wrap(instance.child(bindings), levels);
    },
  };
}

/** For code paths with nowhere to log (short CLI commands, some tests). */
export const silentLogger: Logger = { event() {}, child: () => silentLogger };

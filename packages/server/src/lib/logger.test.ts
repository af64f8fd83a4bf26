import { Writable } from 'node:stream';
import { LOG_EVENTS } from '@operable/shared';
import { describe, expect, it } from 'vitest';
import { createLogger, LogLevels } from './logger.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _e, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, destination };
}

describe('logger', () => {
  it('writes the event ID, its mapped severity and the bound request ID on every line', () => {
    const { lines, destination } = capture();
    const log = createLogger({ minLevel: 'debug', levels: new LogLevels(), destination }).child({ requestId: 'r-1' });
    log.event('AUTH_SIGN_IN_FAILED', { email: 'a@b.c' });
    expect(lines).toEqual([
      expect.objectContaining({ event: 'AUTH_SIGN_IN_FAILED', level: LOG_EVENTS.AUTH_SIGN_IN_FAILED, requestId: 'r-1', email: 'a@b.c' }),
    ]);
  });

  it('changes an event’s severity at run time, without a new logger', () => {
    const { lines, destination } = capture();
    const levels = new LogLevels();
    const log = createLogger({ minLevel: 'info', levels, destination });
    log.event('AUDIT_WRITTEN'); // debug by default: below the floor
    levels.set('AUDIT_WRITTEN', 'warn');
    log.event('AUDIT_WRITTEN');
    levels.set('HTTP_REQUEST', 'silent');
    log.event('HTTP_REQUEST');
    expect(lines.map((l) => [l.event, l.level])).toEqual([['AUDIT_WRITTEN', 'warn']]);
  });

  it('replaceAll drops overrides that are no longer stored', () => {
    const levels = new LogLevels();
    levels.set('HTTP_REQUEST', 'error');
    levels.replaceAll([['AUDIT_WRITTEN', 'info']]);
    expect(levels.get('HTTP_REQUEST')).toBe(LOG_EVENTS.HTTP_REQUEST);
    expect(levels.get('AUDIT_WRITTEN')).toBe('info');
  });
});

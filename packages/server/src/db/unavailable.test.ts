import { ErrorCode } from '@operable/shared';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../lib/errors.js';
import { classifyDatabaseError, DatabaseUnavailableError, isConnectionError, isDatabaseUnavailable } from './unavailable.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('database connection errors', () => {
  it.each([
    ['a reset socket', withCode('ECONNRESET')],
    ['a refused connection', withCode('ECONNREFUSED')],
    ['a timed-out socket', withCode('ETIMEDOUT')],
    ['an unknown host', withCode('ENOTFOUND')],
    ['pg_terminate_backend / fast shutdown (57P01)', withCode('57P01', 'terminating connection due to administrator command')],
    ['a crashed server (57P02)', withCode('57P02')],
    ['a server starting or in recovery (57P03)', withCode('57P03', 'the database system is starting up')],
    ['too many connections (53300)', withCode('53300')],
    ['connection_exception (08000)', withCode('08000')],
    ['connection_failure (08006)', withCode('08006')],
    ['could not connect (08001)', withCode('08001')],
    ['a socket closed mid-query', new Error('Connection terminated unexpectedly')],
    ['a connect timeout', new Error('Connection terminated due to connection timeout')],
    ['a pool that waited too long', new Error('timeout exceeded when trying to connect')],
    ['a client whose connection already failed', new Error('Client has encountered a connection error and is not queryable')],
    ['an already classified error', new DatabaseUnavailableError(new Error('gone'))],
  ])('%s means the database is unavailable', (_what, error) => {
    expect(isConnectionError(error)).toBe(true);
    const classified = classifyDatabaseError(error);
    expect(isDatabaseUnavailable(classified)).toBe(true);
    expect(classified).toBeInstanceOf(DomainError);
    expect((classified as DomainError).code).toBe(ErrorCode.Unavailable);
  });

  it.each([
    ['a unique violation', withCode('23505')],
    ['a serialization failure (retried elsewhere)', withCode('40001')],
    ['a syntax error', withCode('42601')],
    ['a statement timeout', withCode('57014', 'canceling statement due to statement timeout')],
    ['a bug', new TypeError('cannot read properties of undefined')],
    ['a domain error', new DomainError(ErrorCode.NotFound, 'nope')],
    ['nothing at all', undefined],
    ['a string', 'ECONNRESET'],
  ])('%s is not: it stays the error it was', (_what, error) => {
    expect(isConnectionError(error)).toBe(false);
    expect(classifyDatabaseError(error)).toBe(error);
  });

  it('keeps what the driver said for the log, and tells clients only when to retry', () => {
    const e = new DatabaseUnavailableError(withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'));
    expect(e.reason).toBe('ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:5432');
    expect(e.message).not.toContain('5432');
    expect(e.details).toEqual({ retryAfterSeconds: expect.any(Number) });
    expect(classifyDatabaseError(e)).toBe(e);
  });
});

import { ErrorCode, type FieldIssue } from '@operable/shared';

/**
 * A failure the caller can act on. Domain code throws these with a code from the
 * shared contract; only http/ turns a code into a status.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (entity: string, id?: string) =>
  new DomainError(ErrorCode.NotFound, id ? `${entity} ${id} not found` : `${entity} not found`);

export const forbidden = (message = 'Your role does not allow this') => new DomainError(ErrorCode.Forbidden, message);

export const conflict = (message: string, details?: Record<string, unknown>) =>
  new DomainError(ErrorCode.Conflict, message, details);

export const invalid = (fields: FieldIssue[]) =>
  new DomainError(ErrorCode.ValidationFailed, `Invalid ${fields.map((f) => f.field).join(', ')}`, { fields });

export const unauthenticated = (message = 'Sign in or send an API key') =>
  new DomainError(ErrorCode.Unauthenticated, message);

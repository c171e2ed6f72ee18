// Domain errors thrown by services; the error middleware maps each to one HTTP status.
import type { ApiErrorCode } from '@hcm112/shared';
import type { ZodError } from 'zod';

export class DomainError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    readonly status: number,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class Invalid extends DomainError {
  constructor(
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super('invalid', 400, message);
  }

  static fromZod(error: ZodError, where = 'body'): Invalid {
    const fields: Record<string, string> = {};
    for (const issue of error.issues) {
      const path = issue.path.length ? issue.path.map(String).join('.') : where;
      fields[path] ??= issue.message;
    }
    const names = Object.keys(fields);
    return new Invalid(`invalid ${where}: ${names.slice(0, 5).join(', ')}`, fields);
  }
}

export class Unauthenticated extends DomainError {
  constructor(message = 'log in first') {
    super('unauthenticated', 401, message);
  }
}

export class Forbidden extends DomainError {
  constructor(message = 'your role may not do this') {
    super('forbidden', 403, message);
  }
}

export class NotFound extends DomainError {
  constructor(what: string) {
    super('not-found', 404, `${what} not found`);
  }
}

export class Conflict extends DomainError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('conflict', 409, message, details);
  }
}

export class TooManyRequests extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('too-many-requests', 429, message);
  }
}

export class Unavailable extends DomainError {
  constructor(message: string) {
    super('unavailable', 503, message);
  }
}

/**
 * Typed errors shared by every layer. A UserError is the caller's mistake (4xx, nothing
 * changed, message safe to show); a SystemError is ours (5xx, logged with context).
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class UserError extends AppError {
  constructor(code: string, message: string, details?: unknown, status = 400) {
    super(code, status, message, details);
  }
}

export class NotFoundError extends UserError {
  constructor(what: string, id: string) {
    super('not_found', `${what} ${id} was not found`, { id }, 404);
  }
}

export class UnauthorizedError extends UserError {
  constructor(message = 'authentication required: sign in, or send Authorization: Bearer <api key>') {
    super('unauthorized', message, undefined, 401);
  }
}

export class ForbiddenError extends UserError {
  constructor(message: string) {
    super('forbidden', message, undefined, 403);
  }
}

export class ConflictError extends UserError {
  constructor(message: string, details?: unknown) {
    super('conflict', message, details, 409);
  }
}

export class TooManyRequestsError extends UserError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('too_many_requests', message, { retryAfterSeconds }, 429);
  }
}

export class ServiceUnavailableError extends AppError {
  constructor(service: string, message: string) {
    super('service_unavailable', 503, `${service} is unavailable: ${message}`, { service });
  }
}

export class ConfigError extends Error {
  constructor(
    readonly processName: string,
    readonly problems: string[],
  ) {
    super(`${processName}: invalid configuration\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** Stable error codes of SPEC §10; domain code throws these, the HTTP layer maps them to a status. */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'DUPLICATE'
  | 'CONCURRENCY_CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'INVALID_TRANSITION'
  | 'RULE_VIOLATION';

export const STATUS_OF: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  DUPLICATE: 409,
  CONCURRENCY_CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INVALID_TRANSITION: 422,
  RULE_VIOLATION: 422,
};

export interface FieldProblem {
  field: string;
  message: string;
}

/** A failure a caller can act on. Messages never contain personal data (SPEC §8). */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldProblem[],
  ) {
    super(message);
  }
}

export const invalidTransition = (command: string, status: string) =>
  new DomainError('INVALID_TRANSITION', `${command} is not allowed while the case is ${status}`);
export const ruleViolation = (message: string) => new DomainError('RULE_VIOLATION', message);
export const forbidden = (message = 'not allowed for your role or unit') => new DomainError('FORBIDDEN', message);
export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} not found`);

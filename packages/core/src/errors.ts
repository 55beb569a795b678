/**
 * Typed domain errors. The server maps each kind to one HTTP status in one place; the browser shows the
 * message (translated by `code` where a translation exists).
 */
export type DomainErrorKind =
  | 'invalid'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  | 'unauthenticated'
  | 'locked'
  /** Too many failures from one address: it waits, the accounts it named are not locked. */
  | 'throttled'
  /** The server has more work queued than it can start in time: try again shortly. */
  | 'busy';

export interface FieldIssue {
  /** Dotted path of the field at fault, e.g. `referral.referredOn`. */
  field: string;
  message: string;
  code?: string;
}

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly issues: FieldIssue[] = [],
    readonly code?: string,
    /** For a refusal that lifts by itself (a locked account, a busy server): when to try again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function invalid(field: string, message: string, code?: string): DomainError {
  return new DomainError('invalid', message, [{ field, message, ...(code ? { code } : {}) }], code);
}

export function invariant(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Invariant failed: ${message}`);
}

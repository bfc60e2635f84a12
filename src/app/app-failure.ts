import type { AppError, ErrorCode, ErrorDetail } from '../contract';

/**
 * An expected failure of a use case or a store: it carries the reply's error code, a message a
 * user can act on and, for validation, where in the input each problem is. Resolvers turn it
 * into `{ok: false, error}`; anything else that is thrown is unexpected (INTERNAL).
 */
export class AppFailure extends Error {
  override readonly name: string = 'AppFailure';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    /** Set when a service asked to wait longer than the invocation had left (`ServiceBusy`). */
    readonly busy?: ServiceBusy,
  ) {
    super(message);
  }

  toError(): AppError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/**
 * A service the app depends on said "later" for longer than the invocation could wait: Forge
 * storage over its per-minute quota (429 after the in-invocation backoff), or Jira over the app's
 * points budget (429 with `Retry-After`), or not answering. The refused request changed nothing;
 * the work can run again once `waitMs` has passed (null: the service named no time).
 */
export interface ServiceBusy {
  service: 'storage' | 'jira';
  waitMs: number | null;
}

/** The wait a failure asks for, when a busy service caused it; null for any other failure. */
export function serviceBusy(error: unknown): ServiceBusy | null {
  return error instanceof AppFailure && error.busy !== undefined ? error.busy : null;
}

/** Someone else wrote the record after it was read; the caller should reload and try again. */
export class VersionConflict extends AppFailure {
  override readonly name = 'VersionConflict';

  constructor(
    readonly what: string,
    readonly expectedVersion: number,
    readonly storedVersion: number | null,
  ) {
    super(
      'CONFLICT',
      storedVersion === null
        ? `${what} was deleted by someone else; reload`
        : expectedVersion === 0
          ? `${what} was saved by someone else in the meantime (it is now version ${storedVersion}); reload and try again`
          : `${what} was changed by someone else (you had version ${expectedVersion}, it is now ${storedVersion}); reload and try again`,
    );
  }
}

export function validationFailure(message: string, details: ErrorDetail[]): AppFailure {
  return new AppFailure('VALIDATION', message, details);
}

export function notFound(message: string): AppFailure {
  return new AppFailure('NOT_FOUND', message);
}

export function forbidden(message: string): AppFailure {
  return new AppFailure('FORBIDDEN', message);
}

export function limitReached(message: string): AppFailure {
  return new AppFailure('LIMIT', message);
}

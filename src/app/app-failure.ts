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
  ) {
    super(message);
  }

  toError(): AppError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
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

import type { AppError } from '../contract';
import { AppFailure } from '../app/app-failure';
import { logFor } from '../forge/log';

export interface ErrorReply {
  ok: false;
  error: AppError;
}

/**
 * The reply for a thrown error. Expected failures (AppFailure) keep their code and message;
 * anything else is a bug or an outage: logged (as `resolver <key>`, with its stack), answered
 * INTERNAL in a short sentence without internals. INTERNAL and UNAVAILABLE failures are logged too.
 */
export function errorReply(key: string, error: unknown): ErrorReply {
  const log = logFor(`resolver ${key}`);
  if (error instanceof AppFailure) {
    if (error.code === 'INTERNAL' || error.code === 'UNAVAILABLE') log.error('failed', {}, error);
    return { ok: false, error: error.toError() };
  }
  log.error('failed', { code: 'INTERNAL' }, error);
  return {
    ok: false,
    error: { code: 'INTERNAL', message: 'Tether could not complete this; the error has been logged.' },
  };
}

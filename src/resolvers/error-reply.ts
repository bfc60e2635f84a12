import type { AppError } from '../contract';
import { AppFailure } from '../app/app-failure';

export interface ErrorReply {
  ok: false;
  error: AppError;
}

/**
 * The reply for a thrown error. Expected failures (AppFailure) keep their code and message;
 * anything else is a bug or an outage: logged with the key, answered INTERNAL in a short
 * sentence without internals.
 */
export function errorReply(key: string, error: unknown): ErrorReply {
  if (error instanceof AppFailure) {
    if (error.code === 'INTERNAL' || error.code === 'UNAVAILABLE') console.error(`Tether resolver ${key}: ${error.code}:`, error);
    return { ok: false, error: error.toError() };
  }
  console.error(`Tether resolver ${key} failed:`, error);
  return { ok: false, error: { code: 'INTERNAL', message: `Tether could not complete ${key}; the error has been logged` } };
}

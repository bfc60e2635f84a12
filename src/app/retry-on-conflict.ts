import { RollupConflict } from '../ports';
import { VersionConflict } from './app-failure';

/** Another writer got there first: a record changed between our read and our conditional write. */
export function isWriteConflict(error: unknown): error is RollupConflict | VersionConflict {
  return error instanceof RollupConflict || error instanceof VersionConflict;
}

export interface RetryOptions<T> {
  /** Tries in all, the first included. */
  attempts: number;
  /** Told of each conflict before the next try (say, to step past a key another writer took). */
  onConflict?: (error: RollupConflict | VersionConflict, attempt: number) => void;
  /** The answer when every try lost its race; without it the last conflict is thrown. */
  giveUp?: () => T;
}

/**
 * The one loop for optimistic writes: runs `attempt` (which reads afresh and writes on the
 * condition that nothing changed since) until it wins or `attempts` tries are spent. Anything but
 * a write conflict is thrown at once.
 */
export async function retryOnConflict<T>(
  attempt: (n: number) => Promise<T>,
  { attempts, onConflict, giveUp }: RetryOptions<T>,
): Promise<T> {
  for (let n = 1; ; n += 1) {
    try {
      return await attempt(n);
    } catch (error) {
      if (!isWriteConflict(error)) throw error;
      if (n >= attempts) {
        if (giveUp !== undefined) return giveUp();
        throw error;
      }
      onConflict?.(error, n);
    }
  }
}

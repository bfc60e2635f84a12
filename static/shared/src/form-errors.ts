/**
 * The server's VALIDATION details, split between the fields a form shows (by dotted path) and the
 * rest, which the form lists in its error banner so that nothing the server said is lost.
 */
import type { AppError } from '@contract/errors';

interface FieldErrors {
  /** The message for a field path, e.g. `title` or `keyResult.target`. */
  at(path: string): string | undefined;
  /** The error to show above the form: the same error without the details shown at fields. */
  rest: AppError | null;
}

export function fieldErrors(error: AppError | null, shownPaths: readonly string[]): FieldErrors {
  if (error === null) return { at: () => undefined, rest: null };
  const byPath = new Map<string, string>();
  const others = [];
  for (const detail of error.details ?? []) {
    if (shownPaths.includes(detail.path) && !byPath.has(detail.path)) byPath.set(detail.path, detail.message);
    else others.push(detail);
  }
  return { at: (path) => byPath.get(path), rest: { ...error, details: others } };
}

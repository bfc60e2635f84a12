import { z } from 'zod';

/**
 * One resolver key's contract: the payload the frontend sends and the data of a successful
 * reply. The reply itself is always `{ok: true, data} | {ok: false, error}` (errors.ts).
 */
export interface Endpoint<P extends z.ZodType, D extends z.ZodType> {
  payload: P;
  data: D;
}

export function endpoint<P extends z.ZodType, D extends z.ZodType>(payload: P, data: D): Endpoint<P, D> {
  return { payload, data };
}

/** The version of a record as the caller read it; a write from an older one is a CONFLICT. */
export const ReadVersion = z.number().int('a version is a whole number').nonnegative('a version is 0 or more');

/** A payload with nothing in it (a missing payload counts as `{}`). */
export const NoPayload = z.strictObject({});

/** Adds an issue for every value that appears twice in a list, at the second one. */
export function refineUnique<T>(
  values: readonly T[],
  keyOf: (v: T) => string,
  ctx: z.RefinementCtx,
  what: (v: T) => string,
  path: (i: number) => PropertyKey[],
): void {
  const seen = new Set<string>();
  values.forEach((value, i) => {
    const key = keyOf(value);
    if (seen.has(key)) ctx.addIssue({ code: 'custom', path: path(i), message: `${what(value)} is listed twice` });
    seen.add(key);
  });
}

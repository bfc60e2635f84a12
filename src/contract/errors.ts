import { z } from 'zod';

export const ErrorCode = z.enum([
  'VALIDATION',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'LIMIT',
  'UNAVAILABLE',
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/**
 * Where in the input a problem is, e.g. `objectives.3.parent`, and what is wrong. A problem in an
 * objectives file also says where it is in the text: `line` and `column`, both from 1.
 */
export const ErrorDetail = z.object({
  path: z.string(),
  message: z.string(),
  line: z.number().int().positive().optional(),
  column: z.number().int().positive().optional(),
});
export type ErrorDetail = z.infer<typeof ErrorDetail>;

export const AppError = z.object({
  code: ErrorCode,
  message: z.string(),
  details: z.array(ErrorDetail).optional(),
});
export type AppError = z.infer<typeof AppError>;

/** The one reply shape of every resolver. */
export type Reply<T> = { ok: true; data: T } | { ok: false; error: AppError };

export function replySchema<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: AppError }),
  ]);
}

/** Turns zod issues into details a user can act on: a dotted path and a message. */
export function detailsFromZod(error: z.ZodError): ErrorDetail[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

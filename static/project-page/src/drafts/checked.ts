/**
 * What the draft modules share: a draft checked against the contract gives either the payload to
 * send (the schema's output: trimmed, defaults filled) or the problems, each at its field's path.
 */
import type { z } from 'zod';
import { detailsFromZod, type ErrorDetail } from '@contract/errors';
import { readNumber } from '../number-input';

export type Checked<T> = { ok: true; payload: T } | { ok: false; details: ErrorDetail[] };

/**
 * Parses `input` with the contract's schema. `problems` found before (a number field that is not
 * a number) come first, and refuse the input even when the schema accepts it.
 */
export function parseWith<T>(schema: z.ZodType<T>, input: unknown, problems: readonly ErrorDetail[] = []): Checked<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success && problems.length === 0) return { ok: true, payload: parsed.data };
  return { ok: false, details: [...problems, ...(parsed.success ? [] : detailsFromZod(parsed.error))] };
}

/** A value as the contract would send and store it (a title trimmed), or as it is when the contract refuses it. */
export function asSent<T>(schema: z.ZodType<T>, value: T): T {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : value;
}

/** The details of a check, none when it passed. */
export function detailsOf(checked: Checked<unknown>): ErrorDetail[] {
  return checked.ok ? [] : checked.details;
}

/** A number field as sent: its value, null when blank; a text that is not a number is reported at `path` and counts as blank. */
export function numberAt(path: string, text: string, problems: ErrorDetail[]): number | null {
  const read = readNumber(text);
  if (read.ok) return read.value;
  problems.push({ path, message: read.message });
  return null;
}

/** '' (nothing chosen in a select) is null in a payload. */
export function orNull(id: string): string | null {
  return id === '' ? null : id;
}

import { z } from 'zod';

/** A JSON value, as stored. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export const jsonValue: z.ZodType<JsonValue> = z.json();

/**
 * A value read back from our own files: it comes out of JSON.parse, so it is JSON by
 * construction and only its presence is checked (checking every nested value again costs
 * seconds when 10^5 records load).
 */
export const parsedJsonValue = z.custom<JsonValue>((v) => v !== undefined, { message: 'missing value' });

/** What a key may hold: any JSON value but null (Forge documents string, number, boolean, array, object). */
export const storableValue = jsonValue.refine((v) => v !== null, { message: 'value must not be null' });

export function isJsonObject(v: JsonValue | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses request text as JSON; undefined when it is not JSON. */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** An object's own attribute (never one inherited from Object.prototype), or undefined. */
export function ownAttribute(value: JsonValue | undefined, name: string): JsonValue | undefined {
  if (!isJsonObject(value) || !Object.hasOwn(value, name)) return undefined;
  return value[name];
}

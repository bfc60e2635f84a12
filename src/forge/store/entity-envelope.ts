/**
 * How a versioned record sits in a custom entity: the index attributes, `version` (integer
 * attribute) and `data` (the record, attribute of type `any`).
 */
import { Filter, FilterConditions } from '@forge/kvs';
import { z } from 'zod';

export interface Versioned {
  version: number;
}

/** The stored value, as read back (index attributes pass through unchecked). */
export const Envelope = z.looseObject({ version: z.number().int().nonnegative(), data: z.unknown() });
export type Envelope = Record<string, unknown> & { version: number; data: unknown };

/** The transaction condition "the stored version is `expectedVersion`" (0: nothing is stored). */
export function versionCondition(expectedVersion: number) {
  return new Filter<Envelope>().and(
    'version',
    expectedVersion === 0 ? FilterConditions.notExists() : FilterConditions.equalTo(expectedVersion),
  );
}

/** The version stored in a raw entity value; 0 for nothing (or something that is not an envelope). */
export function versionOf(raw: unknown): number {
  if (raw === undefined) return 0;
  const parsed = Envelope.safeParse(raw);
  return parsed.success ? parsed.data.version : 0;
}

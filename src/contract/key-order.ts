/**
 * The order of objective and key-result keys, written once for the backend and the UI: a key is
 * its prefix and a number (`O-12`, `KR-3`; the patterns are ObjectiveKey and KeyResultKey), and
 * keys sort by that number, so O-2 comes before O-10. No zod here: the UI imports this without
 * the schemas.
 */

/** The number in an objective key: `O-12` → 12. */
export function objectiveNumber(key: string): number {
  return Number(key.slice(2));
}

/** The objective key with this number: 12 → `O-12`. */
export function objectiveKeyOf(n: number): string {
  return `O-${n}`;
}

/** Objective keys in their natural order (O-2 before O-10): negative when `a` comes first. */
export function compareObjectiveKeys(a: string, b: string): number {
  return objectiveNumber(a) - objectiveNumber(b);
}

/** Anything with an objective key, in key order (for `Array.prototype.sort`). */
export function byObjectiveKey(a: { key: string }, b: { key: string }): number {
  return compareObjectiveKeys(a.key, b.key);
}

/** The number in a key-result key: `KR-3` → 3. */
export function keyResultNumber(key: string): number {
  return Number(key.slice(3));
}

/** Key results in their natural key order: KR-2 before KR-10. */
export function byKeyResultKey(a: { key: string }, b: { key: string }): number {
  return keyResultNumber(a.key) - keyResultNumber(b.key);
}

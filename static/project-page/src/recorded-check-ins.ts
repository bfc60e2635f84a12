/**
 * The check-ins the detail shows: the list read from the server, joined with the check-ins this user
 * recorded since the detail opened, taken from the replies of check-ins/create. A list read right
 * after a check-in may not hold it yet (Forge's queries lag writes; the server joins what it can by
 * key, docs/forge-fidelity.md), and what the user just recorded must show at once. Newest first,
 * each check-in once (the server's copy when it has one).
 */
import type { CheckIn } from '@contract/check-ins';

export function withRecorded(read: readonly CheckIn[], recorded: readonly CheckIn[]): CheckIn[] {
  const ids = new Set(read.map((c) => c.id));
  return [...read, ...recorded.filter((c) => !ids.has(c.id))].sort(
    (a, b) => b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
  );
}

/** `recorded` with one more check-in from a reply (once, however often the reply is handled). */
export function noteRecorded(recorded: readonly CheckIn[], checkIn: CheckIn): CheckIn[] {
  return recorded.some((c) => c.id === checkIn.id) ? [...recorded] : [...recorded, checkIn];
}

/**
 * A workgroup's roster: every objective of the workgroup by key, with its period and the objectives
 * it serves (its primary parent and alignments), kept in the workgroup's usage record
 * (`objective-usage:workgroup:<id>`, objective-store.ts) and changed in the same transaction as the
 * objective. Read by key, it is current at once, where the `by-workgroup` query lags writes: the
 * project page reads the rosters, then every objective on it, the ones they serve and their figures
 * by key in one wave (src/app/views/project-page.ts), so an objective saved a moment ago shows as
 * saved and the page needs no query page after page.
 *
 * `complete` says the roster names every objective of the workgroup: true for a workgroup created
 * with one (workgroup-store.ts) or a roster the nightly job rebuilt (rebuildRoster); false for a
 * usage record written before rosters existed, which the page does not trust (it queries instead).
 *
 * Size: an entry is about 60 bytes, so a record holds about 4,000 objectives of one workgroup, over
 * all its periods, within Forge's 240 KiB a value (a workgroup with 20 objectives a quarter reaches
 * it in 50 years). Beyond that the objective's save is refused with the storage limit's message.
 */
import { z } from 'zod';
import { targetsOf } from '../../domain/hierarchy';
import type { StoredObjective } from '../../app/objectives/stored-objective';

export const RosterEntry = z.object({
  key: z.string(),
  periodId: z.string(),
  /** Its primary parent first, then its alignments (targetsOf). */
  targets: z.array(z.string()),
});
export type RosterEntry = z.infer<typeof RosterEntry>;

/** What a roster needs of an objective. */
export type RosterSubject = Pick<StoredObjective, 'key' | 'periodId' | 'parentId' | 'alignments'>;

export function rosterEntryOf(o: RosterSubject): RosterEntry {
  return { key: o.key, periodId: o.periodId, targets: targetsOf(o) };
}

export function sameEntry(a: RosterEntry, b: RosterEntry): boolean {
  return (
    a.key === b.key &&
    a.periodId === b.periodId &&
    a.targets.length === b.targets.length &&
    a.targets.every((t, i) => t === b.targets[i])
  );
}

/** The roster with `o`'s entry in place of its old one (or added), in key order kept by insertion. */
export function withEntry(members: readonly RosterEntry[], o: RosterSubject): RosterEntry[] {
  const entry = rosterEntryOf(o);
  const at = members.findIndex((m) => m.key === o.key);
  if (at < 0) return [...members, entry];
  const next = [...members];
  next[at] = entry;
  return next;
}

export function withoutEntry(members: readonly RosterEntry[], key: string): RosterEntry[] {
  return members.filter((m) => m.key !== key);
}

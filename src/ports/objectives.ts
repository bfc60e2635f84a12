/** Objectives, where they are used, and their daily snapshots (src/forge/store/). */
import type { Snapshot } from '../contract';
import type { StoredObjective } from '../app/objectives/stored-objective';

/**
 * Where objectives live (src/forge/store/objective-store.ts: the `objective` entity, and the
 * objective counter in a record of its own). Writes are guarded by the version the caller read
 * and throw VersionConflict otherwise.
 */
export interface ObjectiveStore {
  get(key: string): Promise<StoredObjective | null>;
  /** The stored objectives among `keys` (missing ones are left out). */
  getMany(keys: readonly string[]): Promise<Map<string, StoredObjective>>;
  /** A workgroup's objectives, by number. */
  ofWorkgroup(workgroupId: string): Promise<StoredObjective[]>;
  /**
   * The objectives of no workgroup (the organisation's upper levels), by number: the `by-workgroup`
   * query of its "none" partition (it lags writes: read the period's usage record beside it).
   */
  unassigned(): Promise<StoredObjective[]>;
  /**
   * The highest number an objective key has been given (keys are O-1 … O-<n>; 0 before the first),
   * from the counter the store takes keys from, read by key: current at once. With the workgroups'
   * rosters it names, by key, every objective no roster holds (organisation/view reads those by key
   * instead of querying the objectives of no workgroup page after page).
   */
  lastNumber(): Promise<number>;
  /** The objectives whose primary parent is `parentId`. */
  withParent(parentId: string): Promise<StoredObjective[]>;
  /**
   * Every objective of these periods, by number: the `by-period` query, with the objectives the
   * periods' usage records name that it does not show yet (created or moved a moment ago), read by key.
   */
  ofPeriods(periodIds: readonly string[]): Promise<StoredObjective[]>;
  /**
   * The keys of the objectives that joined each of these workgroups or levels last (newest last, at
   * most 20 each), from their usage records, read by key: current at once, where the `by-workgroup`
   * and `by-period` queries behind ofWorkgroup and ofPeriods may not show an objective created or
   * moved a moment ago. An objective may have left since it was named: read it by key and check.
   * Ids without a usage record are left out.
   */
  latestKeys(scope: 'workgroup' | 'level' | 'period', ids: readonly string[]): Promise<Map<string, readonly string[]>>;
  /**
   * The rosters of these workgroups, read by key (src/forge/store/workgroup-roster.ts): every
   * objective of each, with its period and the objectives it serves, written with the objective, so
   * current at once. A workgroup whose roster may miss objectives stored before rosters existed is
   * left out: list it with ofWorkgroup.
   */
  rosters(workgroupIds: readonly string[]): Promise<Map<string, WorkgroupRoster>>;
  /**
   * Makes a workgroup's roster complete when it predates rosters: its objectives from the
   * `by-workgroup` query and the roster so far, each read by key, written guarded by the version
   * read (tried again when an objective joins or leaves meanwhile). False when it already was.
   */
  completeRoster(workgroupId: string): Promise<boolean>;
  /**
   * Stores a new objective under the next key from the counter (`O-n`), the counter and the
   * objective in one transaction; returns it at version 1 with its key and id. Its key results
   * (if any) take ids and `objectiveId` from the new key (`O-n.KR-3`). A copy (`carriedFrom` set)
   * is written with its carry record (see carriedInto), guarded by `carryRecordVersion` (the
   * version read, 0 when there was none): when another call carried the original meanwhile, it is
   * refused with a VersionConflict and nothing is written.
   */
  create(
    draft: Omit<StoredObjective, 'id' | 'key' | 'version'>,
    options?: { carryRecordVersion?: number },
  ): Promise<StoredObjective>;
  /**
   * The copies carry-forward made of these objectives in period `periodId`, by original key, read by
   * key from their carry records (with each record's version): a copy made a moment ago counts
   * at once, where the `by-period` query may not show it yet. A record names the copy as made: the
   * copy may have been moved to another period since (read it to check).
   */
  carriedInto(periodId: string, originals: readonly string[]): Promise<Map<string, { copy: string; version: number }>>;
  /**
   * Stores an objective under its own key; it must not exist (version 0) or be at `expectedVersion`.
   * `previous` is its workgroup, level, period and targets as read at that version (read again when
   * not given), so that a move between workgroups, levels or periods, or a change of what it serves,
   * changes their usage records and the workgroup's roster in the same write.
   */
  put(
    record: StoredObjective,
    expectedVersion: number,
    previous?: Pick<StoredObjective, 'workgroupId' | 'levelId' | 'periodId' | 'parentId' | 'alignments'>,
  ): Promise<StoredObjective>;
  /** Makes sure the counter never hands out a key up to `O-{number}` (after an import named its own keys). */
  reserveThrough(number: number): Promise<void>;
}

/** A workgroup's objectives, each with its period and the objectives it serves (parent first, then alignments). */
export interface WorkgroupRoster {
  readonly members: readonly { readonly key: string; readonly periodId: string; readonly targets: readonly string[] }[];
}

/**
 * What the admin use cases ask about objectives before they remove something objectives refer
 * to. Implemented by the objective store (not part of the admin slice). Read by key where it
 * matters (usage records written with each objective), so an objective created a moment ago
 * counts at once.
 */
export interface ObjectiveUsage {
  /**
   * Keys of the objectives at this level (e.g. `O-12`), empty when none. When more are counted than
   * can be named yet, the last entry says how many more (`3 more`).
   */
  objectivesUsingLevel(levelId: string): Promise<string[]>;
  /** Keys of the objectives that belong to this workgroup, empty when none (as above: may end `n more`). */
  objectivesOfWorkgroup(workgroupId: string): Promise<string[]>;
}

/** The daily snapshots of one objective (src/app/rollup/daily-refresh.ts writes them). */
export interface SnapshotReader {
  /** Oldest first, from `fromDay` (YYYY-MM-DD) on. */
  ofObjective(objectiveId: string, fromDay: string): Promise<Snapshot[]>;
}

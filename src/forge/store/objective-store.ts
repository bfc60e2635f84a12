/**
 * Objectives on Forge storage: the `objective` entity (key and id: the objective key `O-12`; the
 * record holds the objective and its key results; indexes by workgroup, period, parent and owner,
 * ranged by the key's number), and the objective counter — a record of its own, `objective-counter`
 * in the `settings` entity (a versioned entity record, so its writes can be guarded, and not the
 * settings record itself, so creating objectives never conflicts with an admin editing settings).
 *
 * A new objective and the counter are written in one transaction, the counter guarded by the
 * version read and the objective by "not stored yet": two concurrent creates cannot take the same
 * key — one of them reads the counter again and takes the next.
 *
 * **Usage records** (`objective-usage:workgroup:<id>`, `objective-usage:level:<id>` and
 * `objective-usage:period:<id>`, in the `settings` entity) count the objectives of each workgroup,
 * at each level and in each period, and name the latest ones. They change in the same transaction
 * as an objective that joins or leaves, so "may this workgroup or level be removed?" is answered by
 * key at once (src/forge/store/objective-usage.ts), not by a query, which may not show an objective
 * created a moment ago; and the lists by workgroup and period add the objectives they name that the
 * query does not show yet (ofPeriods here, the project page for workgroups).
 *
 * **Carry records** (`carried:<periodId>:<original key>`, in the `settings` entity) name the copy
 * carry-forward made of an objective in a period. A copy and its carry record are written in one
 * transaction, the record guarded by the version the caller read (0: none), so an objective is
 * never carried into a period twice: not by two calls at once, nor by a call a moment after the
 * last, before the `by-period` query shows the copies it made.
 */
import { retryOnConflict } from '../../app/retry-on-conflict';
import { z } from 'zod';
import { limitReached, VersionConflict } from '../../app/app-failure';
import { byObjectiveKey, MAX_OBJECTIVE_NUMBER, objectiveKeyOf, objectiveNumber } from '../../contract';
import { keyResultId, StoredObjective } from '../../app/objectives/stored-objective';
import { EntityRepository, type EntitySpec } from './entity-repository';
import { StoreTransaction } from './store-transaction';
import { STORAGE_LIMITS } from './storage-limits';
import type { ObjectiveStore, WorkgroupRoster } from '../../ports';
import { RosterEntry, rosterEntryOf, sameEntry, withEntry, withoutEntry, type RosterSubject } from './workgroup-roster';

const NONE = '-';

export const objectiveEntity: EntitySpec<StoredObjective> = {
  name: 'objective',
  describe: (key) => `objective ${key}`,
  schema: StoredObjective,
  key: (o) => o.key,
  attributes: (o) => ({
    workgroupId: o.workgroupId ?? NONE,
    periodId: o.periodId,
    parentId: o.parentId ?? NONE,
    owner: o.owner,
    number: objectiveNumber(o.key),
  }),
  indexes: {
    'by-workgroup': { partition: ['workgroupId'], range: 'number' },
    'by-period': { partition: ['periodId'], range: 'number' },
    'by-parent': { partition: ['parentId'], range: 'number' },
    'by-owner': { partition: ['owner'], range: 'number' },
  },
};

export const OBJECTIVE_COUNTER_KEY = 'objective-counter';
export const ObjectiveCounter = z.object({
  /** The number the next objective key takes. */
  next: z.number().int().min(1),
  version: z.number().int().nonnegative().default(0),
});
export type ObjectiveCounter = z.infer<typeof ObjectiveCounter>;

export const objectiveCounterEntity: EntitySpec<ObjectiveCounter> = {
  name: 'settings',
  describe: () => 'the objective counter',
  schema: ObjectiveCounter,
  key: () => OBJECTIVE_COUNTER_KEY,
  attributes: () => ({}),
  indexes: {},
};

/** What the usage records say of one workgroup or level: how many objectives, and the latest to join. */
export const ObjectiveUsageRecord = z.object({
  scope: z.enum(['workgroup', 'level', 'period']),
  id: z.string(),
  count: z.number().int().nonnegative(),
  /** The keys that joined last, newest last (at most LATEST_KEPT): the objectives a refusal names. */
  latest: z.array(z.string()),
  /** A workgroup's roster: each of its objectives with its period and targets (workgroup-roster.ts). */
  members: z.array(RosterEntry).default([]),
  /** The roster names every objective of the workgroup (false: written before rosters existed). */
  complete: z.boolean().default(false),
  version: z.number().int().nonnegative().default(0),
});
export type ObjectiveUsageRecord = z.infer<typeof ObjectiveUsageRecord>;

const LATEST_KEPT = 20;

export function usageKey(scope: ObjectiveUsageRecord['scope'], id: string): string {
  return `objective-usage:${scope}:${id}`;
}

export const objectiveUsageEntity: EntitySpec<ObjectiveUsageRecord> = {
  name: 'settings',
  describe: (key) => `the usage record ${key}`,
  schema: ObjectiveUsageRecord,
  key: (u) => usageKey(u.scope, u.id),
  attributes: () => ({}),
  indexes: {},
};

/** The copy carry-forward made of `original` in period `periodId` (see the file's comment). */
export const CarryRecord = z.object({
  periodId: z.string(),
  original: z.string(),
  copy: z.string(),
  version: z.number().int().nonnegative().default(0),
});
export type CarryRecord = z.infer<typeof CarryRecord>;

export function carryKey(periodId: string, original: string): string {
  return `carried:${periodId}:${original}`;
}

export const carryRecordEntity: EntitySpec<CarryRecord> = {
  name: 'settings',
  describe: (key) => {
    const [, periodId, original] = /^carried:(.*):([^:]+)$/.exec(key) ?? [];
    return `the copy of ${original ?? key} in period ${periodId ?? '?'}`;
  },
  schema: CarryRecord,
  key: (c) => carryKey(c.periodId, c.original),
  attributes: () => ({}),
  indexes: {},
};

/** Where an objective counts: its workgroup (if any), its level and its period. */
type Membership = Pick<StoredObjective, 'workgroupId' | 'levelId' | 'periodId'>;

/** What the usage records hold of an objective: where it counts, and the workgroup roster's entry. */
type Placed = Membership & Pick<StoredObjective, 'parentId' | 'alignments'>;

/** A workgroup's usage record before any objective joined it, its roster complete (workgroup-store.ts writes it with the workgroup). */
export function emptyWorkgroupUsage(workgroupId: string): ObjectiveUsageRecord {
  return { scope: 'workgroup', id: workgroupId, count: 0, latest: [], members: [], complete: true, version: 0 };
}

function usageKeysOf(m: Membership): string[] {
  return [
    ...(m.workgroupId === null ? [] : [usageKey('workgroup', m.workgroupId)]),
    usageKey('level', m.levelId),
    usageKey('period', m.periodId),
  ];
}

/** Tries to take a key before giving up (each lost race or key found in use costs one). */
const MAX_ATTEMPTS = 20;

export class ForgeObjectiveStore implements ObjectiveStore {
  private readonly repository = new EntityRepository(objectiveEntity);
  private readonly counters = new EntityRepository(objectiveCounterEntity);
  private readonly usage = new EntityRepository(objectiveUsageEntity);
  private readonly carries = new EntityRepository(carryRecordEntity);

  async carriedInto(
    periodId: string,
    originals: readonly string[],
  ): Promise<Map<string, { copy: string; version: number }>> {
    // the batches at once: an organisation's first carry-forward reads a record per unfinished objective
    const keys = [...new Set(originals)].map((o) => carryKey(periodId, o));
    const batches: string[][] = [];
    for (let i = 0; i < keys.length; i += STORAGE_LIMITS.batchMaxItems)
      batches.push(keys.slice(i, i + STORAGE_LIMITS.batchMaxItems));
    const found = await Promise.all(batches.map((batch) => this.carries.getMany(batch)));
    return new Map(
      found
        .flatMap((part) => [...part.values()])
        .map((c) => [c.original, { copy: c.copy, version: c.version }] as const),
    );
  }

  /** The usage records of workgroups and levels, by key (missing ones left out). */
  usageOf(keys: readonly string[]): Promise<Map<string, ObjectiveUsageRecord>> {
    return keys.length === 0 ? Promise.resolve(new Map()) : this.usage.getMany(keys);
  }

  async rosters(workgroupIds: readonly string[]): Promise<Map<string, WorkgroupRoster>> {
    const records = await this.usageOf([...new Set(workgroupIds)].map((id) => usageKey('workgroup', id)));
    return new Map(
      [...records.values()]
        .filter((u) => u.scope === 'workgroup' && u.complete)
        .map((u) => [u.id, { members: u.members }] as const),
    );
  }

  async completeRoster(workgroupId: string): Promise<boolean> {
    const key = usageKey('workgroup', workgroupId);
    return retryOnConflict(
      async () => {
        const current = await this.usage.get(key);
        if (current?.complete === true) return false;
        // the query holds the objectives stored before rosters; the roster those that joined since,
        // a moment ago included; each is read by key and kept only if it is in the workgroup now
        const listed = await this.ofWorkgroup(workgroupId);
        const keys = new Set([...listed.map((o) => o.key), ...(current?.members ?? []).map((m) => m.key)]);
        const inGroup = [...(await this.getMany([...keys])).values()]
          .filter((o) => o.workgroupId === workgroupId)
          .sort(byObjectiveKey);
        const version = current?.version ?? 0;
        // guarded by the version read: an objective that joins or leaves meanwhile makes this try again
        await this.usage.put(
          {
            scope: 'workgroup',
            id: workgroupId,
            count: inGroup.length,
            latest: current?.latest ?? inGroup.slice(-LATEST_KEPT).map((o) => o.key),
            members: inGroup.map(rosterEntryOf),
            complete: true,
            version,
          },
          version,
        );
        return true;
      },
      { attempts: MAX_ATTEMPTS },
    );
  }

  async latestKeys(
    scope: ObjectiveUsageRecord['scope'],
    ids: readonly string[],
  ): Promise<Map<string, readonly string[]>> {
    const records = await this.usageOf([...new Set(ids)].map((id) => usageKey(scope, id)));
    return new Map([...records.values()].map((u) => [u.id, u.latest] as const));
  }

  get(key: string): Promise<StoredObjective | null> {
    return this.repository.get(key);
  }

  getMany(keys: readonly string[]): Promise<Map<string, StoredObjective>> {
    return keys.length === 0 ? Promise.resolve(new Map()) : this.repository.getMany(keys);
  }

  ofWorkgroup(workgroupId: string): Promise<StoredObjective[]> {
    return this.repository.query('by-workgroup', { partition: [workgroupId] });
  }

  unassigned(): Promise<StoredObjective[]> {
    return this.repository.query('by-workgroup', { partition: [NONE] });
  }

  async lastNumber(): Promise<number> {
    const counter = await this.counters.get(OBJECTIVE_COUNTER_KEY);
    return counter === null ? 0 : counter.next - 1;
  }

  withParent(parentId: string): Promise<StoredObjective[]> {
    return this.repository.query('by-parent', { partition: [parentId] });
  }

  /**
   * The `by-period` query of each period and, beside it, the periods' usage records: an objective
   * created in or moved into a period a moment ago may be named only there (the query lags writes),
   * and is then read by key (one wave more, only then) and kept if it is in one of the periods.
   */
  async ofPeriods(periodIds: readonly string[]): Promise<StoredObjective[]> {
    const ids = [...new Set(periodIds)];
    const [lists, latest] = await Promise.all([
      Promise.all(ids.map((id) => this.repository.query('by-period', { partition: [id] }))),
      this.latestKeys('period', ids),
    ]);
    const listed = lists.flat();
    const shown = new Set(listed.map((o) => o.key));
    const behind = [...latest.values()].flat().filter((key) => !shown.has(key));
    if (behind.length === 0) return listed.sort(byObjectiveKey);
    const caughtUp = await this.getMany(behind);
    const wanted = new Set(ids);
    return [
      ...listed.filter((o) => !caughtUp.has(o.key)),
      ...[...caughtUp.values()].filter((o) => wanted.has(o.periodId)),
    ].sort(byObjectiveKey);
  }

  async create(
    draft: Omit<StoredObjective, 'id' | 'key' | 'version'>,
    options: { carryRecordVersion?: number } = {},
  ): Promise<StoredObjective> {
    const carried = draft.carriedFrom;
    const carryWhat = carried === null ? null : carryRecordEntity.describe(carryKey(draft.periodId, carried));
    let floor = 1;
    let tried = { n: 0, key: '' };
    return retryOnConflict(
      async () => {
        const [stored, usage] = await Promise.all([
          this.counters.get(OBJECTIVE_COUNTER_KEY),
          this.usage.getMany(usageKeysOf(draft)),
        ]);
        const counter = stored ?? { next: 1, version: 0 };
        const n = Math.max(counter.next, floor);
        // never a key beyond ObjectiveKey's pattern: such a record would not read back, and every list holding it would fail
        if (n > MAX_OBJECTIVE_NUMBER)
          throw limitReached(
            `Every objective key up to O-${MAX_OBJECTIVE_NUMBER} is taken; no more objectives can be created`,
          );
        const key = objectiveKeyOf(n);
        // key results of a new objective (a copy carried forward) are named after its key: O-12.KR-3
        const keyResults = draft.keyResults.map((kr) => ({ ...kr, id: keyResultId(key, kr.key), objectiveId: key }));
        const record: StoredObjective = { ...draft, keyResults, id: key, key, version: 0 };
        const tx = new StoreTransaction()
          .put(this.counters, { next: n + 1, version: counter.version }, counter.version)
          .put(this.repository, record, 0);
        this.noteUsage(tx, usage, key, null, record);
        if (carried !== null) {
          const version = options.carryRecordVersion ?? 0;
          tx.put(this.carries, { periodId: draft.periodId, original: carried, copy: key, version }, version);
        }
        tried = { n, key };
        try {
          await tx.execute();
        } catch (error) {
          // the original was carried meanwhile by another call: the caller's conflict, not tried again
          if (error instanceof VersionConflict && error.what === carryWhat) throw new CallersConflict(error);
          throw error;
        }
        return this.repository.withVersion(record, 1);
      },
      {
        attempts: MAX_ATTEMPTS,
        // the key is in use (an import named it): go past it; otherwise another create took the number
        onConflict: (error) => {
          if (error instanceof VersionConflict && error.what === objectiveEntity.describe(tried.key))
            floor = tried.n + 1;
        },
      },
    ).catch((error: unknown) => {
      throw error instanceof CallersConflict ? error.conflict : error;
    });
  }

  async put(record: StoredObjective, expectedVersion: number, previous?: Placed): Promise<StoredObjective> {
    let before: Placed | null = expectedVersion === 0 ? null : (previous ?? null);
    if (expectedVersion > 0 && before === null) {
      const stored = await this.repository.get(record.key);
      if (stored?.version !== expectedVersion)
        throw new VersionConflict(objectiveEntity.describe(record.key), expectedVersion, stored?.version ?? null);
      before = stored;
    }
    if (
      before !== null &&
      sameMembership(before, record) &&
      sameEntry(rosterEntryOf({ ...before, key: record.key }), rosterEntryOf(record))
    )
      return this.repository.put(record, expectedVersion);
    // it joins a workgroup or level (or leaves one), or its period or targets change: the usage records change with it
    return retryOnConflict(
      async () => {
        const usage = await this.usage.getMany([
          ...usageKeysOf(record),
          ...(before === null ? [] : usageKeysOf(before)),
        ]);
        const tx = new StoreTransaction().put(this.repository, record, expectedVersion);
        this.noteUsage(tx, usage, record.key, before, record);
        try {
          await tx.execute();
        } catch (error) {
          // only a lost race on a usage record is tried again; the objective's own conflict is the caller's
          if (error instanceof VersionConflict && error.what === objectiveEntity.describe(record.key))
            throw new CallersConflict(error);
          throw error;
        }
        return this.repository.withVersion(record, expectedVersion + 1);
      },
      { attempts: MAX_ATTEMPTS },
    ).catch((error: unknown) => {
      throw error instanceof CallersConflict ? error.conflict : error;
    });
  }

  /** Adds to `tx` the usage records that change when `key` goes from `before` (null: new) to `after`. */
  private noteUsage(
    tx: StoreTransaction,
    usage: ReadonlyMap<string, ObjectiveUsageRecord>,
    key: string,
    before: Placed | null,
    after: Placed & RosterSubject,
  ): void {
    const left = new Set(before === null ? [] : usageKeysOf(before));
    const joined = new Set(usageKeysOf(after));
    for (const k of left) {
      if (joined.has(k)) continue;
      const current = usage.get(k);
      // a record that does not exist counted objectives stored before usage records: nothing to take away
      if (current === undefined) continue;
      const next = {
        ...current,
        count: Math.max(0, current.count - 1),
        latest: current.latest.filter((l) => l !== key),
        members: withoutEntry(current.members, key),
      };
      tx.put(this.usage, next, current.version);
    }
    for (const k of joined) {
      const [, scope, id] = /^objective-usage:(workgroup|level|period):(.+)$/.exec(k) ?? [];
      if (id === undefined || (scope !== 'workgroup' && scope !== 'level' && scope !== 'period')) continue;
      const current = usage.get(k);
      if (left.has(k)) {
        // it stays: only a workgroup's roster entry may change (its period or targets)
        if (scope !== 'workgroup' || current === undefined) continue;
        const entry = current.members.find((m) => m.key === key);
        if (entry !== undefined && sameEntry(entry, rosterEntryOf(after))) continue;
        tx.put(this.usage, { ...current, members: withEntry(current.members, after) }, current.version);
        continue;
      }
      // a workgroup without a usage record may hold objectives stored before them: its roster is not complete
      const base = current ?? { scope, id, count: 0, latest: [], members: [], complete: false, version: 0 };
      const latest = [...base.latest.filter((l) => l !== key), key].slice(-LATEST_KEPT);
      const members = scope === 'workgroup' ? withEntry(base.members, after) : base.members;
      tx.put(this.usage, { ...base, count: base.count + 1, latest, members }, base.version);
    }
  }

  async reserveThrough(number: number): Promise<void> {
    // the counter stays within ObjectiveKey's pattern (imports reserve at most MAX_FILE_OBJECTIVE_NUMBER)
    if (!Number.isInteger(number) || number >= MAX_OBJECTIVE_NUMBER)
      throw new Error(`The objective counter cannot move past O-${number}: keys end at O-${MAX_OBJECTIVE_NUMBER}`);
    await retryOnConflict(
      async () => {
        const counter = (await this.counters.get(OBJECTIVE_COUNTER_KEY)) ?? { next: 1, version: 0 };
        if (counter.next > number) return;
        await this.counters.put({ next: number + 1, version: counter.version }, counter.version);
      },
      { attempts: MAX_ATTEMPTS },
    );
  }
}

function sameMembership(a: Membership, b: Membership): boolean {
  return a.workgroupId === b.workgroupId && a.levelId === b.levelId && a.periodId === b.periodId;
}

/** Carries the objective's own conflict past the retry loop, which retries only usage records. */
class CallersConflict extends Error {
  constructor(readonly conflict: VersionConflict) {
    super(conflict.message);
  }
}

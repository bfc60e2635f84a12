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
 */
import { retryOnConflict } from '../../app/retry-on-conflict';
import { z } from 'zod';
import { limitReached, VersionConflict } from '../../app/app-failure';
import { byObjectiveKey, MAX_OBJECTIVE_NUMBER, objectiveKeyOf, objectiveNumber } from '../../contract';
import { keyResultId, StoredObjective } from '../../app/objectives/stored-objective';
import { EntityRepository, type EntitySpec } from './entity-repository';
import { StoreTransaction } from './store-transaction';
import type { ObjectiveStore } from '../../ports';

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

/** Tries to take a key before giving up (each lost race or key found in use costs one). */
const MAX_ATTEMPTS = 20;

export class ForgeObjectiveStore implements ObjectiveStore {
  private readonly repository = new EntityRepository(objectiveEntity);
  private readonly counters = new EntityRepository(objectiveCounterEntity);

  get(key: string): Promise<StoredObjective | null> {
    return this.repository.get(key);
  }

  getMany(keys: readonly string[]): Promise<Map<string, StoredObjective>> {
    return keys.length === 0 ? Promise.resolve(new Map()) : this.repository.getMany(keys);
  }

  ofWorkgroup(workgroupId: string): Promise<StoredObjective[]> {
    return this.repository.query('by-workgroup', { partition: [workgroupId] });
  }

  withParent(parentId: string): Promise<StoredObjective[]> {
    return this.repository.query('by-parent', { partition: [parentId] });
  }

  async ofPeriods(periodIds: readonly string[]): Promise<StoredObjective[]> {
    const lists = await Promise.all(
      [...new Set(periodIds)].map((id) => this.repository.query('by-period', { partition: [id] })),
    );
    return lists.flat().sort(byObjectiveKey);
  }

  async create(draft: Omit<StoredObjective, 'id' | 'key' | 'version'>): Promise<StoredObjective> {
    let floor = 1;
    let tried = { n: 0, key: '' };
    return retryOnConflict(
      async () => {
        const counter = (await this.counters.get(OBJECTIVE_COUNTER_KEY)) ?? { next: 1, version: 0 };
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
        tried = { n, key };
        await tx.execute();
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
    );
  }

  put(record: StoredObjective, expectedVersion: number): Promise<StoredObjective> {
    return this.repository.put(record, expectedVersion);
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

/**
 * Check-ins on Forge storage: the `check-in` entity (key: the check-in id), listed per objective
 * newest first with the `by-objective` index (range: `at`), one page per call.
 *
 * Forge's queries may not show a check-in stored a moment ago (docs/forge-fidelity.md, "What the
 * app does about query lag"), so each objective also has a **latest check-ins record**
 * (`check-ins-latest:<objective id>`, in the `settings` entity): the ids and times of its latest
 * check-ins, written in the same transaction as each new one (a lost race on it is retried). A
 * page is the query's page joined with the check-ins that record names and the query does not
 * show yet, read by key. Pages go by position, not by Forge's cursor: the cursor is the time and id
 * of the last check-in shown, and the next page is read from there (`at` at most that, in the
 * order time then id, newest first), so a check-in joined from the record is neither lost nor
 * shown twice.
 */
import { Sort, WhereConditions } from '@forge/kvs';
import { kvs } from './kvs';
import { z } from 'zod';
import { CheckIn } from '../../contract';
import { VersionConflict } from '../../app/app-failure';
import { retryOnConflict } from '../../app/retry-on-conflict';
import { Envelope } from './entity-envelope';
import { EntityRepository, StoredRecordInvalid, type EntitySpec } from './entity-repository';
import { STORAGE_LIMITS } from './storage-limits';
import { StoreTransaction } from './store-transaction';
import type { CheckInPage, CheckInStore } from '../../ports';

export const StoredCheckIn = CheckIn.extend({ version: z.number().int().nonnegative().default(0) });
export type StoredCheckIn = z.infer<typeof StoredCheckIn>;

export const checkInEntity: EntitySpec<StoredCheckIn> = {
  name: 'check-in',
  describe: (key) => `check-in ${key}`,
  schema: StoredCheckIn,
  key: (c) => c.id,
  attributes: (c) => ({ objectiveId: c.objectiveId, at: c.at }),
  indexes: { 'by-objective': { partition: ['objectiveId'], range: 'at' } },
};

/** An objective's latest check-ins, by id and time, newest last (at most LATEST_KEPT). */
export const LatestCheckIns = z.object({
  objectiveId: z.string(),
  latest: z.array(z.object({ id: z.string(), at: z.number() })),
  version: z.number().int().nonnegative().default(0),
});
export type LatestCheckIns = z.infer<typeof LatestCheckIns>;

/** More than one query page: whatever a query has not caught up with fits in it. */
const LATEST_KEPT = 20;

export const latestCheckInsEntity: EntitySpec<LatestCheckIns> = {
  name: 'settings',
  describe: (key) => `the latest check-ins record ${key}`,
  schema: LatestCheckIns,
  key: (r) => latestKey(r.objectiveId),
  attributes: () => ({}),
  indexes: {},
};

export function latestKey(objectiveId: string): string {
  return `check-ins-latest:${objectiveId}`;
}

/** Where a page ends: the last check-in shown. */
const Position = z.object({ at: z.number(), id: z.string() });
type Position = z.infer<typeof Position>;

const encode = (p: Position) => Buffer.from(JSON.stringify(p)).toString('base64url');
function decode(cursor: string): Position {
  try {
    return Position.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new StoredRecordInvalid(`Not a check-in list cursor: ${cursor.slice(0, 40)}`);
  }
}

/** Newest first: later time first, then the larger id. */
const newestFirst = (a: Position, b: Position) => b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
/** Whether `p` comes after `cursor` in that order (older, or as old with a smaller id). */
const after = (p: Position, cursor: Position | null) => cursor === null || newestFirst(cursor, p) < 0;

const plain = ({ version: _version, ...c }: StoredCheckIn): CheckIn => c;

/** Gives up on the latest record after this many lost races in a row (one per concurrent check-in). */
const MAX_ATTEMPTS = 10;

export class ForgeCheckInStore implements CheckInStore {
  private readonly repository = new EntityRepository(checkInEntity);
  private readonly latest = new EntityRepository(latestCheckInsEntity);

  async add(checkIn: CheckIn): Promise<CheckIn> {
    const key = latestKey(checkIn.objectiveId);
    const record = { ...checkIn, version: 0 };
    await retryOnConflict(
      async () => {
        const current = (await this.latest.get(key)) ?? { objectiveId: checkIn.objectiveId, latest: [], version: 0 };
        const latest = [...current.latest.filter((l) => l.id !== checkIn.id), { id: checkIn.id, at: checkIn.at }]
          .sort((a, b) => a.at - b.at)
          .slice(-LATEST_KEPT);
        const tx = new StoreTransaction()
          .put(this.repository, record, 0)
          .put(this.latest, { ...current, latest }, current.version);
        try {
          await tx.execute();
        } catch (error) {
          // only a lost race on the latest record is tried again; a check-in id already stored is the caller's
          if (error instanceof VersionConflict && error.what === checkInEntity.describe(checkIn.id))
            throw new CallersConflict(error);
          throw error;
        }
      },
      { attempts: MAX_ATTEMPTS },
    ).catch((error: unknown) => {
      throw error instanceof CallersConflict ? error.conflict : error;
    });
    return checkIn;
  }

  async getMany(ids: readonly string[]): Promise<CheckIn[]> {
    if (ids.length === 0) return [];
    return [...(await this.repository.getMany([...ids])).values()].map(plain);
  }

  async ofObjective(objectiveId: string, limit: number, cursor: string | null): Promise<CheckInPage> {
    const from = cursor === null ? null : decode(cursor);
    const [page, latest] = await Promise.all([
      this.queryPage(objectiveId, limit, from),
      this.latest.get(latestKey(objectiveId)),
    ]);
    const listed = page.checkIns.filter((c) => after(c, from));
    // what the latest record names and the query does not show yet, within this page's reach
    const oldestListed = listed[listed.length - 1];
    const shown = new Set(listed.map((c) => c.id));
    const missing = (latest?.latest ?? []).filter(
      (l) =>
        !shown.has(l.id) &&
        after(l, from) &&
        (!page.more || oldestListed === undefined || newestFirst(l, oldestListed) <= 0),
    );
    const joined = missing.length === 0 ? [] : [...(await this.repository.getMany(missing.map((l) => l.id))).values()];
    const all = [...listed, ...joined.map(plain)].sort(newestFirst);
    const checkIns = all.slice(0, limit);
    const last = checkIns[checkIns.length - 1];
    const more = (all.length > limit || page.more) && last !== undefined;
    return { checkIns, nextCursor: more ? encode({ at: last.at, id: last.id }) : null };
  }

  /** One query page from `from` on (its time included: the caller drops what was shown), and whether more follow. */
  private async queryPage(
    objectiveId: string,
    limit: number,
    from: Position | null,
  ): Promise<{ checkIns: CheckIn[]; more: boolean }> {
    let query = kvs
      .entity<unknown>(checkInEntity.name)
      .query()
      .index('by-objective', { partition: [objectiveId] })
      .sort(Sort.DESC)
      .limit(Math.min(limit + 1, STORAGE_LIMITS.queryPageLimit));
    if (from !== null) query = query.where(WhereConditions.lessThanEqualTo(from.at));
    const page = await query.getMany();
    const checkIns = page.results.map((item) => {
      const envelope = Envelope.safeParse(item.value);
      const parsed = StoredCheckIn.safeParse(envelope.success ? envelope.data.data : undefined);
      if (!parsed.success)
        throw new StoredRecordInvalid(`Stored check-in ${item.key} does not match its schema: ${parsed.error.message}`);
      return plain(parsed.data);
    });
    return { checkIns, more: page.nextCursor !== undefined && page.nextCursor !== '' };
  }
}

/** Carries the check-in's own conflict past the retry loop, which retries only the latest record. */
class CallersConflict extends Error {
  constructor(readonly conflict: VersionConflict) {
    super(conflict.message);
  }
}

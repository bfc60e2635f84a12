/**
 * Check-ins on Forge storage: the `check-in` entity (key: the check-in id), listed per objective
 * newest first with the `by-objective` index (range: `at`), one page per call.
 */
import { kvs, Sort } from '@forge/kvs';
import { z } from 'zod';
import { CheckIn } from '../../contract';
import { Envelope } from './entity-envelope';
import { EntityRepository, StoredRecordInvalid, type EntitySpec } from './entity-repository';
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

const plain = ({ version: _version, ...c }: StoredCheckIn): CheckIn => c;

export class ForgeCheckInStore implements CheckInStore {
  private readonly repository = new EntityRepository(checkInEntity);

  async add(checkIn: CheckIn): Promise<CheckIn> {
    return plain(await this.repository.put({ ...checkIn, version: 0 }, 0));
  }

  async ofObjective(objectiveId: string, limit: number, cursor: string | null): Promise<CheckInPage> {
    let query = kvs
      .entity<unknown>(checkInEntity.name)
      .query()
      .index('by-objective', { partition: [objectiveId] })
      .sort(Sort.DESC)
      .limit(limit);
    if (cursor !== null) query = query.cursor(cursor);
    const page = await query.getMany();
    const checkIns = page.results.map((item) => {
      const envelope = Envelope.safeParse(item.value);
      const parsed = StoredCheckIn.safeParse(envelope.success ? envelope.data.data : undefined);
      if (!parsed.success)
        throw new StoredRecordInvalid(`Stored check-in ${item.key} does not match its schema: ${parsed.error.message}`);
      return plain(parsed.data);
    });
    return { checkIns, nextCursor: page.nextCursor === undefined || page.nextCursor === '' ? null : page.nextCursor };
  }
}

/**
 * Claims of queued events (EventClaimStore, src/app/jobs/event-claim.ts) as the `event-claim`
 * entity: keyed by the event's id, versioned (a claim is created only if absent: a transaction
 * condition on the version), with index `by-time` on when it was made, for the daily sweep.
 */
import { WhereConditions } from '@forge/kvs';
import { EventClaim } from '../../app/jobs/event-claim';
import { EntityRepository, type EntitySpec } from './entity-repository';
import type { EventClaimStore } from '../../ports';

export const eventClaimEntity: EntitySpec<EventClaim> = {
  name: 'event-claim',
  describe: (key) => `the claim of queued event ${key}`,
  schema: EventClaim,
  key: (claim) => claim.id,
  attributes: (claim) => ({ at: claim.at }),
  indexes: { 'by-time': { partition: [], range: 'at' } },
};

export class ForgeEventClaimStore implements EventClaimStore {
  private readonly claims = new EntityRepository(eventClaimEntity);

  get(eventId: string): Promise<EventClaim | null> {
    return this.claims.get(eventId);
  }

  put(claim: EventClaim, expectedVersion: number): Promise<EventClaim> {
    return this.claims.put(claim, expectedVersion);
  }

  remove(eventId: string, expectedVersion?: number): Promise<void> {
    return this.claims.delete(eventId, expectedVersion);
  }

  olderThan(before: number, limit: number): Promise<EventClaim[]> {
    return this.claims.query('by-time', { range: WhereConditions.lessThan(before), limit });
  }
}

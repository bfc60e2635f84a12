/**
 * Queued events delivered at least once, several at a time (docs/forge-fidelity.md): the
 * reconciliation's steps and the issue-property jobs each push the next event when they finish, so
 * two deliveries of one event working side by side would fork the chain into two, then four. A
 * delivery therefore claims its event first, by the event's id (the same for a duplicate and for
 * the platform's retries): a record created only if absent (a versioned write), holding a lease.
 *
 * - absent: this delivery creates it and works; a delivery that loses the race ends quietly;
 * - `done`: the event was handled; a later delivery ends quietly;
 * - `running` under a live lease: a duplicate ends quietly; a retry is asked to come back after the lease;
 * - `running` with its lease run out (the run died): taken over, with a version check.
 *
 * A run that fails releases its claim before the platform retries it. Claims older than a day are
 * removed by the hourly trigger (sweepEventClaims).
 */
import { z } from 'zod';
import { VersionConflict } from '../app-failure';
import type { Clock, EventClaimStore } from '../../ports';

export const EventClaim = z.object({
  /** The queued event's id (`eventId` of @forge/events' AsyncEvent). */
  id: z.string().min(1),
  /** What the event carries (`reconcile`, `properties`), for the log. */
  kind: z.string().min(1),
  state: z.enum(['running', 'done']),
  leaseUntil: z.number(),
  at: z.number(),
  version: z.number().int().nonnegative(),
});
export type EventClaim = z.infer<typeof EventClaim>;

/** How long a claim holds its event: a step of the reconciliation runs at most 900 s. */
export const EVENT_LEASE_MS = 16 * 60_000;
/** Claims are kept this long after they are made, for duplicates that come late. */
export const EVENT_CLAIM_TTL_MS = 24 * 60 * 60_000;

export type ClaimResult = { claim: EventClaim } | { duplicate: true } | { busyMs: number };

export interface EventClaimPorts {
  claims: EventClaimStore;
  clock: Clock;
}

/** Claims the event for this delivery, or says to end quietly (a duplicate) or to come back later (busy). */
export async function claimEvent(
  ports: EventClaimPorts,
  eventId: string,
  kind: string,
  retryCount: number,
): Promise<ClaimResult> {
  const now = ports.clock.now();
  const found = await ports.claims.get(eventId);
  if (found?.state === 'done') return { duplicate: true };
  if (found?.state === 'running' && found.leaseUntil > now)
    return retryCount > 0 ? { busyMs: found.leaseUntil - now } : { duplicate: true };
  try {
    const claim = await ports.claims.put(
      { id: eventId, kind, state: 'running', leaseUntil: now + EVENT_LEASE_MS, at: found?.at ?? now, version: 0 },
      found?.version ?? 0,
    );
    return { claim };
  } catch (error) {
    if (error instanceof VersionConflict) return { duplicate: true }; // another delivery claimed it first
    throw error;
  }
}

/** The event was handled: later deliveries of it end quietly. */
export async function finishEvent(ports: EventClaimPorts, claim: EventClaim): Promise<void> {
  try {
    await ports.claims.put({ ...claim, state: 'done' }, claim.version);
  } catch (error) {
    if (!(error instanceof VersionConflict)) throw error;
  }
}

/** The run failed: the claim is dropped, so the platform's retry can claim the event again at once. */
export async function releaseEvent(ports: EventClaimPorts, claim: EventClaim): Promise<void> {
  try {
    await ports.claims.remove(claim.id, claim.version);
  } catch (error) {
    if (!(error instanceof VersionConflict)) throw error;
  }
}

/** Removes claims older than a day (at most `limit` a call); returns how many. */
export async function sweepEventClaims(ports: EventClaimPorts, limit = 200): Promise<number> {
  const old = await ports.claims.olderThan(ports.clock.now() - EVENT_CLAIM_TTL_MS, limit);
  for (const claim of old) await ports.claims.remove(claim.id);
  return old.length;
}

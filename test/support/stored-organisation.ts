/**
 * The organisation the reconciliation and live-rollup tests start from, built once: objectives,
 * key results, Jira's issues and the links between them, made into what storage holds before any
 * event (the full recompute's records) and into an in-memory store over them. Each test file
 * names its own objectives and issues; the time, the settings and the plumbing are here.
 */
import type { StoredIssue } from '../../src/app/rollup/stored-records';
import type { RollupInput } from '../../src/domain/rollup/full-recompute';
import { aPeriod, aPolicy, aRollupInput, DAY, T0 } from './builders';
import { MemoryRollupStore } from './memory-rollup-store';
import { storedRecords } from './rollup-records';

/** When these tests run: a month into the default period. */
export const ORGANISATION_NOW = T0 + 30 * DAY;

/** The rollup settings the use cases are given: the default policy and period. */
export function aRollupSettings() {
  return { policy: aPolicy(), periods: [aPeriod()] };
}

export type Organisation = Pick<RollupInput, 'objectives' | 'keyResults' | 'issues' | 'contributions'> & {
  now?: number;
};

/** The full recompute's input for the organisation, at ORGANISATION_NOW unless it says. */
export function inputOf(org: Organisation): RollupInput {
  return aRollupInput({ ...org, now: org.now ?? ORGANISATION_NOW });
}

/** The organisation's records as storage holds them before their first write (from a full recompute). */
export function storedOf(org: Organisation) {
  return storedRecords(inputOf(org));
}

/** An in-memory store holding the organisation's records, its links as the store's indexes. */
export function aStoreOf(org: Organisation): MemoryRollupStore {
  const { issues, rollups } = storedOf(org);
  return new MemoryRollupStore(issues, rollups, org.contributions);
}

/** The `issuesAfter` port over a store: its issues after a key, in key order, `limit` at most, as copies. */
export function issuesAfterOf(store: MemoryRollupStore) {
  return async (after: string, limit: number): Promise<StoredIssue[]> =>
    [...store.issues.values()]
      .filter((i) => i.key > after)
      .sort((a, b) => (a.key < b.key ? -1 : 1))
      .slice(0, limit)
      .map((i) => structuredClone(i));
}

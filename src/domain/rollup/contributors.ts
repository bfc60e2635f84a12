import { sortShortBy } from '../sort-short';
import type { ContributorRecord, RollupRecord } from './records';

/**
 * A rollup's contributors, kept in objective id order (records.ts): found by a scan — an objective
 * has none, one or a handful — and put where the order wants them.
 */

/** The contributor of that id, if it contributes. */
export function contributorIn(
  r: Pick<RollupRecord, 'contributors'>,
  objectiveId: string,
): ContributorRecord | undefined {
  const list = r.contributors;
  for (let i = 0; i < list.length; i++) {
    const c = list[i] as ContributorRecord;
    if (c.objectiveId === objectiveId) return c;
  }
  return undefined;
}

/** Puts a contributor in its place by id, replacing the one of the same id. */
export function putContributor(r: Pick<RollupRecord, 'contributors'>, c: ContributorRecord): void {
  const list = r.contributors;
  let i = 0;
  while (i < list.length && (list[i] as ContributorRecord).objectiveId < c.objectiveId) i++;
  if (i < list.length && (list[i] as ContributorRecord).objectiveId === c.objectiveId) list[i] = c;
  else list.splice(i, 0, c);
}

/** Takes the contributor of that id out, if it is there. */
export function dropContributor(r: Pick<RollupRecord, 'contributors'>, objectiveId: string): void {
  const list = r.contributors;
  const i = list.findIndex((c) => c.objectiveId === objectiveId);
  if (i >= 0) list.splice(i, 1);
}

const objectiveIdOf = (c: ContributorRecord): string => c.objectiveId;

/** A copy of the contributors in objective id order (the order the list is kept in; a list is short). */
export function inIdOrder(list: readonly ContributorRecord[]): ContributorRecord[] {
  const sorted = [...list];
  sortShortBy(sorted, objectiveIdOf);
  return sorted;
}

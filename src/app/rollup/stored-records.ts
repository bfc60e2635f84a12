import { z } from 'zod';
import { Confidence, IssueState, KeyResult, Objective, ObjectiveRollup, RecordId } from '../../contract';
import { inIdOrder } from '../../domain/rollup/contributors';
import type { IssueRecord, LinkCount, RollupRecord } from '../../domain/rollup/records';
import { emptyTally, type WorkTally } from '../../domain/tally';

/**
 * The rollup's records as storage holds them: the domain's record types (src/domain/rollup/records.ts)
 * with the version they were read at. The schemas below parse them back; each is declared as
 * parsing to exactly its domain type, so a field added to one and not the other does not compile.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** The schema `S` when it parses to exactly `T`; `never` (a compile error where it is used) otherwise. */
type Parses<S extends z.ZodType, T> = Same<z.output<S>, T> extends true ? S : never;

/** A histogram, flat ([value, count, …]); tallies written before it was flat hold [value, count] pairs, read the same. */
const histogram = z.union([
  z.array(z.number().int()).refine((h) => h.length % 2 === 0, 'a histogram holds value, count pairs'),
  z.array(z.tuple([z.number().int(), z.number().int()])).transform((pairs) => pairs.flat()),
]);
const tally = z.object({
  issues: z.number().int(),
  done: z.number().int(),
  inProgress: z.number().int(),
  centiPoints: z.number().int(),
  centiPointsDone: z.number().int(),
  resolved: z.number().int(),
  withDue: z.number().int(),
  onTime: z.number().int(),
  bugs: z.number().int(),
  cycleTenths: histogram,
  resolvedDays: histogram,
});
/** A tally as stored: the histograms flat, [value, count, value, count, …], sorted by value. */
export const StoredTally: Parses<typeof tally, WorkTally> = tally;
export type StoredTally = WorkTally;

/** A stored tally, or an empty one where none is stored. */
export function loadTally(t: WorkTally | null | undefined): WorkTally {
  return t ?? emptyTally();
}

const link = z.object({ objectiveId: RecordId, keyResultId: RecordId.nullable(), count: z.number().int().positive() });
/** One contribution of this issue itself (the link), counted: the same link may be written twice. */
export const StoredLink: Parses<typeof link, LinkCount> = link;
export type StoredLink = LinkCount;

/** Storage version read with the record (0: not stored yet); a stale write is refused. */
const version = z.number().int().nonnegative().default(0);

const issue = z.object({
  key: z.string(),
  state: IssueState,
  parent: z.string().nullable(),
  ancestors: z.array(z.string()),
  childCount: z.number().int().nonnegative(),
  pointsBelow: z.number().int().nonnegative(),
  links: z.array(StoredLink),
  tally: StoredTally.nullable(),
  version,
});
/** An issue record (IssueRecord) as stored. */
export type StoredIssue = IssueRecord & { version: number };
export const StoredIssue: Parses<typeof issue, StoredIssue> = issue;

const contributorFigures = { weight: z.number().nullable(), progress: z.number().nullable(), counts: z.boolean() };
const contributor = z.object({ objectiveId: RecordId, ...contributorFigures });
/**
 * A rollup's contributors, in objective id order, each once (read back in that order whatever
 * order they were written in); rollups written before the list was kept hold a dictionary by
 * objective id, read as the same list.
 */
const contributors = z.union([
  z
    .array(contributor)
    .refine((list) => new Set(list.map((c) => c.objectiveId)).size === list.length, 'a contributor is listed once')
    .transform(inIdOrder),
  z
    .record(RecordId, z.object(contributorFigures))
    .transform((byId) => inIdOrder(Object.entries(byId).map(([objectiveId, c]) => ({ objectiveId, ...c })))),
]);

const rollup = z.object({
  objectiveId: RecordId,
  objective: Objective,
  keyResults: z.array(KeyResult),
  own: StoredTally,
  keyResultTallies: z.record(z.string(), StoredTally),
  measurements: z.record(z.string(), z.number()),
  lastCheckIn: z.object({ id: z.string(), at: z.number(), confidence: Confidence }).nullable(),
  contributors,
  targets: z.array(RecordId),
  record: ObjectiveRollup,
  version,
});
/** An objective's rollup record (RollupRecord) as stored. */
export type StoredRollup = RollupRecord & { version: number };
export const StoredRollup: Parses<typeof rollup, StoredRollup> = rollup;

/** Records made by the domain, to be written for the first time. */
export const unstored = <T extends object>(record: T): T & { version: number } => ({ ...record, version: 0 });

const linkedKeys = z.object({ objectiveId: RecordId, issueKeys: z.array(z.string()), version });
/**
 * The issues whose records were saved linked to an objective (or one of its key results), read by
 * key: the contribution index lists the same links, but as a query it lags writes by about a
 * second. Written in the same transaction as the issue records whose links it names, so a set is
 * counted from every link made a moment ago; a key may stay after its link is gone (the issue's
 * record says whether it is linked).
 */
export interface StoredLinkedKeys {
  objectiveId: string;
  issueKeys: string[];
  version: number;
}
export const StoredLinkedKeys: Parses<typeof linkedKeys, StoredLinkedKeys> = linkedKeys;

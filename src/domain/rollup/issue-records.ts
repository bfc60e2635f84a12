import { indexOf } from './key-index';
import { NO_LINKS, placedRecord, type Placement } from './place-issues';
import type { IssueRecord } from './records';

/** Bound once: called for every record materialised (see `hashKey` in forest-layout.ts). */
const recordAt = placedRecord;
const issueIndex = indexOf;

/**
 * The issue records of a full recompute, held compactly: the layout's arrays (keys, states, parent
 * indexes, counters) and the records of the linked issues, which the sets were counted from. The
 * record of any other issue is made when it is asked for, by the same function and from the same
 * placement that made it before (`placedRecord`), so it equals field for field the record a full
 * recompute used to make for every issue; siblings still share one array of ancestors.
 *
 * A full recompute needs the records of the linked issues (the roots of the sets); the other
 * 185,000 of a 200,000-issue organisation are wanted only by whoever stores or compares them
 * (the benchmarks seeding storage, the tests' oracle), so they are not made up front.
 *
 * A linked issue's record is the same object on every call; any other issue's is a new object on
 * each call (change one, and the next call does not see it: keep what you change).
 */
export interface IssueRecords extends Iterable<IssueRecord> {
  /** How many issues (each key once). */
  readonly size: number;
  /** Issue i's record, 0 ≤ i < size: the order of the input, a key given twice at its first place. */
  at(i: number): IssueRecord;
  /** The record of the issue with this key, if there is one. */
  get(key: string): IssueRecord | undefined;
}

/** The records of the issues placed by `at`; `linked[i]`: issue i's record when it is linked (made already). */
export function heldIssueRecords(at: Placement, linked: readonly (IssueRecord | undefined)[]): IssueRecords {
  const layout = at.layout;
  const size = layout.keys.length;
  const record = (i: number): IssueRecord => linked[i] ?? recordAt(at, i, NO_LINKS);
  return {
    size,
    at(i: number): IssueRecord {
      if (!(Number.isInteger(i) && i >= 0 && i < size)) throw new RangeError(`no issue record at ${i} of ${size}`);
      return record(i);
    },
    get(key: string): IssueRecord | undefined {
      const i = issueIndex(layout.index, key);
      return i < 0 ? undefined : record(i);
    },
    *[Symbol.iterator](): Iterator<IssueRecord> {
      for (let i = 0; i < size; i++) yield record(i);
    },
  };
}

/** Every issue record, made now, in order (`records.at(0)` first): what a full recompute used to return. */
export function allIssueRecords(records: IssueRecords): IssueRecord[] {
  const out = new Array<IssueRecord>(records.size);
  for (let i = 0; i < out.length; i++) out[i] = records.at(i);
  return out;
}

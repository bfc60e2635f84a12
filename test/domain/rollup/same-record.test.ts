import type { ObjectiveRollup } from '../../../src/contract';
import { sameRecord } from '../../../src/domain/rollup/same-record';
import { sameData } from '../../../src/domain/same-data';
import { recordsOf } from '../../support/rollup-records';
import { aContribution, aKeyResult, anIssue, anObjective, aRollupInput, DAY, T0 } from '../../support/builders';

/** A record with every kind of figure set: work, delivery, a computed key result (with work) and a metric (without). */
function aFullRecord(): ObjectiveRollup {
  const o = anObjective({ id: 'o' });
  const done = { statusCategory: 'done' as const, resolved: T0 + 3 * DAY, updated: T0 + 3 * DAY };
  const input = aRollupInput({
    objectives: [o],
    keyResults: [
      aKeyResult({ id: 'kr-work', objectiveId: 'o', kind: 'completion' }),
      aKeyResult({ id: 'kr-metric', objectiveId: 'o', kind: 'metric', baseline: 0, target: 10 }),
    ],
    issues: [
      anIssue({ key: 'ABC-1', storyPoints: 3, dueDate: '2026-10-20', ...done }),
      anIssue({ key: 'ABC-2', storyPoints: 2, isBug: true, statusCategory: 'indeterminate' }),
    ],
    contributions: [
      aContribution({ issueKey: 'ABC-1', objectiveId: 'o', keyResultId: 'kr-work' }),
      aContribution({ issueKey: 'ABC-2', objectiveId: 'o', keyResultId: 'kr-work' }),
    ],
    now: T0 + 10 * DAY,
  });
  return recordsOf(input).get('o') as ObjectiveRollup;
}

/** Every path to a figure of a record (nested objects and arrays walked), e.g. ['keyResults', 0, 'work', 'done']. */
function leafPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leafPaths(v, [...path, i]));
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...path, k]));
  return [path];
}

/** A deep copy of the record with the figure at `path` made different (a number moved, a string changed, a flag flipped, null set). */
function withFigureChanged(record: ObjectiveRollup, path: (string | number)[]): ObjectiveRollup {
  const copy = structuredClone(record) as unknown as Record<string | number, unknown>;
  let holder = copy;
  for (const step of path.slice(0, -1)) holder = holder[step] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  const v = holder[last];
  holder[last] =
    v === null
      ? 0
      : typeof v === 'number'
        ? v + 0.5
        : typeof v === 'string'
          ? `${v}x`
          : typeof v === 'boolean'
            ? !v
            : null;
  return copy as unknown as ObjectiveRollup;
}

describe('comparing objective records (the walk up names the records that changed)', () => {
  it('finds a copy of a record the same', () => {
    const record = aFullRecord();
    expect(sameRecord(record, structuredClone(record))).toBe(true);
  });

  it('finds a record different when any one of its figures differs, as sameData does', () => {
    const record = aFullRecord();
    const paths = leafPaths(record);
    // the record built has work on a key result and on the objective, delivery figures, and a key result without work
    expect(paths).toContainEqual(['keyResults', 1, 'work', 'done']);
    expect(paths).toContainEqual(['delivery', 'medianCycleDays']);
    expect(paths).toContainEqual(['keyResults', 0, 'work']);
    for (const path of paths) {
      const other = withFigureChanged(record, path);
      expect({ path, same: sameRecord(record, other) }).toEqual({ path, same: false });
      expect(sameRecord(other, record)).toBe(sameData(other, record));
    }
  });

  it('finds records with a key result more or fewer different', () => {
    const record = aFullRecord();
    const fewer = { ...record, keyResults: record.keyResults.slice(1) };
    expect(sameRecord(record, fewer)).toBe(false);
    expect(sameRecord(fewer, record)).toBe(false);
  });
});

import fc from 'fast-check';
import { ancestorsToRead, listedWork, type ListedRecord } from '../../src/domain/listed-work';
import { aContribution, aRollupInput } from '../support/builders';
import { storedRecords } from '../support/rollup-records';
import { initial, KEY_RESULTS, KEYS, makeIssue, NOW, OBJECTIVES, TARGETS } from '../support/small-organisation';

/** An issue record as the rule reads it: where it hangs and the links made on it. */
const record = (over: Partial<ListedRecord> = {}): ListedRecord => ({
  ancestors: [],
  links: [],
  childCount: 0,
  ...over,
});
const link = (objectiveId: string, keyResultId: string | null = null) => ({ objectiveId, keyResultId, count: 1 });

describe('listed work: how an objective counts each listed issue', () => {
  it('counts a leaf linked directly or through an ancestor, marks a serving container, and leaves the rest not serving', () => {
    const records = new Map<string, ListedRecord>([
      ['E-1', record({ childCount: 2, links: [link('O-2', 'O-2.KR-1')] })],
      ['S-1', record({ ancestors: ['E-1'] })],
      ['S-2', record({ ancestors: ['E-1'], childCount: 1 })],
      ['T-1', record({ ancestors: ['S-2', 'E-1'] })],
      ['X-1', record({ links: [link('O-3')] })],
      ['X-2', record({ childCount: 3 })],
    ]);
    const work = listedWork('O-2', ['E-1', 'S-1', 'S-2', 'T-1', 'X-1', 'X-2', 'N-1'], (k) => records.get(k));
    expect(Object.fromEntries(work)).toEqual({
      'E-1': 'container',
      'S-1': 'counted',
      'S-2': 'container',
      'T-1': 'counted',
      'X-1': 'not-serving',
      'X-2': 'not-serving',
      // no record: the rollup has not heard of it
      'N-1': 'not-serving',
    });
  });

  it('reads the ancestors the list does not hold, each once', () => {
    const records = new Map<string, ListedRecord>([
      ['T-1', record({ ancestors: ['S-2', 'E-1'] })],
      ['T-2', record({ ancestors: ['S-2', 'E-1'] })],
      ['S-2', record({ ancestors: ['E-1'] })],
    ]);
    expect(ancestorsToRead(['T-1', 'T-2', 'S-2'], (k) => records.get(k))).toEqual(['E-1']);
  });

  it('agrees with the rollup: the issues it calls counted are as many as the objective counts, in any organisation', () => {
    fc.assert(
      fc.property(initial, ({ issues, links }) => {
        const input = aRollupInput({
          objectives: OBJECTIVES,
          keyResults: KEY_RESULTS,
          issues: issues.flatMap((f, i) => (f === null ? [] : [makeIssue(i, f, NOW)])),
          contributions: links.map(({ i, t }) =>
            aContribution({
              issueKey: KEYS[i] as string,
              objectiveId: TARGETS[t]!.objectiveId,
              keyResultId: TARGETS[t]!.keyResultId,
            }),
          ),
          now: NOW,
        });
        const stored = storedRecords(input);
        const byKey = new Map(stored.issues.map((r) => [r.key, r]));
        for (const r of stored.rollups) {
          const work = listedWork(r.objectiveId, [...byKey.keys()], (k) => byKey.get(k));
          const counted = [...work.values()].filter((w) => w === 'counted').length;
          expect([r.objectiveId, counted]).toEqual([r.objectiveId, r.record.work.issues]);
        }
      }),
      { numRuns: 200 },
    );
  });
});

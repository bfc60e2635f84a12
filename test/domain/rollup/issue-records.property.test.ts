import fc from 'fast-check';
import type { IssueState } from '../../../src/contract';
import { fullRecompute } from '../../../src/domain/rollup/full-recompute';
import { allIssueRecords } from '../../../src/domain/rollup/issue-records';
import { aContribution, aRollupInput, T0 } from '../../support/builders';
import { referenceIssueRecords } from '../../support/reference-rollup';
import { initial, KEY_RESULTS, KEYS, makeIssue, NOW, OBJECTIVES, TARGETS } from '../../support/small-organisation';

/** An organisation from the small generator, its issues in any order, some given twice (the later state counts). */
const organisation = fc
  .tuple(initial, fc.integer(), fc.array(fc.nat(), { maxLength: 3 }))
  .map(([start, seed, twice]) => {
    const issues: IssueState[] = [];
    start.issues.forEach((f, i) => {
      if (f !== null) issues.push(makeIssue(i, f, T0));
    });
    let s = seed;
    for (let k = issues.length - 1; k > 0; k--) {
      s = (s * 1103515245 + 12345) & 0x7fffffff;
      const j = s % (k + 1);
      [issues[k], issues[j]] = [issues[j] as IssueState, issues[k] as IssueState];
    }
    if (issues.length > 0)
      for (const t of twice) {
        const again = issues[t % issues.length] as IssueState;
        issues.push({ ...again, statusCategory: 'done', resolved: T0 + 1, updated: again.updated + 1 });
      }
    const contributions = start.links.map(({ i, t }) => aContribution({ issueKey: KEYS[i] as string, ...TARGETS[t]! }));
    return aRollupInput({ objectives: OBJECTIVES, keyResults: KEY_RESULTS, issues, contributions, now: NOW });
  });

describe("the full recompute's issue records", () => {
  it('made all at once, equal the plain reference record of every issue, in input order', () => {
    fc.assert(
      fc.property(organisation, (input) => {
        const full = fullRecompute(input);
        const reference = referenceIssueRecords(input);
        expect(full.issues.size).toBe(reference.length);
        expect(allIssueRecords(full.issues)).toEqual(reference);
      }),
      { numRuns: 300 },
    );
  });

  it('are the same records looked up by key, by place or in turn, and none for an unknown key', () => {
    fc.assert(
      fc.property(organisation, (input) => {
        const full = fullRecompute(input);
        const reference = referenceIssueRecords(input);
        reference.forEach((expected, i) => {
          expect(full.issues.get(expected.key)).toEqual(expected);
          expect(full.issues.at(i)).toEqual(expected);
        });
        expect([...full.issues]).toEqual(reference);
        expect(full.issues.get('NOPE-1')).toBeUndefined();
        expect(() => full.issues.at(reference.length)).toThrow(RangeError);
      }),
      { numRuns: 100 },
    );
  });

  it('keep the records the sets were counted from: a linked issue is the same object every time', () => {
    const input = aRollupInput({
      objectives: OBJECTIVES,
      keyResults: KEY_RESULTS,
      issues: [
        makeIssue(
          0,
          { parent: null, statusCategory: 'new', storyPoints: 3, isBug: false, resolvedDay: 0, dueDay: null },
          T0,
        ),
      ],
      contributions: [aContribution({ issueKey: KEYS[0] as string, ...TARGETS[0]! })],
      now: NOW,
    });
    const full = fullRecompute(input);
    const linked = full.issues.get(KEYS[0] as string);
    expect(linked?.tally?.centiPoints).toBe(300);
    expect(full.issues.at(0)).toBe(linked);
  });
});

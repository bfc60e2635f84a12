import fc from 'fast-check';
import type { IssueState, ObjectiveRollup } from '../../../src/contract';
import { fullRecompute, type RollupRecords } from '../../../src/domain/rollup/full-recompute';
import { aContribution, aRollupInput, T0 } from '../../support/builders';
import { referenceRollup } from '../../support/reference-rollup';
import { initial, KEY_RESULTS, KEYS, makeIssue, NOW, OBJECTIVES, TARGETS } from '../../support/small-organisation';

function records(full: RollupRecords): Record<string, ObjectiveRollup> {
  return Object.fromEntries(
    full.rollups.map((r): [string, ObjectiveRollup] => [r.objectiveId, r.record]).sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}

describe('the full recompute', () => {
  it('does not depend on the order of its input', () => {
    fc.assert(
      fc.property(initial, fc.integer(), (start, seed) => {
        const issues: IssueState[] = [];
        start.issues.forEach((f, i) => {
          if (f !== null) issues.push(makeIssue(i, f, T0));
        });
        const contributions = start.links.map(({ i, t }) =>
          aContribution({ issueKey: KEYS[i] as string, ...TARGETS[t]! }),
        );
        const shuffle = <T>(xs: readonly T[]): T[] => {
          const out = [...xs];
          let s = seed;
          for (let k = out.length - 1; k > 0; k--) {
            s = (s * 1103515245 + 12345) & 0x7fffffff;
            const j = s % (k + 1);
            [out[k], out[j]] = [out[j] as T, out[k] as T];
          }
          return out;
        };
        const a = fullRecompute(
          aRollupInput({ objectives: OBJECTIVES, keyResults: KEY_RESULTS, issues, contributions, now: NOW }),
        );
        const b = fullRecompute(
          aRollupInput({
            objectives: shuffle(OBJECTIVES),
            keyResults: shuffle(KEY_RESULTS),
            issues: shuffle(issues),
            contributions: shuffle(contributions),
            now: NOW,
          }),
        );
        expect(records(b)).toEqual(records(a));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps every progress in [0, 1] or null', () => {
    fc.assert(
      fc.property(initial, (start) => {
        const issues: IssueState[] = [];
        start.issues.forEach((f, i) => {
          if (f !== null) issues.push(makeIssue(i, f, T0));
        });
        const contributions = start.links.map(({ i, t }) =>
          aContribution({ issueKey: KEYS[i] as string, ...TARGETS[t]! }),
        );
        const full = fullRecompute(
          aRollupInput({ objectives: OBJECTIVES, keyResults: KEY_RESULTS, issues, contributions, now: NOW }),
        );
        for (const { record: r } of full.rollups) {
          for (const p of [r.progress, ...r.keyResults.map((k) => k.progress)]) {
            if (p !== null) {
              expect(p).toBeGreaterThanOrEqual(0);
              expect(p).toBeLessThanOrEqual(1);
            }
          }
          if (r.measuredInputs === 0) expect(r.progress).toBeNull();
        }
      }),
      { numRuns: 200 },
    );
  });

  it('gives what the plain reference rollup gives', () => {
    fc.assert(
      fc.property(initial, (start) => {
        const issues: IssueState[] = [];
        start.issues.forEach((f, i) => {
          if (f !== null) issues.push(makeIssue(i, f, T0));
        });
        const contributions = start.links.map(({ i, t }) =>
          aContribution({ issueKey: KEYS[i] as string, ...TARGETS[t]! }),
        );
        const input = aRollupInput({
          objectives: OBJECTIVES,
          keyResults: KEY_RESULTS,
          issues,
          contributions,
          now: NOW,
        });
        expect(records(fullRecompute(input))).toEqual(
          Object.fromEntries([...referenceRollup(input)].sort(([a], [b]) => (a < b ? -1 : 1))),
        );
      }),
      { numRuns: 300 },
    );
  });
});

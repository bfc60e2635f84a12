import { recordsOf } from '../../support/rollup-records';
import { aContribution, aKeyResult, anIssue, anObjective, aRollupInput, DAY, T0 } from '../../support/builders';

describe('the full recompute', () => {
  it('counts the stories under a linked epic, once, leaving the epic itself out of the count', () => {
    const o = anObjective();
    const kr = aKeyResult({ objectiveId: o.id, kind: 'completion' });
    const model = recordsOf(
      aRollupInput({
        objectives: [o],
        keyResults: [kr],
        issues: [
          anIssue({ key: 'ABC-1', issueType: 'Epic' }),
          anIssue({ key: 'ABC-2', parentKey: 'ABC-1', statusCategory: 'done', resolved: T0 + DAY }),
          anIssue({ key: 'ABC-3', parentKey: 'ABC-1', statusCategory: 'indeterminate' }),
        ],
        contributions: [
          aContribution({ issueKey: 'ABC-1', objectiveId: o.id, keyResultId: kr.id }),
          aContribution({ issueKey: 'ABC-2', objectiveId: o.id, keyResultId: kr.id }),
        ],
      }),
    );
    const record = model.get(o.id)!;
    expect(record.work).toEqual({ issues: 2, done: 1, inProgress: 1, toDo: 0, points: 0, pointsDone: 0 });
    expect(record.keyResults[0]!.progress).toBe(0.5);
    expect(record.progress).toBe(0.5);
  });
});

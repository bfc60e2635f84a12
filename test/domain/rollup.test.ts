import { fullRollup, applyIssueChange } from '../../src/domain/rollup';
import { aContribution, aKeyResult, anIssue, anObjective, aRollupInput, DAY, T0 } from '../support/builders';

describe('full rollup', () => {
  it('counts the stories under a linked epic, once, leaving the epic itself out of the count', () => {
    const o = anObjective();
    const kr = aKeyResult({ objectiveId: o.id, kind: 'completion' });
    const model = fullRollup(
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
    const record = model.records.get(o.id)!;
    expect(record.work).toEqual({ issues: 2, done: 1, inProgress: 1, toDo: 0, points: 0, pointsDone: 0 });
    expect(record.keyResults[0]!.progress).toBe(0.5);
    expect(record.progress).toBe(0.5);
  });

  it('moves progress when a story is done, without a full recompute', () => {
    const o = anObjective();
    const kr = aKeyResult({ objectiveId: o.id, kind: 'completion' });
    const input = aRollupInput({
      objectives: [o],
      keyResults: [kr],
      issues: [anIssue({ key: 'ABC-1' }), anIssue({ key: 'ABC-2', parentKey: 'ABC-1' }), anIssue({ key: 'ABC-3', parentKey: 'ABC-1' })],
      contributions: [aContribution({ issueKey: 'ABC-1', objectiveId: o.id, keyResultId: kr.id })],
    });
    const model = fullRollup(input);
    expect(model.records.get(o.id)!.progress).toBe(0);
    const changed = applyIssueChange(model, {
      type: 'upsert',
      issue: anIssue({ key: 'ABC-2', parentKey: 'ABC-1', statusCategory: 'done', resolved: T0 + DAY, updated: T0 + DAY }),
    });
    expect(changed.map((r) => r.objectiveId)).toEqual([o.id]);
    expect(model.records.get(o.id)!.progress).toBe(0.5);
  });
});

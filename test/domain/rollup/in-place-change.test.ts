import { fullRecompute } from '../../../src/domain/rollup/full-recompute';
import { InMemoryRollup } from '../../support/in-memory-rollup';
import { aContribution, aKeyResult, anIssue, anObjective, aRollupInput, DAY, T0 } from '../../support/builders';

describe('an issue changed in place', () => {
  it('moves progress when a story is done, without a full recompute', () => {
    const o = anObjective();
    const kr = aKeyResult({ objectiveId: o.id, kind: 'completion' });
    const input = aRollupInput({
      objectives: [o],
      keyResults: [kr],
      issues: [
        anIssue({ key: 'ABC-1' }),
        anIssue({ key: 'ABC-2', parentKey: 'ABC-1' }),
        anIssue({ key: 'ABC-3', parentKey: 'ABC-1' }),
      ],
      contributions: [aContribution({ issueKey: 'ABC-1', objectiveId: o.id, keyResultId: kr.id })],
    });
    const model = new InMemoryRollup(fullRecompute(input), input, input.now);
    expect(model.rollups.get(o.id)!.record.progress).toBe(0);
    const changed = model.changeInPlace(
      anIssue({ key: 'ABC-2', parentKey: 'ABC-1', statusCategory: 'done', resolved: T0 + DAY, updated: T0 + DAY }),
    );
    expect(changed.map((r) => r.objectiveId)).toEqual([o.id]);
    expect(model.rollups.get(o.id)!.record.progress).toBe(0.5);
  });
});

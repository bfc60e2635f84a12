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

  it('names the records it changed in objective id order, whatever order the walk up reached them in', () => {
    // the walk reaches the child first, then its parent, then the top: z, m, a
    const top = anObjective({ id: 'o-a', levelId: 'organisation' });
    const mid = anObjective({ id: 'o-m', parentId: 'o-a' });
    const child = anObjective({ id: 'o-z', parentId: 'o-m' });
    const kr = aKeyResult({ objectiveId: 'o-z', kind: 'completion' });
    const input = aRollupInput({
      objectives: [top, mid, child],
      keyResults: [kr],
      issues: [anIssue({ key: 'ABC-1' }), anIssue({ key: 'ABC-2' })],
      contributions: [
        aContribution({ issueKey: 'ABC-1', objectiveId: 'o-z', keyResultId: kr.id }),
        aContribution({ issueKey: 'ABC-2', objectiveId: 'o-z', keyResultId: kr.id }),
      ],
    });
    const model = new InMemoryRollup(fullRecompute(input), input, input.now);
    const changed = model.changeInPlace(
      anIssue({ key: 'ABC-1', statusCategory: 'done', resolved: T0 + DAY, updated: T0 + DAY }),
    );
    expect(changed.map((r) => [r.objectiveId, r.progress])).toEqual([
      ['o-a', 0.5],
      ['o-m', 0.5],
      ['o-z', 0.5],
    ]);
  });
});

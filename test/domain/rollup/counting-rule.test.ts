import fc from 'fast-check';
import type { IssueState } from '../../../src/contract';
import { recordsOf } from '../../support/rollup-records';
import { aContribution, aKeyResult, anIssue, anObjective, aRollupInput } from '../../support/builders';

function workOf(issues: IssueState[], linked: string[], measure: 'count' | 'story-points' = 'count') {
  const o = anObjective();
  const kr = aKeyResult({ objectiveId: o.id, kind: 'completion', measure });
  const model = recordsOf(
    aRollupInput({
      objectives: [o],
      keyResults: [kr],
      issues,
      contributions: linked.map((issueKey) => aContribution({ issueKey, objectiveId: o.id, keyResultId: kr.id })),
    }),
  );
  return { work: model.get(o.id)!.work, kr: model.get(o.id)!.keyResults[0]! };
}

describe('the counting rule', () => {
  it('counts an issue linked directly and through its epic once', () => {
    const issues = [anIssue({ key: 'E-1' }), anIssue({ key: 'E-2', parentKey: 'E-1', statusCategory: 'done' })];
    expect(workOf(issues, ['E-1', 'E-2', 'E-2']).work).toMatchObject({ issues: 1, done: 1 });
  });

  it('brings sub-tasks along through their story and the story through its epic', () => {
    const issues = [
      anIssue({ key: 'E-1', issueType: 'Epic' }),
      anIssue({ key: 'E-2', parentKey: 'E-1' }),
      anIssue({ key: 'E-3', parentKey: 'E-2', statusCategory: 'indeterminate' }),
      anIssue({ key: 'E-4', parentKey: 'E-2', statusCategory: 'done' }),
      anIssue({ key: 'E-5', parentKey: 'E-1' }),
    ];
    // the epic and the story are containers; the sub-tasks and the childless story count
    expect(workOf(issues, ['E-1']).work).toEqual({
      issues: 3,
      done: 1,
      inProgress: 1,
      toDo: 1,
      points: 0,
      pointsDone: 0,
    });
  });

  it("counts a container's points only when nothing below it carries points", () => {
    const estimatedAbove = [anIssue({ key: 'E-1', storyPoints: 8 }), anIssue({ key: 'E-2', parentKey: 'E-1' })];
    expect(workOf(estimatedAbove, ['E-1'], 'story-points').work.points).toBe(8);
    const estimatedBelow = [
      anIssue({ key: 'E-1', storyPoints: 8 }),
      anIssue({ key: 'E-2', parentKey: 'E-1' }),
      anIssue({ key: 'E-3', parentKey: 'E-2', storyPoints: 2, statusCategory: 'done' }),
    ];
    // the sub-task's 2 points replace both the story's (none) and the epic's 8
    const { work, kr } = workOf(estimatedBelow, ['E-1'], 'story-points');
    expect(work).toMatchObject({ points: 2, pointsDone: 2 });
    expect(kr.progress).toBe(1);
  });

  it('shows "no measure", not 0 %, when there is no work', () => {
    const { kr } = workOf([], ['E-1']);
    expect(kr.progress).toBeNull();
    const unestimated = workOf([anIssue({ key: 'E-1' })], ['E-1'], 'story-points');
    expect(unestimated.kr.progress).toBeNull();
  });

  it('never counts an issue twice, for any tree and any overlapping links (against a brute-force count)', () => {
    const N = 10;
    const tree = fc.tuple(
      ...Array.from({ length: N }, (_, i) =>
        fc.record({
          present: fc.boolean(),
          parent: fc.option(fc.integer({ min: 0, max: Math.max(0, i - 1) }), { nil: null }),
          done: fc.boolean(),
          points: fc.option(fc.constantFrom(1, 2, 3, 5), { nil: null }),
        }),
      ),
    );
    fc.assert(
      fc.property(tree, fc.array(fc.integer({ min: 0, max: N - 1 }), { maxLength: 6 }), (nodes, links) => {
        const key = (i: number) => `T-${i + 1}`;
        const issues = nodes.flatMap((n, i) =>
          n.present
            ? [
                anIssue({
                  key: key(i),
                  parentKey: n.parent !== null && n.parent < i ? key(n.parent) : null,
                  statusCategory: n.done ? 'done' : 'new',
                  storyPoints: n.points,
                }),
              ]
            : [],
        );
        const byKey = new Map(issues.map((x) => [x.key, x]));
        const linked = new Set(links.map(key));
        // brute force: an issue is in the set when it or any known ancestor is linked
        const inSet = (k: string): boolean => {
          for (let at: string | null = k; at !== null; at = byKey.get(at)?.parentKey ?? null) {
            if (!byKey.has(at)) return false;
            if (linked.has(at)) return true;
          }
          return false;
        };
        const members = issues.filter((x) => inSet(x.key));
        const childrenOf = (k: string) => issues.filter((x) => x.parentKey === k);
        const below = (k: string): IssueState[] => childrenOf(k).flatMap((c) => [c, ...below(c.key)]);
        const leaves = members.filter((x) => childrenOf(x.key).length === 0);
        const pointed = members.filter(
          (x) => x.storyPoints !== null && below(x.key).every((d) => d.storyPoints === null),
        );
        const { work } = workOf(issues, [...links.map(key)], 'story-points');
        expect(work.issues).toBe(leaves.length);
        expect(work.done).toBe(leaves.filter((x) => x.statusCategory === 'done').length);
        expect(work.points).toBe(pointed.reduce((s, x) => s + (x.storyPoints ?? 0), 0));
        expect(work.issues).toBeLessThanOrEqual(members.length);
      }),
      { numRuns: 500 },
    );
  });
});

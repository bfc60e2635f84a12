import { layOut, subtreeTally } from '../../../src/domain/rollup/forest-layout';
import { indexOf } from '../../../src/domain/rollup/key-index';
import { anIssue, DAY, T0 } from '../../support/builders';

const at = (layout: ReturnType<typeof layOut>, key: string) => indexOf(layout.index, key);
const parentOf = (layout: ReturnType<typeof layOut>, key: string) => {
  const p = layout.parent[at(layout, key)] as number;
  return p < 0 ? null : layout.keys[p];
};

describe('laying out issues', () => {
  it('links each issue to its parent when the parent is among them, children before parents', () => {
    const layout = layOut([
      anIssue({ key: 'L-3', parentKey: 'L-2' }),
      anIssue({ key: 'L-1' }),
      anIssue({ key: 'L-2', parentKey: 'L-1' }),
      anIssue({ key: 'L-4', parentKey: 'L-9' }),
    ]);
    expect([
      parentOf(layout, 'L-3'),
      parentOf(layout, 'L-2'),
      parentOf(layout, 'L-1'),
      parentOf(layout, 'L-4'),
    ]).toEqual(['L-2', 'L-1', null, null]);
    const position = new Map([...layout.order].map((i, k) => [layout.keys[i], k]));
    expect(position.get('L-3')! < position.get('L-2')! && position.get('L-2')! < position.get('L-1')!).toBe(true);
    expect(layout.childCount[at(layout, 'L-1')]).toBe(1);
  });

  it('takes the later state of a key given twice', () => {
    const layout = layOut([
      anIssue({ key: 'D-1', statusCategory: 'new' }),
      anIssue({ key: 'D-2' }),
      anIssue({ key: 'D-1', statusCategory: 'done', resolved: T0 + DAY }),
    ]);
    expect(layout.keys).toEqual(['D-1', 'D-2']);
    expect(layout.states[at(layout, 'D-1')]!.statusCategory).toBe('done');
    expect(subtreeTally(layout, at(layout, 'D-1'))).toMatchObject({ issues: 1, done: 1, resolved: 1 });
  });

  it('cuts a parent cycle (corrupt data) at the link of its smallest key', () => {
    const layout = layOut([
      anIssue({ key: 'C-2', parentKey: 'C-1' }),
      anIssue({ key: 'C-1', parentKey: 'C-3' }),
      anIssue({ key: 'C-3', parentKey: 'C-2' }),
    ]);
    expect([parentOf(layout, 'C-1'), parentOf(layout, 'C-2'), parentOf(layout, 'C-3')]).toEqual([null, 'C-1', 'C-2']);
  });

  it('leaves a detached issue a root (an event hangs it under its new parent itself)', () => {
    const layout = layOut([anIssue({ key: 'M-1', parentKey: 'M-2' }), anIssue({ key: 'M-2' })], 'M-1');
    expect(parentOf(layout, 'M-1')).toBeNull();
  });

  it('sums each subtree by the counting rule: containers not counted, points replaced by estimates below', () => {
    const layout = layOut([
      anIssue({ key: 'S-1', storyPoints: 8 }),
      anIssue({ key: 'S-2', parentKey: 'S-1' }),
      anIssue({ key: 'S-3', parentKey: 'S-2', storyPoints: 2, statusCategory: 'done', resolved: T0 + DAY }),
      anIssue({ key: 'S-4', parentKey: 'S-2', statusCategory: 'done', resolved: T0 + 3 * DAY }),
    ]);
    const epic = subtreeTally(layout, at(layout, 'S-1'));
    expect(epic).toMatchObject({ issues: 2, done: 2, centiPoints: 200, centiPointsDone: 200, resolved: 2 });
    expect(epic.cycleTenths).toEqual([10, 1, 30, 1]);
  });

  it('sums story points exactly when they add up past what 32-bit sums hold (21,474,836.47 points)', () => {
    const issues = [
      anIssue({ key: 'B-1' }),
      anIssue({ key: 'B-2', parentKey: 'B-1', storyPoints: 20_000_000.25, statusCategory: 'done', resolved: T0 + DAY }),
      anIssue({ key: 'B-3', parentKey: 'B-1', storyPoints: 1_500_000.5 }),
      anIssue({ key: 'B-4', parentKey: 'B-1', storyPoints: 3 }),
    ];
    const epic = subtreeTally(layOut(issues), 0);
    expect(epic).toMatchObject({ issues: 3, done: 1, centiPoints: 2_150_000_375, centiPointsDone: 2_000_000_025 });
    // the same issues with smaller estimates: the same arithmetic
    const small = subtreeTally(layOut(issues.map((i) => ({ ...i, storyPoints: i.storyPoints && 1.25 }))), 0);
    expect(small).toMatchObject({ issues: 3, done: 1, centiPoints: 375, centiPointsDone: 125 });
  });
});

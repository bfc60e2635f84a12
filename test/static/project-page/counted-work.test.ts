import { countedWork } from '../../../static/project-page/src/counted-work';

const issue = (key: string, over: { parentKey?: string | null; subtaskCount?: number } = {}) => ({
  key,
  summary: key,
  type: 'Story',
  status: 'To Do',
  category: 'new' as const,
  parentKey: null,
  subtaskCount: 0,
  ...over,
});

describe('contributing work, listed against what is counted', () => {
  it('marks issues with sub-tasks or listed children as not counted, and counts the rest against the rollup', () => {
    const work = countedWork(
      [
        issue('E-1'),
        issue('S-1', { parentKey: 'E-1' }),
        issue('S-2', { subtaskCount: 2 }),
        issue('T-1', { parentKey: 'S-2' }),
      ],
      5,
      true,
    );
    expect(work.rows.map((r) => [r.issue.key, r.notCounted])).toEqual([
      ['E-1', 'has-children'],
      ['S-1', null],
      ['S-2', 'has-sub-tasks'],
      ['T-1', null],
    ]);
    expect(work.countedListed).toBe(2);
    expect(work.notSeen).toBe(3);
  });

  it('does not guess what cannot be seen when the list is cut', () => {
    expect(countedWork([issue('S-1')], 80, false).notSeen).toBeNull();
    expect(countedWork([issue('S-1'), issue('S-2')], 1, true).notSeen).toBe(0);
  });
});

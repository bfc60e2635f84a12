import type { CountedListed, ListedWork } from '../../../src/contract/api';
import { countedWork } from '../../../static/project-page/src/counted-work';

/** A listed issue as the viewer's Jira search returns it. */
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

/** The server's answer: the rollup's count and each key's verdict. */
const answer = (counted: number | null, work: Record<string, ListedWork>): CountedListed => ({
  objectiveKey: 'O-2',
  counted,
  issues: Object.entries(work).map(([issueKey, w]) => ({ issueKey, work: w })),
});

const marks = (work: ReturnType<typeof countedWork>) => work.rows.map((r) => [r.issue.key, r.notCounted]);

describe('contributing work, listed against what is counted', () => {
  it('marks the containers the server names, with sub-tasks or child issues as Jira lists them, and counts the rest', () => {
    const work = countedWork(
      [
        issue('E-1'),
        issue('S-1', { parentKey: 'E-1' }),
        issue('S-2', { subtaskCount: 2 }),
        issue('T-1', { parentKey: 'S-2' }),
      ],
      answer(5, { 'E-1': 'container', 'S-1': 'counted', 'S-2': 'container', 'T-1': 'counted' }),
      true,
    );
    expect(marks(work)).toEqual([
      ['E-1', 'has-children'],
      ['S-1', null],
      ['S-2', 'has-sub-tasks'],
      ['T-1', null],
    ]);
    expect(work).toMatchObject({ counted: 5, countedListed: 2, containers: 2, notYet: 0, notSeen: 3 });
  });

  it('marks an epic whose children the viewer cannot see as a container: they are what the viewer cannot see', () => {
    // the viewer's search lists the epic alone; the rollup counts its three stories
    const work = countedWork([issue('E-1')], answer(3, { 'E-1': 'container' }), true);
    expect(marks(work)).toEqual([['E-1', 'has-children']]);
    expect(work).toMatchObject({ countedListed: 0, notSeen: 3 });
  });

  it('does not count a listed issue the rollup holds under no link yet, nor one the answer leaves out', () => {
    const work = countedWork(
      [issue('S-1'), issue('S-2'), issue('S-3')],
      answer(2, { 'S-1': 'counted', 'S-2': 'not-serving' }),
      true,
    );
    expect(marks(work)).toEqual([
      ['S-1', null],
      ['S-2', 'not-yet'],
      ['S-3', null],
    ]);
    expect(work).toMatchObject({ countedListed: 1, notYet: 1, notSeen: 1 });
  });

  it('does not guess what cannot be seen when the list is cut, nor before the first rollup', () => {
    expect(countedWork([issue('S-1')], answer(80, { 'S-1': 'counted' }), false).notSeen).toBeNull();
    expect(
      countedWork([issue('S-1'), issue('S-2')], answer(1, { 'S-1': 'counted', 'S-2': 'counted' }), true).notSeen,
    ).toBe(0);
    expect(countedWork([issue('S-1')], answer(null, { 'S-1': 'not-serving' }), true)).toMatchObject({
      counted: 0,
      notSeen: 0,
    });
  });
});

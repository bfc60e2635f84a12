import { phraseShare, sharePercent } from '../../../static/issue-panel/src/share-phrases';
import { aShare } from '../support/issue-panel-builders';

const work = (issues: number, points: number) => ({
  issues,
  done: 0,
  inProgress: 0,
  toDo: issues,
  points,
  pointsDone: 0,
});

describe('what an issue weighs, in words', () => {
  it('counts an issue among the issues, with its story points when they count', () => {
    expect(phraseShare(aShare({ byCount: 1 / 12, share: 1 / 12 }), work(12, 0), 'WEB-3')).toBe(
      'WEB-3 counts for 1 of 12 issues (8%).',
    );
    expect(phraseShare(aShare({ byCount: 1 / 12, byPoints: 5 / 40 }), work(12, 40), 'WEB-3')).toBe(
      'WEB-3 counts for 1 of 12 issues (8%), 5 of 40 story points (13%).',
    );
    expect(
      phraseShare(aShare({ measure: 'story-points', byCount: 1 / 12, byPoints: 5 / 40 }), work(12, 40), 'WEB-3'),
    ).toBe('WEB-3 counts for 5 of 40 story points (13%), 1 of 12 issues (8%).');
  });

  it('says when the issue counts through the issues under it, and what they weigh together', () => {
    const epic = aShare({ byCount: 0, byPoints: 0, withDescendants: { byCount: 6 / 12, byPoints: null } });
    expect(phraseShare(epic, work(12, 0), 'WEB-1')).toBe(
      'WEB-1 is not counted itself; the issues under it are. With everything under it: 6 of 12 issues (50%).',
    );
    const story = aShare({ byCount: 1 / 12, withDescendants: { byCount: 3 / 12, byPoints: null } });
    expect(phraseShare(story, work(12, 0), 'WEB-2')).toBe(
      'WEB-2 counts for 1 of 12 issues (8%). With everything under it: 3 of 12 issues (25%).',
    );
  });

  it('counts a parent that carries the story points of its sub-tasks by its points', () => {
    const story = aShare({ byCount: 0, byPoints: 1, withDescendants: { byCount: 1, byPoints: 1 } });
    expect(phraseShare(story, work(1, 3), 'WEB-3')).toBe(
      'WEB-3 counts for 3 of 3 story points (100%). With everything under it: 1 of 1 issue (100%), 3 of 3 story points (100%).',
    );
  });

  it('falls back to a percentage without the set, and says when nothing is counted yet', () => {
    expect(phraseShare(aShare({ byCount: 0.25 }), null, 'WEB-3')).toBe('WEB-3 counts for 25% of the work.');
    expect(phraseShare(aShare(), work(0, 0), 'WEB-3')).toBe('No work is counted here yet.');
  });

  it('never rounds a real share down to 0%', () => {
    expect(sharePercent(1 / 500)).toBe('under 1%');
    expect(sharePercent(0.994)).toBe('99%');
  });
});

import fc from 'fast-check';
import type { Prompt, PromptState } from '../../../src/contract';
import {
  addTallies,
  feedbackSummary,
  objectiveFeedback,
  subtreeGrades,
  tallyPrompts,
} from '../../../src/domain/prompts/feedback';
import { aPrompt, T0 } from '../../support/prompt-builders';

const delivered = (over: Partial<Prompt>): Prompt => aPrompt({ deliveredAt: T0, state: 'open', ...over });

describe('the feedback of some prompts', () => {
  it('counts delivered prompts by outcome; queued ones do not count until they reach an inbox', () => {
    const t = tallyPrompts([
      aPrompt({ id: 'outcome-review:q', state: 'queued', deliveredAt: null }),
      aPrompt({ id: 'outcome-review:x', state: 'expired', deliveredAt: null }),
      delivered({ id: 'outcome-review:o' }),
      delivered({ id: 'outcome-review:s', state: 'snoozed', snoozedUntil: T0 + 1 }),
      delivered({ id: 'outcome-review:d', state: 'dismissed' }),
      delivered({ id: 'outcome-review:e', state: 'expired' }),
      delivered({
        id: 'outcome-review:a',
        state: 'answered',
        answer: { kind: 'outcome-review', impact: 'partly', note: '' },
      }),
    ]);
    expect(t).toMatchObject({ delivered: 5, waiting: 2, dismissed: 1, expired: 1, answered: 1, impactAnswers: 1 });
    // response rate leaves out what expired: 1 answered of 4 that still mattered
    expect(feedbackSummary(t)).toMatchObject({ responseRate: 0.25, averageGrade: null });
    expect(feedbackSummary(t).averageImpact).toBeCloseTo(1 / 3);
  });

  it('maps impact evenly onto [0, 1] and averages period-review grades', () => {
    const impacts = (['did-not-help', 'partly', 'fully', 'more-than-expected'] as const).map((impact, i) =>
      delivered({
        id: `outcome-review:i${i}`,
        state: 'answered',
        answer: { kind: 'outcome-review', impact, note: '' },
      }),
    );
    const grades = [0.2, 0.9].map((grade, i) =>
      delivered({
        id: `period-review:g${i}`,
        kind: 'period-review',
        state: 'answered',
        answer: { kind: 'period-review', grade, helped: '', hindered: '' },
      }),
    );
    const s = feedbackSummary(tallyPrompts([...impacts, ...grades]));
    expect(s.averageImpact).toBeCloseTo(0.5);
    expect(s.averageGrade).toBeCloseTo(0.55);
    expect(s.responseRate).toBe(1);
  });

  it('has no rates before anything was delivered', () => {
    expect(feedbackSummary(tallyPrompts([]))).toMatchObject({
      delivered: 0,
      responseRate: null,
      averageImpact: null,
      averageGrade: null,
    });
  });

  it('rolls grades up: the subtree averages every review below, not the children’s averages', () => {
    const own = tallyPrompts([
      delivered({
        id: 'period-review:p',
        kind: 'period-review',
        state: 'answered',
        answer: { kind: 'period-review', grade: 1, helped: '', hindered: '' },
      }),
    ]);
    const subtree = subtreeGrades(own, [
      { gradedReviews: 3, gradeSum: 0 },
      { gradedReviews: 0, gradeSum: 0 },
    ]);
    expect(objectiveFeedback(own, subtree)).toMatchObject({
      averageGrade: 1,
      subtreeGradedReviews: 4,
      subtreeAverageGrade: 0.25,
    });
  });

  const states: PromptState[] = ['queued', 'open', 'snoozed', 'answered', 'dismissed', 'expired'];
  const arbitraryPrompt = fc
    .record({
      n: fc.integer({ min: 0, max: 30 }),
      state: fc.constantFrom(...states),
      delivered: fc.boolean(),
      grade: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    .map(({ n, state, delivered: d, grade }) =>
      aPrompt({
        id: `period-review:p:O-${n}`,
        kind: 'period-review',
        state,
        deliveredAt: d || state !== 'queued' ? T0 : null,
        answer: state === 'answered' ? { kind: 'period-review', grade, helped: '', hindered: '' } : null,
      }),
    );

  it('adds up: the tally of two sets of prompts is the sum of their tallies, and a prompt seen twice counts once', () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryPrompt, { maxLength: 20 }),
        fc.array(arbitraryPrompt, { maxLength: 20 }),
        (a, b) => {
          const ids = new Set(a.map((p) => p.id));
          const bOnly = b.filter((p) => !ids.has(p.id));
          const together = tallyPrompts([...a, ...bOnly, ...a]);
          const apart = addTallies(tallyPrompts(a), tallyPrompts(bOnly));
          expect(together.delivered).toBe(apart.delivered);
          expect(together.answered).toBe(apart.answered);
          expect(together.gradeSum).toBeCloseTo(apart.gradeSum);
          const s = feedbackSummary(together);
          for (const r of [s.responseRate, s.averageGrade]) if (r !== null) expect(r >= 0 && r <= 1).toBe(true);
        },
      ),
    );
  });
});

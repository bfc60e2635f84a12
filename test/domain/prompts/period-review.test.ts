import { Prompt } from '../../../src/contract';
import { periodReviewPrompts, type PeriodReviewInput } from '../../../src/domain/prompts/period-review';
import { anObjective, aPeriod } from '../../support/builders';
import { aPromptPolicy, DAY } from '../../support/prompt-builders';

const period = aPeriod({ id: 'p-2026q4', name: '2026 Q4', start: '2026-10-01', end: '2026-12-31' });
const END = Date.parse('2027-01-01T00:00:00Z'); // the first instant after the period's last day
const active = anObjective({
  id: 'obj-a',
  title: 'Faster onboarding',
  owner: 'acc-ann',
  periodId: period.id,
  status: 'active',
});
const done = anObjective({ id: 'obj-b', owner: 'acc-bo', periodId: period.id, status: 'done' });

function review(over: Partial<PeriodReviewInput> = {}) {
  return periodReviewPrompts({
    period,
    objectives: [active, done],
    policy: aPromptPolicy(),
    now: END - 7 * DAY,
    ...over,
  });
}

describe('period review', () => {
  it('opens periodReviewLeadDays before the end of the last day of the period, not earlier', () => {
    expect(review({ now: END - 7 * DAY - 1 })).toEqual([]);
    expect(review({ now: END - 7 * DAY })).toHaveLength(2);
    expect(review({ policy: aPromptPolicy({ periodReviewLeadDays: 14 }), now: END - 14 * DAY })).toHaveLength(2);
    expect(review({ policy: aPromptPolicy({ periodReviewLeadDays: 0 }), now: END - 1 })).toEqual([]);
    expect(review({ policy: aPromptPolicy({ periodReviewLeadDays: 0 }), now: END })).toHaveLength(2);
  });

  it('asks the owner of each active or done objective to grade it', () => {
    const prompts = review();
    expect(prompts.map((p) => [p.id, p.recipient])).toEqual([
      ['period-review:p-2026q4:obj-a', 'acc-ann'],
      ['period-review:p-2026q4:obj-b', 'acc-bo'],
    ]);
    expect(prompts[0]).toMatchObject({
      kind: 'period-review',
      subject: { type: 'objective', objectiveId: 'obj-a' },
      state: 'queued',
      reason: "2026 Q4 ends on 2026-12-31: grade 'Faster onboarding' and note what helped and what hindered.",
    });
    for (const p of prompts) expect(Prompt.parse(p)).toEqual(p);
  });

  it('keeps asking, with the same ids, after the end while the period is open, and stops when it is closed', () => {
    const late = review({ now: END + 3 * DAY });
    expect(late.map((p) => p.id)).toEqual(review().map((p) => p.id));
    expect(late[0]!.reason).toContain('2026 Q4 ended on 2026-12-31');
    expect(review({ period: { ...period, state: 'closed' } })).toEqual([]);
  });

  it('skips draft and cancelled objectives, and objectives of another period', () => {
    const others = [
      anObjective({ periodId: period.id, status: 'draft' }),
      anObjective({ periodId: period.id, status: 'cancelled' }),
      anObjective({ periodId: 'p-2027q1', status: 'active' }),
    ];
    expect(review({ objectives: others })).toEqual([]);
  });

  it('asks nothing when period reviews are switched off', () => {
    expect(review({ policy: aPromptPolicy({ enabled: { 'period-review': false } }) })).toEqual([]);
  });
});

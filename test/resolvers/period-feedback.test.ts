/**
 * feedback/period through the local host: what the admin page shows of a period's reviews —
 * grades and notes per objective, rolled up to the parents by primary parent, the response rate,
 * each workgroup's feedback — for Jira administrators only, at a cost that does not grow with the
 * organisation's history of prompts.
 */
import { ACCOUNT, useAppHost } from '../support/app-host';
import { createSquadObjective, organisation, PERIOD } from './objective-kit';
import { DAY, runJob } from './prompt-kit';
import { call, failed, ok } from './resolver-kit';

const END = Date.parse('2026-12-31T12:00:00Z');

const app = useAppHost(async () => {
  await organisation(app); // O-1, owned by the admin
  await createSquadObjective(app, { owner: ACCOUNT.member }); // O-2 under O-1, Web Squad
  await ok(app, 'admin', 'objectives/create', {
    title: 'Offline mode',
    levelId: 'workgroup',
    periodId: PERIOD,
    workgroupId: 'mobile-team',
    parentId: 'O-1',
    owner: ACCOUNT.lead,
    visibility: 'restricted',
  }); // O-3
});

async function reviewsAnswered() {
  const job = await runJob(app, END - 3 * DAY);
  expect(job.created['period-review']).toBe(3);
  await ok(app, 'member', 'prompts/answer', {
    promptId: `period-review:${PERIOD}:O-2`,
    answer: { kind: 'period-review', grade: 0.8, helped: 'pairing with design', hindered: 'two outages' },
  });
  await ok(app, 'lead', 'prompts/answer', {
    promptId: `period-review:${PERIOD}:O-3`,
    answer: { kind: 'period-review', grade: 0.4, helped: '', hindered: 'the app store review took three weeks' },
  });
}

describe('feedback/period', () => {
  it("shows administrators each objective's grade and notes, restricted ones included, rolled up to the parent", async () => {
    await reviewsAnswered();
    const data = await ok(app, 'admin', 'feedback/period', { periodId: PERIOD });

    expect(data.period).toMatchObject({ id: PERIOD, name: '2026 Q4' });
    expect(data).toMatchObject({
      leadDays: 7,
      enabled: true,
      opensAt: Date.parse('2027-01-01T00:00:00Z') - 7 * DAY,
      ancestors: [],
    });
    expect(data.objectives.map((o) => o.key)).toEqual(['O-1', 'O-2', 'O-3']);
    const [o1, o2, o3] = data.objectives;

    expect(o2).toMatchObject({
      title: 'One-click checkout',
      level: 'Workgroup',
      parentId: 'O-1',
      owner: ACCOUNT.member,
      workgroupId: 'web-squad',
      review: 'answered',
      asked: 1,
      answered: 1,
      responseRate: 1,
      grade: 0.8,
      subtreeGradedReviews: 1,
      subtreeGrade: 0.8,
    });
    expect(o2!.notes).toEqual([
      {
        promptId: `period-review:${PERIOD}:O-2`,
        author: ACCOUNT.member,
        answeredAt: expect.any(Number),
        grade: 0.8,
        helped: 'pairing with design',
        hindered: 'two outages',
      },
    ]);

    expect(o3).toMatchObject({
      visibility: 'restricted',
      owner: ACCOUNT.lead,
      review: 'answered',
      grade: 0.4,
      subtreeGrade: 0.4,
    });
    expect(o3!.notes.map((n) => [n.author, n.hindered])).toEqual([
      [ACCOUNT.lead, 'the app store review took three weeks'],
    ]);

    // the parent was asked too and has not answered: no grade of its own, its children's grades rolled up
    expect(o1).toMatchObject({
      parentId: null,
      level: 'Organisation priority',
      review: 'open',
      asked: 1,
      answered: 0,
      responseRate: 0,
      grade: null,
      notes: [],
      subtreeGradedReviews: 2,
    });
    expect(o1!.subtreeGrade).toBeCloseTo(0.6);

    expect(data.totals).toMatchObject({ asked: 3, answered: 2 });
    expect(data.totals.responseRate).toBeCloseTo(2 / 3);
    expect(data.totals.averageGrade).toBeCloseTo(0.6);
    // each workgroup: its objectives' prompts and its alignment gap (asked of its lead by the same job, not answered)
    expect(
      data.workgroups.map((w) => [
        w.name,
        w.feedback.delivered,
        w.feedback.answered,
        w.feedback.responseRate,
        w.feedback.gradedReviews,
        w.feedback.averageGrade,
      ]),
    ).toEqual([
      ['Mobile Team', 2, 1, 0.5, 1, 0.4],
      ['Web Squad', 2, 1, 0.5, 1, 0.8],
    ]);
  });

  it('says where each review stands before anyone answers, and reads without writing', async () => {
    const before = await ok(app, 'admin', 'feedback/period', { periodId: PERIOD });
    expect(before.objectives.map((o) => [o.key, o.review, o.asked, o.responseRate, o.grade, o.subtreeGrade])).toEqual([
      ['O-1', 'not-asked', 0, null, null, null],
      ['O-2', 'not-asked', 0, null, null, null],
      ['O-3', 'not-asked', 0, null, null, null],
    ]);
    expect(before.totals).toEqual({ asked: 0, answered: 0, responseRate: null, averageGrade: null });

    await runJob(app, END - 3 * DAY);
    const { counts, writes } = await callCounted();
    expect(writes).toBe(0);
    // settings, the period's objectives (its query and, beside it, the period's usage record, which names
    // the objectives the query may not show yet), the prompts and feedback batches, the workgroups: not
    // one read per objective
    expect(counts.kvsRoundTrips).toBeLessThanOrEqual(6);
  });

  it("shows the objectives of other periods above the period's, with their rolled-up grade", async () => {
    await reviewsAnswered();
    await ok(app, 'admin', 'periods/create', {
      version: (await ok(app, 'admin', 'settings/get')).version,
      name: '2027 Q1',
      start: '2027-01-01',
      end: '2027-03-31',
    });
    await createSquadObjective(app, { title: 'Checkout in two taps', periodId: '2027-q1', owner: ACCOUNT.member }); // O-4 under O-1
    const data = await ok(app, 'admin', 'feedback/period', { periodId: '2027-q1' });
    expect(data.objectives.map((o) => [o.key, o.parentId, o.review])).toEqual([['O-4', 'O-1', 'not-asked']]);
    expect(data.ancestors).toHaveLength(1);
    expect(data.ancestors[0]).toMatchObject({ key: 'O-1', periodId: PERIOD, parentId: null, subtreeGradedReviews: 2 });
    expect(data.ancestors[0]!.subtreeGrade).toBeCloseTo(0.6);
  });

  it('answers an empty period with nothing to show', async () => {
    await ok(app, 'admin', 'periods/create', {
      version: (await ok(app, 'admin', 'settings/get')).version,
      name: '2027 Q1',
      start: '2027-01-01',
      end: '2027-03-31',
    });
    const data = await ok(app, 'admin', 'feedback/period', { periodId: '2027-q1' });
    expect(data).toMatchObject({
      objectives: [],
      ancestors: [],
      workgroups: [],
      totals: { asked: 0, answered: 0, responseRate: null, averageGrade: null },
    });
  });

  it.each(['lead', 'member', 'outsider'] as const)(
    'is refused to %s with FORBIDDEN, reading nothing',
    async (persona) => {
      await reviewsAnswered();
      const { error, counts } = await failed(app, persona, 'feedback/period', { periodId: PERIOD });
      expect(error).toEqual({ code: 'FORBIDDEN', message: 'Only Jira administrators can read the period reviews' });
      expect(counts.kvsRoundTrips).toBe(0);
    },
  );

  it.each([
    ['no period', {}, 'periodId'],
    ['a period that is not an id', { periodId: 7 }, 'periodId'],
    ['an unknown field', { periodId: PERIOD, workgroupId: 'web-squad' }, ''],
  ])('refuses %s with VALIDATION before reading anything', async (_what, payload, path) => {
    const { error, counts } = await failed(app, 'admin', 'feedback/period', payload);
    expect(error.code).toBe('VALIDATION');
    expect(error.details?.map((d) => d.path)).toContain(path);
    expect(counts.kvsRoundTrips + counts.productCalls).toBe(0);
  });

  it('refuses a period that does not exist with VALIDATION', async () => {
    const { error } = await failed(app, 'admin', 'feedback/period', { periodId: '2030-q1' });
    expect(error).toMatchObject({
      code: 'VALIDATION',
      details: [{ path: 'periodId', message: 'there is no period "2030-q1"' }],
    });
  });
});

async function callCounted() {
  const result = await call(app, 'admin', 'feedback/period', { periodId: PERIOD });
  expect(result.reply.ok).toBe(true);
  return result;
}

/**
 * Prompts end to end in the local host: the scheduled job raises them (check-in due, escalation,
 * period review, alignment gap) with deterministic ids, the weekly cap holds the rest back, and
 * the recipient answers, dismisses or snoozes them through the resolvers; answers do what they
 * say (a check-in, a decision in the objective's history), moot prompts expire, and the answers
 * roll up on the project page.
 */
import { forgeEscalationWatch } from '../../src/forge/store/prompt-records';
import { onIssueEvent } from '../../src/triggers/issue-events';
import { ACCOUNT, asPersona, useAppHost } from '../support/app-host';
import { createSquadObjective, organisation } from './objective-kit';
import { DAY, jobProgress, runJob, storedPrompt, storedPrompts } from './prompt-kit';
import { call, failed, ok, queriesCaughtUp } from './resolver-kit';
import { transition } from './live-host';

let t0: number;

const app = useAppHost(async () => {
  await organisation(app); // O-1, owned by the admin
  await createSquadObjective(app, { owner: ACCOUNT.member }); // O-2 under O-1, Web Squad (lead: lead)
  await ok(app, 'lead', 'key-results/create', {
    objectiveKey: 'O-2',
    version: 1,
    keyResult: {
      kind: 'metric',
      title: 'Conversion',
      unit: '%',
      direction: 'increase',
      baseline: 2,
      target: 4,
      owner: ACCOUNT.member,
    },
  });
  t0 = Date.now();
});

/** An objective of the WEB page whole, with its feedback, as its detail reads it (project-page/view serves rows). */
const entryOf = async (persona: 'member' | 'lead', objectiveKey: string) =>
  (await ok(app, persona, 'project-page/objective', { projectKey: 'WEB', objectiveKey })).entry;

const checkInDue = async () => {
  await runJob(app, t0 + 8 * DAY);
  const [prompt] = (await ok(app, 'member', 'prompts/inbox', {})).prompts;
  return prompt!;
};

describe('check-in due', () => {
  it("asks the key result's owner once the cadence has passed, with what the inbox needs to show it", async () => {
    expect((await runJob(app, t0 + 2 * DAY)).created['check-in-due']).toBeUndefined();
    const prompt = await checkInDue();
    expect(prompt).toMatchObject({
      kind: 'check-in-due',
      state: 'open',
      recipient: ACCOUNT.member,
      subject: { type: 'key-result', objectiveId: 'O-2', keyResultId: 'O-2.KR-1' },
      context: {
        objective: { key: 'O-2', title: 'One-click checkout', status: 'active' },
        keyResult: { key: 'KR-1', title: 'Conversion', kind: 'metric' },
        workgroup: { id: 'web-squad', name: 'Web Squad' },
        issueKeys: [],
      },
    });
    expect(prompt.id).toMatch(/^check-in-due:O-2\.KR-1:\d+$/);
    expect((await ok(app, 'lead', 'prompts/inbox', {})).prompts.filter((p) => p.kind === 'check-in-due')).toEqual([]);
  });

  it('never asks twice: a rerun, and two jobs at once, leave one prompt', async () => {
    const at = t0 + 8 * DAY;
    await Promise.all([runJob(app, at), runJob(app, at)]);
    await runJob(app, at + 60_000);
    const mine = (await storedPrompts(app, ACCOUNT.member)).filter((p) => p.kind === 'check-in-due');
    expect(mine).toHaveLength(1);
    expect(mine[0]?.state).toBe('open');
  });

  it('is answered with a real check-in, which the objective keeps and rolls up', async () => {
    const prompt = await checkInDue();
    const answered = await ok(app, 'member', 'prompts/answer', {
      promptId: prompt.id,
      answer: { kind: 'check-in-due', value: 3, confidence: 'medium', note: 'A/B test running' },
    });
    expect(answered.prompt).toMatchObject({
      state: 'answered',
      answer: { kind: 'check-in-due', value: 3, confidence: 'medium' },
    });
    expect(answered.checkIn).toMatchObject({
      objectiveId: 'O-2',
      keyResultId: 'O-2.KR-1',
      value: 3,
      confidence: 'medium',
      author: ACCOUNT.member,
    });
    const history = await ok(app, 'member', 'check-ins/list', { objectiveKey: 'O-2' });
    expect(history.checkIns.map((c) => c.id)).toEqual([answered.checkIn!.id]);
    expect((await ok(app, 'member', 'prompts/inbox', {})).prompts).toEqual([]);
    // answered already: a second answer is a CONFLICT and records nothing
    const again = await failed(app, 'member', 'prompts/answer', {
      promptId: prompt.id,
      answer: { kind: 'check-in-due', value: 4, confidence: 'high' },
    });
    expect(again.error.code).toBe('CONFLICT');
    expect(again.writes).toBe(0);
  });

  it('takes one of two answers given at once: the other is a CONFLICT, and one check-in is recorded', async () => {
    const prompt = await checkInDue();
    const answer = (value: number) =>
      call(app, 'member', 'prompts/answer', {
        promptId: prompt.id,
        answer: { kind: 'check-in-due', value, confidence: 'high' },
      });
    const replies = await Promise.all([answer(3), answer(4)]);
    expect(replies.map((r) => (r.reply.ok ? 'ok' : r.reply.error.code)).sort()).toEqual(['CONFLICT', 'ok']);
    expect((await ok(app, 'member', 'check-ins/list', { objectiveKey: 'O-2' })).checkIns).toHaveLength(1);
  });

  it('asks nothing when admins switched check-ins due off', async () => {
    const settings = await ok(app, 'admin', 'settings/get');
    await ok(app, 'admin', 'settings/update', {
      version: settings.version,
      promptPolicy: { enabled: { 'check-in-due': false } },
    });
    expect((await runJob(app, t0 + 8 * DAY)).created['check-in-due']).toBeUndefined();
    expect((await storedPrompts(app, ACCOUNT.member)).filter((p) => p.kind === 'check-in-due')).toEqual([]);
  });

  it('leaves the day undone when time runs short, and asks on the next run', async () => {
    const progress = jobProgress();
    const short = await runJob(app, t0 + 8 * DAY, progress, true, () => 10_000);
    expect(short).toMatchObject({ daily: false, weekly: false, created: {} });
    expect(await progress.get()).toBeNull();
    const next = await runJob(app, t0 + 8 * DAY + 3_600_000, progress);
    expect(next).toMatchObject({ daily: true, weekly: true, created: { 'check-in-due': 1 } });
  });

  it('refuses a metric answer without its value, writing nothing', async () => {
    const prompt = await checkInDue();
    const { error, writes } = await failed(app, 'member', 'prompts/answer', {
      promptId: prompt.id,
      answer: { kind: 'check-in-due', confidence: 'high' },
    });
    expect(error).toMatchObject({
      code: 'VALIDATION',
      details: [{ path: 'answer.value', message: 'a check-in of the metric KR-1 gives its new value' }],
    });
    expect(writes).toBe(0);
    expect((await storedPrompt(app, prompt.id))?.state).toBe('open');
  });
});

describe('who may act on a prompt', () => {
  it('refuses everyone but the recipient, writing nothing', async () => {
    const prompt = await checkInDue();
    for (const persona of ['lead', 'admin', 'outsider'] as const) {
      for (const [key, payload] of [
        ['prompts/answer', { promptId: prompt.id, answer: { kind: 'check-in-due', value: 3, confidence: 'high' } }],
        ['prompts/dismiss', { promptId: prompt.id }],
        ['prompts/snooze', { promptId: prompt.id, days: 1 }],
      ] as const) {
        const { error, writes } = await failed(app, persona, key, payload);
        expect(error.code).toBe('FORBIDDEN');
        expect(writes).toBe(0);
      }
    }
    expect((await failed(app, null, 'prompts/inbox', {})).error.code).toBe('FORBIDDEN');
    expect((await storedPrompt(app, prompt.id))?.state).toBe('open');
  });

  it.each([
    ['an answer of another kind', { answer: { kind: 'period-review', grade: 0.5 } }, 'answer.kind'],
    ['a grade out of range', { answer: { kind: 'period-review', grade: 1.5 } }, 'answer.grade'],
    ['an unknown impact', { answer: { kind: 'outcome-review', impact: 'huge' } }, 'answer.impact'],
    ['an unknown field', { answer: { kind: 'escalation', choice: 'keep-course', mood: 'calm' } }, 'answer'],
    ['no answer', {}, 'answer'],
  ])('answers VALIDATION to %s', async (_what, payload, path) => {
    const prompt = await checkInDue();
    const { error, writes } = await failed(app, 'member', 'prompts/answer', { promptId: prompt.id, ...payload });
    expect(error.code).toBe('VALIDATION');
    expect(error.details?.map((d) => d.path)).toContain(path);
    expect(writes).toBe(0);
  });

  it.each([
    ['prompts/snooze', { promptId: 'x', days: 3 }, 'days'],
    ['prompts/snooze', { promptId: 'x' }, 'days'],
    ['prompts/dismiss', { promptId: '' }, 'promptId'],
    ['prompts/dismiss', { promptId: 'x', reason: 7 }, 'reason'],
    ['prompts/inbox', { issueKey: 'not a key' }, 'issueKey'],
    ['prompts/answered', { limit: 0 }, 'limit'],
  ] as const)('answers VALIDATION to %s %j before reading anything', async (key, payload, path) => {
    const { error, counts } = await failed(app, 'member', key, payload);
    expect(error.code).toBe('VALIDATION');
    expect(error.details?.map((d) => d.path)).toContain(path);
    expect(counts.kvsRoundTrips + counts.productCalls).toBe(0);
  });

  it('answers NOT_FOUND for a prompt that does not exist', async () => {
    expect((await failed(app, 'member', 'prompts/dismiss', { promptId: 'check-in-due:O-9.KR-1:1' })).error.code).toBe(
      'NOT_FOUND',
    );
  });
});

describe('dismiss and snooze', () => {
  it('dismisses with a reason; the prompt leaves the inbox and counts as not answered', async () => {
    const prompt = await checkInDue();
    const { prompt: dismissed } = await ok(app, 'member', 'prompts/dismiss', {
      promptId: prompt.id,
      reason: 'measured elsewhere',
    });
    expect(dismissed).toMatchObject({ state: 'dismissed', dismissReason: 'measured elsewhere' });
    expect((await ok(app, 'member', 'prompts/inbox', {})).prompts).toEqual([]);
    const o2 = await entryOf('member', 'O-2');
    expect(o2.feedback).toMatchObject({ delivered: 1, answered: 0, dismissed: 1, responseRate: 0 });
  });

  it('snoozes for a day or a week; the job brings the prompt back when the time has come', async () => {
    const prompt = await checkInDue();
    const { prompt: snoozed } = await ok(app, 'member', 'prompts/snooze', { promptId: prompt.id, days: 7 });
    expect(snoozed.state).toBe('snoozed');
    expect(snoozed.snoozedUntil! - Date.now()).toBeGreaterThan(7 * DAY - 60_000);
    expect((await ok(app, 'member', 'prompts/inbox', {})).prompts).toEqual([]);
    expect((await runJob(app, Date.now() + 2 * DAY)).woken).toBe(0);
    expect((await runJob(app, Date.now() + 7 * DAY + 60_000)).woken).toBe(1);
    expect((await storedPrompt(app, prompt.id))?.state).toBe('open');
    expect((await ok(app, 'member', 'prompts/inbox', {})).prompts.map((p) => p.id)).toEqual([prompt.id]);
  });
});

describe('the weekly cap', () => {
  it('holds prompts beyond the cap back, queued, and delivers them when the week allows', async () => {
    const settings = await ok(app, 'admin', 'settings/get');
    await ok(app, 'admin', 'settings/update', { version: settings.version, promptPolicy: { weeklyCapPerUser: 1 } });
    await ok(app, 'lead', 'key-results/create', {
      objectiveKey: 'O-2',
      version: 2,
      keyResult: { kind: 'milestone', title: 'Launch', owner: ACCOUNT.member },
    });
    const at = t0 + 8 * DAY;
    await runJob(app, at);
    const states = async () => (await storedPrompts(app, ACCOUNT.member)).map((p) => p.state).sort();
    expect(await states()).toEqual(['open', 'queued']);
    expect((await ok(app, 'member', 'prompts/inbox', {})).prompts).toHaveLength(1);
    // a day later the week is still full; a week later the queued one opens
    expect((await runJob(app, at + DAY)).opened).toBe(0);
    expect(await states()).toEqual(['open', 'queued']);
    await runJob(app, at + 7 * DAY + 1000, jobProgress(), false);
    expect(await states()).toEqual(['open', 'open']);
  });
});

describe('escalation', () => {
  it('is also found by the daily job, against what was seen the day before', async () => {
    await ok(app, 'member', 'check-ins/create', { objectiveKey: 'O-2', confidence: 'low' }); // first sight: only remembered
    expect((await storedPrompts(app, ACCOUNT.lead)).filter((p) => p.kind === 'escalation')).toEqual([]);
    // as if yesterday's run had seen O-2 on track with high confidence
    await asPersona(app.host, null, () =>
      forgeEscalationWatch().remember('O-2', { status: 'on-track', confidence: 'high' }),
    );
    const result = await runJob(app, Date.now() + 60_000);
    expect(result.created.escalation).toBe(2);
    expect((await storedPrompts(app, ACCOUNT.lead)).filter((p) => p.kind === 'escalation')).toHaveLength(1);
    expect((await storedPrompts(app, ACCOUNT.admin)).filter((p) => p.kind === 'escalation')).toHaveLength(1);
  });

  it('asks nothing on the first sight of an objective: an escalation is about a turn', async () => {
    await ok(app, 'member', 'check-ins/create', { objectiveKey: 'O-2', confidence: 'low' });
    expect((await ok(app, 'lead', 'prompts/inbox', {})).prompts.filter((p) => p.kind === 'escalation')).toEqual([]);
  });

  it('asks the parent objective owner and the workgroup lead when confidence drops two steps; the choice goes into the history', async () => {
    await ok(app, 'member', 'check-ins/create', { objectiveKey: 'O-2', confidence: 'high' });
    await ok(app, 'member', 'check-ins/create', { objectiveKey: 'O-2', confidence: 'low' });
    // the lead and the admin open their inboxes after the member's check-ins, not in the same second
    await queriesCaughtUp(app);
    const lead = (await ok(app, 'lead', 'prompts/inbox', {})).prompts.filter((p) => p.kind === 'escalation');
    const admin = (await ok(app, 'admin', 'prompts/inbox', {})).prompts.filter((p) => p.kind === 'escalation');
    expect(lead).toHaveLength(1);
    expect(admin).toHaveLength(1);
    expect(lead[0]).toMatchObject({
      subject: { type: 'objective', objectiveId: 'O-2' },
      context: { objective: { key: 'O-2' } },
    });
    expect(lead[0]!.id).toMatch(new RegExp(`^escalation:O-2:${ACCOUNT.lead}:(confidence|off-track):\\d{4}-W\\d{2}$`));

    const { decision } = await ok(app, 'lead', 'prompts/answer', {
      promptId: lead[0]!.id,
      answer: { kind: 'escalation', choice: 'adjust-scope', note: 'drop the wallet' },
    });
    expect(decision).toMatchObject({
      objectiveId: 'O-2',
      choice: 'adjust-scope',
      note: 'drop the wallet',
      author: ACCOUNT.lead,
    });
    // the lead sees the decision in the reply, and O-2's history shows it at once (read by key, where
    // the history's prefix query lags writes: the strict project runs this with a lag)
    expect((await ok(app, 'lead', 'objectives/decisions', { objectiveKey: 'O-2' })).decisions).toEqual([decision]);
    await queriesCaughtUp(app);
    expect((await ok(app, 'member', 'objectives/decisions', { objectiveKey: 'O-2' })).decisions).toEqual([decision]);
    expect((await failed(app, 'outsider', 'objectives/decisions', { objectiveKey: 'O-9' })).error.code).toBe(
      'NOT_FOUND',
    );

    // the daily job sees the same state and asks nothing more
    await runJob(app, Date.now() + 60_000);
    expect((await storedPrompts(app, ACCOUNT.lead)).filter((p) => p.kind === 'escalation')).toHaveLength(1);
  });
});

describe('expiry', () => {
  it('expires the open prompts of an archived objective and keeps the answers already given', async () => {
    await ok(app, 'lead', 'key-results/create', {
      objectiveKey: 'O-2',
      version: 2,
      keyResult: { kind: 'milestone', title: 'Launch', owner: ACCOUNT.member },
    });
    await runJob(app, t0 + 8 * DAY);
    const [first, second] = (await ok(app, 'member', 'prompts/inbox', {})).prompts;
    await ok(app, 'member', 'prompts/answer', {
      promptId: first!.id,
      answer:
        first!.context.keyResult!.kind === 'metric'
          ? { kind: 'check-in-due', value: 3, confidence: 'high' }
          : { kind: 'check-in-due', confidence: 'high' },
    });
    const o2 = await entryOf('member', 'O-2');
    await ok(app, 'lead', 'objectives/archive', { key: 'O-2', version: o2.objective.version });
    expect((await storedPrompt(app, first!.id))?.state).toBe('answered');
    expect(await storedPrompt(app, second!.id)).toMatchObject({ state: 'expired' });
    expect((await ok(app, 'member', 'prompts/inbox', {})).prompts).toEqual([]);
    expect(
      (
        await failed(app, 'member', 'prompts/answer', {
          promptId: second!.id,
          answer: { kind: 'check-in-due', confidence: 'high' },
        })
      ).error.code,
    ).toBe('CONFLICT');
  });

  it('expires the check-ins due of a deleted key result, and only those; answers already given stay', async () => {
    const added = await ok(app, 'lead', 'key-results/create', {
      objectiveKey: 'O-2',
      version: 2,
      keyResult: { kind: 'milestone', title: 'Launch', owner: ACCOUNT.member },
    });
    await runJob(app, t0 + 8 * DAY);
    const inbox = (await ok(app, 'member', 'prompts/inbox', {})).prompts;
    const metric = inbox.find((p) => p.context.keyResult?.key === 'KR-1')!;
    const launch = inbox.find((p) => p.context.keyResult?.key === 'KR-2')!;
    await ok(app, 'member', 'prompts/answer', {
      promptId: metric.id,
      answer: { kind: 'check-in-due', value: 3, confidence: 'high' },
    });

    // KR-1 goes: its answered prompt stays answered, KR-2's stays open
    const first = await ok(app, 'lead', 'key-results/delete', {
      objectiveKey: 'O-2',
      version: added.objective.version,
      keyResultId: 'O-2.KR-1',
    });
    expect(await storedPrompt(app, metric.id)).toMatchObject({
      state: 'answered',
      answer: { kind: 'check-in-due', value: 3 },
    });
    expect((await storedPrompt(app, launch.id))?.state).toBe('open');

    // KR-2 goes: its open prompt expires and leaves the inbox; an answer is refused, nothing recorded
    await ok(app, 'lead', 'key-results/delete', {
      objectiveKey: 'O-2',
      version: first.objective.version,
      keyResultId: 'O-2.KR-2',
    });
    expect(await storedPrompt(app, launch.id)).toMatchObject({ state: 'expired', closedAt: expect.any(Number) });
    expect((await ok(app, 'member', 'prompts/inbox', {})).prompts).toEqual([]);
    const refused = await failed(app, 'member', 'prompts/answer', {
      promptId: launch.id,
      answer: { kind: 'check-in-due', confidence: 'high' },
    });
    expect(refused.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('expired') });
    expect(refused.writes).toBe(0);
    const o2 = await entryOf('lead', 'O-2');
    expect(o2.feedback).toMatchObject({ delivered: 2, answered: 1, expired: 1, waiting: 0, responseRate: 1 });
  });

  it('expires the outcome reviews of a deleted issue', async () => {
    await ok(app, 'member', 'contributions/link', { issueKey: 'WEB-5', objectiveKey: 'O-2' });
    await transition(app, 'lead', 'WEB-5', 'done');
    await asPersona(app.host, null, () =>
      onIssueEvent({ eventType: 'avi:jira:updated:issue', issue: { key: 'WEB-5' } }),
    );
    // Jira's event reaches the app on its own, after the lead's change; the review it raised is
    // looked for, and opened by its recipient, later
    await queriesCaughtUp(app);
    const all = await Promise.all(Object.values(ACCOUNT).map((a) => storedPrompts(app, a)));
    const review = all.flat().find((p) => p.id === 'outcome-review:WEB-5:O-2')!;
    expect(review.state).toBe('open');
    const inPanel = await call(app, 'admin', 'prompts/inbox', { issueKey: 'WEB-5' });
    expect(inPanel.reply.ok).toBe(true);

    // deleted in Jira: the deletion event is taken once Jira confirms the issue is gone
    const deleted = await app.host.jiraRequest({
      method: 'DELETE',
      path: '/rest/api/3/issue/WEB-5',
      asUser: ACCOUNT.lead,
    });
    expect(deleted.status).toBe(204);
    await asPersona(app.host, null, () =>
      onIssueEvent({ eventType: 'avi:jira:deleted:issue', issue: { key: 'WEB-5' } }),
    );
    expect((await storedPrompt(app, review.id))?.state).toBe('expired');
  });
});

describe('period review, outcome review and the feedback rollups', () => {
  it('asks owners near the period end; grades roll up to the parent objective', async () => {
    const end = Date.parse('2026-12-31T12:00:00Z');
    const result = await runJob(app, end - 3 * DAY);
    expect(result.created['period-review']).toBe(2);
    const [review] = (await ok(app, 'member', 'prompts/inbox', {})).prompts.filter((p) => p.kind === 'period-review');
    expect(review).toMatchObject({
      id: 'period-review:2026-q4:O-2',
      subject: { type: 'objective', objectiveId: 'O-2' },
    });
    await ok(app, 'member', 'prompts/answer', {
      promptId: review!.id,
      answer: { kind: 'period-review', grade: 0.8, helped: 'pairing', hindered: 'outages' },
    });

    const page = await ok(app, 'lead', 'project-page/view', { projectKey: 'WEB', periodId: '2026-q4' });
    const o2 = await entryOf('lead', 'O-2');
    expect(o2.feedback).toMatchObject({ answered: 1, averageGrade: 0.8, gradedReviews: 1, subtreeAverageGrade: 0.8 });
    const o1 = await entryOf('lead', 'O-1');
    expect(o1.feedback).toMatchObject({
      gradedReviews: 0,
      averageGrade: null,
      subtreeGradedReviews: 1,
      subtreeAverageGrade: 0.8,
    });
    // the header's figures come after the first screen (project-page/feedback): the view reads no feedback
    expect(page.workgroups[0]!.feedback).toBeNull();
    const figures = await ok(app, 'lead', 'project-page/feedback', { projectKey: 'WEB', periodId: '2026-q4' });
    expect(figures.workgroups.map((w) => w.id)).toEqual(page.workgroups.map((w) => w.id));
    expect(figures.workgroups[0]!.feedback).toMatchObject({ answered: 1, averageGrade: 0.8 });
  });

  it('rolls up outcome-review impact and response rate per objective', async () => {
    await ok(app, 'member', 'contributions/link', { issueKey: 'WEB-5', objectiveKey: 'O-2' });
    await transition(app, 'lead', 'WEB-5', 'done');
    await asPersona(app.host, null, () =>
      onIssueEvent({ eventType: 'avi:jira:updated:issue', issue: { key: 'WEB-5' } }),
    );
    // Jira's event reaches the app on its own, after the lead's change; the review it raised is
    // looked for, and opened by its recipient, later
    await queriesCaughtUp(app);
    const review = (await Promise.all(Object.values(ACCOUNT).map((a) => storedPrompts(app, a))))
      .flat()
      .find((p) => p.id === 'outcome-review:WEB-5:O-2')!;
    const persona = (Object.keys(ACCOUNT) as (keyof typeof ACCOUNT)[]).find((k) => ACCOUNT[k] === review.recipient)!;
    expect((await ok(app, persona, 'prompts/inbox', { issueKey: 'WEB-5' })).prompts.map((p) => p.id)).toEqual([
      review.id,
    ]);
    expect((await ok(app, persona, 'prompts/inbox', { issueKey: 'WEB-4' })).prompts).toEqual([]);
    await ok(app, persona, 'prompts/answer', {
      promptId: review.id,
      answer: { kind: 'outcome-review', impact: 'fully' },
    });
    const o2 = await entryOf('lead', 'O-2');
    expect(o2.feedback).toMatchObject({ delivered: 1, answered: 1, responseRate: 1, impactAnswers: 1 });
    expect(o2.feedback!.averageImpact).toBeCloseTo(2 / 3);
  });
});

describe('alignment gap', () => {
  it("shows each lead the open epics of the workgroup's projects that serve no objective, once a week", async () => {
    const first = await runJob(app, t0 + 60_000);
    expect(first.weekly).toBe(true);
    const gaps = (await ok(app, 'lead', 'prompts/inbox', {})).prompts.filter((p) => p.kind === 'alignment-gap');
    expect(gaps).toHaveLength(1);
    const gap = gaps[0]!;
    expect(gap.subject).toMatchObject({ type: 'workgroup', workgroupId: 'web-squad' });
    // the demo site's one epic in WEB, WEB-1, serves nothing yet
    expect(gap.context).toMatchObject({ issueKeys: ['WEB-1'], workgroup: { id: 'web-squad', name: 'Web Squad' } });
    const gapsOfLead = async () => (await storedPrompts(app, ACCOUNT.lead)).filter((p) => p.kind === 'alignment-gap');
    // the same week asks nothing more; the next week asks again
    await runJob(app, t0 + 120_000);
    expect(await gapsOfLead()).toHaveLength(1);
    await runJob(app, t0 + 7 * DAY + 60_000);
    expect(await gapsOfLead()).toHaveLength(2);
    // once the epic serves an objective, the week after asks nothing
    await ok(app, 'lead', 'contributions/link', { issueKey: 'WEB-1', objectiveKey: 'O-2' });
    await runJob(app, t0 + 14 * DAY + 60_000);
    expect(await gapsOfLead()).toHaveLength(2);
    await ok(app, 'lead', 'prompts/answer', {
      promptId: gap.id,
      answer: { kind: 'alignment-gap', note: 'linking them this week' },
    });
    const answered = await ok(app, 'lead', 'prompts/answered', { workgroupId: 'web-squad' });
    expect(answered.prompts.map((p) => p.id)).toEqual([gap.id]);
  });
});

describe('alignment gap after a link', () => {
  it('no longer asks about an epic linked since the gap was raised, at once, in the inbox and on the issue', async () => {
    await runJob(app, t0 + 60_000);
    const gapsShown = async (payload: { issueKey?: string }) =>
      (await ok(app, 'lead', 'prompts/inbox', payload)).prompts.filter((p) => p.kind === 'alignment-gap');
    expect((await gapsShown({ issueKey: 'WEB-1' })).map((p) => p.context.issueKeys)).toEqual([['WEB-1']]);
    // linked the next moment: no catch-up of the queries, the inbox reads the stored issue by key
    await ok(app, 'lead', 'contributions/link', { issueKey: 'WEB-1', objectiveKey: 'O-2' });
    expect(await gapsShown({})).toEqual([]);
    expect(await gapsShown({ issueKey: 'WEB-1' })).toEqual([]);
    // unlinked again: the epic serves nothing, the gap is asked again
    await ok(app, 'lead', 'contributions/unlink', { issueKey: 'WEB-1', objectiveKey: 'O-2' });
    expect((await gapsShown({})).map((p) => p.reason)).toEqual([
      "1 open epic in Web Squad's projects serves no objective: WEB-1",
    ]);
  });
});

describe('alignment gap of a deleted workgroup', () => {
  it('expires when the workgroup is deleted; an answer already given stays', async () => {
    const growth = await ok(app, 'admin', 'workgroups/create', {
      name: 'Growth',
      kind: 'squad',
      leads: [ACCOUNT.member, ACCOUNT.outsider],
      projects: ['WEB'],
    });
    await runJob(app, t0 + 60_000);
    const gapOf = async (who: string) =>
      (await storedPrompts(app, who)).find(
        (p) => p.kind === 'alignment-gap' && p.subject.type === 'workgroup' && p.subject.workgroupId === growth.id,
      )!;
    const mine = await gapOf(ACCOUNT.member);
    await ok(app, 'member', 'prompts/answer', { promptId: mine.id, answer: { kind: 'alignment-gap', note: 'on it' } });
    expect((await gapOf(ACCOUNT.outsider)).state).toBe('open');
    await ok(app, 'admin', 'workgroups/delete', { id: growth.id, version: growth.version });
    expect((await gapOf(ACCOUNT.member)).state).toBe('answered');
    expect(await gapOf(ACCOUNT.outsider)).toMatchObject({ state: 'expired', closedAt: expect.any(Number) });
    expect((await ok(app, 'outsider', 'prompts/inbox', {})).prompts).toEqual([]);
    // the lead's gap about Web Squad is another workgroup's: untouched
    expect((await ok(app, 'lead', 'prompts/inbox', {})).prompts.filter((p) => p.kind === 'alignment-gap')).toHaveLength(
      1,
    );
  });
});

describe('prompts/answered', () => {
  it('shows the leads and admins the answered prompts of their workgroups, and refuses everyone else', async () => {
    const prompt = await checkInDue();
    await ok(app, 'member', 'prompts/answer', {
      promptId: prompt.id,
      answer: { kind: 'check-in-due', value: 3, confidence: 'high' },
    });
    expect((await ok(app, 'lead', 'prompts/answered', {})).prompts.map((p) => [p.id, p.answer?.kind])).toEqual([
      [prompt.id, 'check-in-due'],
    ]);
    expect((await ok(app, 'admin', 'prompts/answered', { workgroupId: 'web-squad' })).prompts.map((p) => p.id)).toEqual(
      [prompt.id],
    );
    for (const persona of ['member', 'outsider'] as const) {
      const { error, writes } = await failed(app, persona, 'prompts/answered', {});
      expect(error.code).toBe('FORBIDDEN');
      expect(writes).toBe(0);
    }
    expect((await failed(app, 'lead', 'prompts/answered', { workgroupId: 'mobile-team' })).error.code).toBe(
      'FORBIDDEN',
    );
    expect((await failed(app, 'lead', 'prompts/answered', { workgroupId: 'nowhere' })).error.code).toBe('NOT_FOUND');
  });

  it('reads a bounded number of records for an administrator who leads no workgroup, however many objectives there are', async () => {
    // the admin leads no workgroup once the lead persona leads Mobile Team
    const mobile = (await ok(app, 'admin', 'workgroups/list', {})).workgroups.find((w) => w.id === 'mobile-team')!;
    await ok(app, 'admin', 'workgroups/update', { id: 'mobile-team', version: mobile.version, leads: [ACCOUNT.lead] });
    await ok(app, 'lead', 'key-results/create', {
      objectiveKey: 'O-2',
      version: 2,
      keyResult: { kind: 'milestone', title: 'Launch', owner: ACCOUNT.member },
    });
    await runJob(app, t0 + 8 * DAY);
    const [a, b] = (await ok(app, 'member', 'prompts/inbox', {})).prompts;
    await ok(app, 'member', 'prompts/answer', {
      promptId: b!.id,
      answer:
        b!.context.keyResult!.kind === 'metric'
          ? { kind: 'check-in-due', value: 3, confidence: 'high' }
          : { kind: 'check-in-due', confidence: 'high' },
    });
    await new Promise((r) => setTimeout(r, 5));
    await ok(app, 'member', 'prompts/answer', {
      promptId: a!.id,
      answer:
        a!.context.keyResult!.kind === 'metric'
          ? { kind: 'check-in-due', value: 3, confidence: 'high' }
          : { kind: 'check-in-due', confidence: 'high' },
    });
    // the admin reads the answers later than the member gives them (the by-state query lags writes)
    await queriesCaughtUp(app);

    const before = await call(app, 'admin', 'prompts/answered', {});
    expect(before.reply.ok && before.reply.data.prompts.map((p) => p.id)).toEqual([a!.id, b!.id]); // newest answer first
    expect(before.reply.ok && (await call(app, 'admin', 'prompts/answered', { limit: 1 })).reply).toMatchObject({
      ok: true,
      data: { prompts: [{ id: a!.id }] },
    });
    // thirty more objectives in the organisation: the admin's read costs the same
    for (let i = 0; i < 30; i += 1) await createSquadObjective(app, { title: `Objective ${i}` });
    const after = await call(app, 'admin', 'prompts/answered', {});
    expect(after.reply).toEqual(before.reply);
    expect(after.counts.kvsRoundTrips).toBe(before.counts.kvsRoundTrips);
    // the lead, who leads both workgroups now, still sees the same answers
    expect((await ok(app, 'lead', 'prompts/answered', {})).prompts.map((p) => p.id)).toEqual([a!.id, b!.id]);
  });

  it('keeps a restricted objective restricted: its decisions are read only by those who may see it', async () => {
    // O-3: restricted, in Mobile Team (lead: admin), owned by the member; the admin answers its escalation
    await ok(app, 'admin', 'objectives/create', {
      title: 'Offline mode',
      levelId: 'workgroup',
      periodId: '2026-q4',
      workgroupId: 'mobile-team',
      parentId: 'O-1',
      owner: ACCOUNT.lead,
      visibility: 'restricted',
    });
    await ok(app, 'lead', 'check-ins/create', { objectiveKey: 'O-3', confidence: 'high' });
    await ok(app, 'lead', 'check-ins/create', { objectiveKey: 'O-3', confidence: 'low' });
    // the admin opens their inbox after the lead's check-ins, not in the same second
    await queriesCaughtUp(app);
    const [escalation] = (await ok(app, 'admin', 'prompts/inbox', {})).prompts.filter(
      (p) => p.kind === 'escalation' && p.subject.type === 'objective' && p.subject.objectiveId === 'O-3',
    );
    await ok(app, 'admin', 'prompts/answer', {
      promptId: escalation!.id,
      answer: { kind: 'escalation', choice: 'keep-course' },
    });
    expect(
      (await ok(app, 'admin', 'prompts/answered', { workgroupId: 'mobile-team' })).prompts.map((p) => p.id),
    ).toEqual([escalation!.id]);
    // the decision is in O-3's history, which only those who may see O-3 read (later than the admin decided)
    await queriesCaughtUp(app);
    expect((await ok(app, 'lead', 'objectives/decisions', { objectiveKey: 'O-3' })).decisions).toHaveLength(1);
    expect((await failed(app, 'member', 'objectives/decisions', { objectiveKey: 'O-3' })).error.code).toBe('NOT_FOUND');
  });
});

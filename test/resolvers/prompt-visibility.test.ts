/**
 * Class 1 of issue 13, prompts: a prompt is raised only to someone who may see its objective, and
 * its recipient's reads (prompts/inbox, answer, dismiss, snooze) check again, since visibility
 * can change after a prompt was raised (docs/prompts.md, "Who may be asked").
 *
 * The outsider browses and edits WEB but is in no workgroup: they see Web Squad's public
 * objectives (through WEB) and none of its restricted ones. WEB-5's reporter is the lead.
 */
import { onIssueEvent } from '../../src/triggers/issue-events';
import { ACCOUNT, asPersona, useAppHost } from '../support/app-host';
import { createSquadObjective, organisation, PERIOD } from './objective-kit';
import { DAY, runJob, storedPrompt, storedPrompts } from './prompt-kit';
import { failed, ok, queriesCaughtUp } from './resolver-kit';
import { transition } from './live-host';

const REVIEW = 'outcome-review:WEB-5:O-2';

const app = useAppHost(async () => {
  await organisation(app);
});

/** WEB-5, linked to O-2, assigned to the outsider and finished; Jira's event reaches the app. */
async function outsiderFinishesWeb5(): Promise<void> {
  await ok(app, 'lead', 'contributions/link', { issueKey: 'WEB-5', objectiveKey: 'O-2' });
  const assigned = await app.host.jiraRequest({
    method: 'PUT',
    path: '/rest/api/3/issue/WEB-5',
    body: JSON.stringify({ fields: { assignee: { accountId: ACCOUNT.outsider } } }),
    asUser: ACCOUNT.lead,
  });
  expect(assigned.status).toBe(204);
  await transition(app, 'outsider', 'WEB-5', 'done');
  await asPersona(app.host, null, () => onIssueEvent({ eventType: 'avi:jira:updated:issue', issue: { key: 'WEB-5' } }));
  await queriesCaughtUp(app); // the outsider opens their inbox later
}

describe('an outcome review of an issue serving a restricted objective', () => {
  it('is not raised to the assignee who may not see it: the reporter, who may, is asked instead', async () => {
    await createSquadObjective(app, { title: 'Nightingale launch plan', visibility: 'restricted' }); // O-2
    await outsiderFinishesWeb5();
    expect(await storedPrompts(app, ACCOUNT.outsider)).toEqual([]);
    expect((await ok(app, 'outsider', 'prompts/inbox', {})).prompts).toEqual([]);
    expect(JSON.stringify(await ok(app, 'outsider', 'prompts/inbox', { issueKey: 'WEB-5' }))).not.toContain(
      'Nightingale',
    );
    expect(await storedPrompt(app, REVIEW)).toMatchObject({ recipient: ACCOUNT.lead });
    expect((await ok(app, 'lead', 'prompts/inbox', { issueKey: 'WEB-5' })).prompts.map((p) => p.id)).toEqual([REVIEW]);
  });
});

describe('a prompt whose objective is restricted after it was raised', () => {
  beforeEach(async () => {
    await createSquadObjective(app, { title: 'Nightingale launch plan' }); // O-2, public: the outsider sees it
    await outsiderFinishesWeb5();
  });

  it('was raised to the assignee while they could see the objective', async () => {
    expect((await ok(app, 'outsider', 'prompts/inbox', {})).prompts.map((p) => p.id)).toEqual([REVIEW]);
  });

  it('leaves their inbox, and answering, dismissing or snoozing it is NOT_FOUND, as a prompt that does not exist', async () => {
    await ok(app, 'lead', 'objectives/update', { key: 'O-2', version: 1, visibility: 'restricted' });
    const inbox = await ok(app, 'outsider', 'prompts/inbox', {});
    expect(inbox.prompts).toEqual([]);
    expect(JSON.stringify(inbox)).not.toContain('Nightingale');
    const refusal = { code: 'NOT_FOUND', message: `There is no prompt ${REVIEW}` };
    for (const [key, payload] of [
      ['prompts/answer', { promptId: REVIEW, answer: { kind: 'outcome-review', impact: 'fully' } }],
      ['prompts/dismiss', { promptId: REVIEW }],
      ['prompts/snooze', { promptId: REVIEW, days: 1 }],
    ] as const) {
      const { error, writes } = await failed(app, 'outsider', key, payload);
      expect(error).toMatchObject(refusal);
      expect(JSON.stringify(error)).not.toContain('Nightingale');
      expect(writes).toBe(0);
    }
    // it is kept: theirs again once they may see the objective again
    await ok(app, 'lead', 'objectives/update', { key: 'O-2', version: 2, visibility: 'public' });
    expect((await ok(app, 'outsider', 'prompts/inbox', {})).prompts.map((p) => p.id)).toEqual([REVIEW]);
  });
});

describe('an escalation of a restricted objective', () => {
  /**
   * O-2 (organisation level, public, owned by the outsider) and its child O-3 (Web Squad's), whose
   * confidence drops two steps (high → low): the parent's owner and the workgroup's lead are asked.
   */
  async function dropConfidence(visibility: 'public' | 'restricted'): Promise<void> {
    await ok(app, 'admin', 'objectives/create', {
      title: 'Partners grow with us',
      levelId: 'organisation',
      periodId: PERIOD,
      owner: ACCOUNT.outsider,
    }); // O-2
    await createSquadObjective(app, { title: 'Nightingale launch plan', parentId: 'O-2', visibility }); // O-3
    await ok(app, 'lead', 'check-ins/create', { objectiveKey: 'O-3', confidence: 'high' });
    await ok(app, 'lead', 'check-ins/create', { objectiveKey: 'O-3', confidence: 'low' });
    await queriesCaughtUp(app); // they open their inboxes later
  }
  const escalations = async (persona: 'lead' | 'outsider') =>
    (await ok(app, persona, 'prompts/inbox', {})).prompts.filter((p) => p.kind === 'escalation');

  it("skips the parent's owner who may not see the restricted child; the workgroup's lead is asked", async () => {
    await dropConfidence('restricted');
    expect((await escalations('lead')).map((p) => p.subject)).toEqual([{ type: 'objective', objectiveId: 'O-3' }]);
    expect(await storedPrompts(app, ACCOUNT.outsider)).toEqual([]);
    const inbox = await ok(app, 'outsider', 'prompts/inbox', {});
    expect(inbox.prompts).toEqual([]);
    expect(JSON.stringify(inbox)).not.toContain('Nightingale');
  });

  it("asks the parent's owner too when the child is public (they may see it)", async () => {
    await dropConfidence('public');
    expect(await escalations('lead')).toHaveLength(1);
    expect((await escalations('outsider')).map((p) => p.subject)).toEqual([{ type: 'objective', objectiveId: 'O-3' }]);
  });
});

describe('a check-in due of a key result owned by someone outside a restricted objective', () => {
  /** O-2 (Web Squad's) with a metric key result owned by the outsider, eight days without a check-in. */
  async function overdue(visibility: 'public' | 'restricted'): Promise<void> {
    await createSquadObjective(app, { title: 'Nightingale launch plan', visibility }); // O-2
    await ok(app, 'lead', 'key-results/create', {
      objectiveKey: 'O-2',
      version: 1,
      keyResult: {
        kind: 'metric',
        title: 'Nightingale sign-ups',
        unit: 'sign-ups',
        direction: 'increase',
        baseline: 0,
        target: 100,
        owner: ACCOUNT.outsider,
      },
    });
    await runJob(app, Date.now() + 8 * DAY);
  }

  it('is not raised to them; nothing of the objective reaches their inbox', async () => {
    await overdue('restricted');
    expect(await storedPrompts(app, ACCOUNT.outsider)).toEqual([]);
    const inbox = await ok(app, 'outsider', 'prompts/inbox', {});
    expect(inbox.prompts).toEqual([]);
    expect(JSON.stringify(inbox)).not.toMatch(/Nightingale|O-2/);
  });

  it('is raised to them when the objective is public (they may see it)', async () => {
    await overdue('public');
    expect((await storedPrompts(app, ACCOUNT.outsider)).map((p) => p.kind)).toEqual(['check-in-due']);
  });
});

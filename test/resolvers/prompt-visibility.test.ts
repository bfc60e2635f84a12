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
import { createSquadObjective, organisation } from './objective-kit';
import { storedPrompt, storedPrompts } from './prompt-kit';
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

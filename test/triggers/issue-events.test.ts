import { z } from 'zod';
import { forgePromptStore } from '../../src/forge/store/prompt-store';
import { rollups } from '../../src/forge/store/rollup-entities';
import { onIssueEvent } from '../../src/triggers/issue-events';
import type { Host } from '../../local/host/create-host';
import { ACCOUNT, asPersona, queriesCaughtUp } from '../support/app-host';
import { pinClock } from '../support/clock';
import { storeWebEpicObjective } from './web-epic-objective';
import { startIssueEventHost, type IssueEventHost } from './issue-event-host';

// the host's clock is the process clock, which queriesCaughtUp moves
pinClock();

let started: IssueEventHost;
let host: Host;

beforeEach(() => {
  started = startIssueEventHost(['avi:jira:created:issue', 'avi:jira:updated:issue', 'avi:jira:deleted:issue']);
  host = started.host;
});

afterEach(async () => {
  await started.close();
});

const Transitions = z.object({
  transitions: z.array(z.object({ id: z.string(), to: z.object({ statusCategory: z.object({ key: z.string() }) }) })),
});

describe('the issue-events trigger', () => {
  it('moves the rollup when an issue is finished in Jira, with no sync', async () => {
    await storeWebEpicObjective(host);
    const before = await asPersona(host, null, () => rollups().get('O-7'));
    const doneBefore = before!.record.work.done;

    // the lead fixes the open bug of the epic in Jira (a leaf: WEB-3 has a sub-task, so it counts through it)
    const children = before!.record.work.issues;
    const listed = await host.jiraRequest({
      method: 'GET',
      path: '/rest/api/3/issue/WEB-5/transitions',
      asUser: ACCOUNT.lead,
    });
    const done = Transitions.parse(JSON.parse(listed.body)).transitions.find(
      (t) => t.to.statusCategory.key === 'done',
    )!;
    const moved = await host.jiraRequest({
      method: 'POST',
      path: '/rest/api/3/issue/WEB-5/transitions',
      body: JSON.stringify({ transition: { id: done.id } }),
      asUser: ACCOUNT.lead,
    });
    expect(moved.status).toBe(204);
    await host.drain();

    const after = await asPersona(host, null, () => rollups().get('O-7'));
    expect(after!.record.work).toMatchObject({ issues: children, done: doneBefore + 1 });
    const failures = host
      .invocations()
      .filter((i) => !i.ok)
      .map((i) => i.error);
    expect(failures).toEqual([]);

    // whoever finished it is asked, in their inbox, whether it delivered what O-7 needed
    const fields = z.object({
      fields: z.object({
        assignee: z.object({ accountId: z.string() }).nullable(),
        reporter: z.object({ accountId: z.string() }).nullable(),
      }),
    });
    const web5 = fields.parse(
      JSON.parse(
        (
          await host.jiraRequest({
            method: 'GET',
            path: '/rest/api/3/issue/WEB-5?fields=assignee,reporter',
            asUser: null,
          })
        ).body,
      ),
    );
    const asked = (web5.fields.assignee ?? web5.fields.reporter)!.accountId;
    // the inbox is a query: it shows the prompt once storage has caught up (the user opens it later)
    const inbox = async () => {
      await queriesCaughtUp(host);
      return asPersona(host, null, () => forgePromptStore().ofRecipient(asked));
    };
    expect((await inbox()).map((p) => [p.id, p.kind, p.state])).toEqual([
      ['outcome-review:WEB-5:O-7', 'outcome-review', 'open'],
    ]);

    // the same event again (a replay) asks nothing new
    await asPersona(host, null, () => onIssueEvent({ eventType: 'avi:jira:updated:issue', issue: { key: 'WEB-5' } }));
    expect(await inbox()).toHaveLength(1);
  });
});

/**
 * The issue-events trigger against strict Jira (docs/forge-fidelity.md, "Jira REST"): search lags
 * writes, so the event's issue is read by id (GET issue, consistent); only a deletion event that
 * Jira confirms removes an issue; an issue moved to another project is followed by id, with its
 * links and its children.
 */
import { z } from 'zod';
import { createJiraClient } from '../../src/forge/jira';
import { issues, rollups } from '../../src/forge/store/rollup-entities';
import { ForgeContributionStore } from '../../src/forge/store/contribution-store';
import { onIssueEvent } from '../../src/triggers/issue-events';
import type { Host } from '../../local/host/create-host';
import { setProcessClock } from '../../local/runtime/process-clock';
import { ACCOUNT, asPersona } from '../support/app-host';
import { PINNED_NOW } from '../support/clock';
import { storeWebEpicObjective } from './web-epic-objective';
import { startIssueEventHost, type IssueEventHost } from './issue-event-host';

const T0 = Date.parse(PINNED_NOW);
/** The demo site's issue types and projects (local/jira/seed.ts). */
const STORY = '10001';

let started: IssueEventHost;
let host: Host;
let restoreClock: () => void = () => undefined;

beforeEach(async () => {
  restoreClock = setProcessClock(T0);
  started = startIssueEventHost([], { forge: 'strict', jiraLimits: { searchLagMs: 10_000 } });
  host = started.host;
  // the demo site was written a while ago: search shows it
  setProcessClock(T0 + 60_000);
  await storeWebEpicObjective(host);
  // and the objective was linked a while ago too: storage queries show the link
  setProcessClock(T0 + 120_000);
});

afterEach(async () => {
  await started.close();
  restoreClock();
});

const workOfO7 = async () => (await asPersona(host, null, () => rollups().get('O-7')))!.record.work;
const storedIssue = (key: string) => asPersona(host, null, () => issues().get(key));
const event = (payload: unknown) => asPersona(host, null, () => onIssueEvent(payload));

async function jira(method: string, path: string, body?: unknown) {
  const res = await host.jiraRequest({
    method,
    path,
    asUser: ACCOUNT.lead,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(res.status).toBeLessThan(300);
  return res.body === '' ? null : (JSON.parse(res.body) as unknown);
}

const Created = z.object({ id: z.string(), key: z.string() });

describe('issue events on strict Jira', () => {
  it('count a just-created story although search does not show it yet', async () => {
    const before = await workOfO7();
    const created = Created.parse(
      await jira('POST', '/rest/api/3/issue', {
        fields: {
          project: { key: 'WEB' },
          issuetype: { id: STORY },
          summary: 'Gift wrap option',
          parent: { key: 'WEB-1' },
        },
      }),
    );
    const searched = await asPersona(host, null, () => createJiraClient().getIssues([created.key]));
    expect(searched).toEqual([]); // search lags the write

    await event({ eventType: 'avi:jira:created:issue', issue: { id: created.id, key: created.key } });

    expect((await storedIssue(created.key))?.state).toMatchObject({ key: created.key, parentKey: 'WEB-1' });
    expect((await workOfO7()).issues).toBe(before.issues + 1);
  });

  it('take only a deletion that Jira confirms: an update of a deleted issue, or a deletion of a live one, changes nothing', async () => {
    const before = await workOfO7();
    await event({ eventType: 'avi:jira:deleted:issue', issue: { key: 'WEB-5' } });
    expect(await storedIssue('WEB-5')).not.toBeNull();
    expect(await workOfO7()).toEqual(before);

    await jira('DELETE', '/rest/api/3/issue/WEB-5');
    await event({ eventType: 'avi:jira:updated:issue', issue: { key: 'WEB-5' } });
    expect(await storedIssue('WEB-5')).not.toBeNull();

    await event({ eventType: 'avi:jira:deleted:issue', issue: { key: 'WEB-5' } });
    expect(await storedIssue('WEB-5')).toBeNull();
    expect((await workOfO7()).issues).toBe(before.issues - 1);
  });

  it('follow an epic moved to another project by id: its links, its stories and the rollup go along', async () => {
    const before = await workOfO7();
    await jira('POST', '/rest/api/3/bulk/issues/move', {
      sendBulkNotification: false,
      targetToSourcesMapping: {
        [`MOB,10000`]: { issueIdsOrKeys: ['WEB-1'], inferFieldDefaults: true, inferStatusDefaults: true },
      },
    });
    const moved = await asPersona(host, null, () => createJiraClient().readIssue('WEB-1'));
    expect(moved?.key).toMatch(/^MOB-/);
    const newKey = moved!.key;

    // the event as Jira sends it: the new key, the old one in the changelog
    await event({
      eventType: 'avi:jira:updated:issue',
      issue: { key: newKey },
      changelog: { items: [{ field: 'Key', fromString: 'WEB-1', toString: newKey }] },
    });

    expect(await storedIssue('WEB-1')).toBeNull();
    expect((await storedIssue(newKey))?.links).toEqual([{ objectiveId: 'O-7', keyResultId: 'kr-web', count: 1 }]);
    expect((await storedIssue('WEB-2'))?.ancestors).toEqual([newKey]);
    expect((await storedIssue('WEB-4'))?.ancestors).toEqual(['WEB-3', newKey]);
    const linksNow = await asPersona(host, null, async () => ({
      moved: await new ForgeContributionStore().get({ issueKey: newKey, objectiveId: 'O-7', keyResultId: 'kr-web' }),
      old: await new ForgeContributionStore().get({ issueKey: 'WEB-1', objectiveId: 'O-7', keyResultId: 'kr-web' }),
    }));
    expect(linksNow.moved).not.toBeNull();
    expect(linksNow.old).toBeNull();
    expect(await workOfO7()).toEqual(before);
  });
});

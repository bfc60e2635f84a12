/**
 * Class 2 of issue 13: a query key result is measured by the daily job, which searches as the app
 * (it sees every project), but only the issues the key result's owner may browse count — a count
 * must not reveal what Jira hides from the one who wrote the query (docs/security.md).
 *
 * The site: the demo site with one more bug, MOB-4, in MOB, and the lead taken out of MOB. The
 * lead's `issuetype = Bug` is valid for them (one bug, WEB-5, is theirs to see); the app sees two.
 */
import { onDailyRefresh } from '../../src/triggers/daily-refresh';
import { demoSite } from '../../local/jira';
import type { JiraSnapshotInput } from '../../local/jira/model';
import { ACCOUNT, useAppHost } from '../support/app-host';
import { ok, queriesCaughtUp } from './resolver-kit';
import { createSquadObjective, organisation, storedRollup } from './objective-kit';

function siteWithHiddenBug(now: number): JiraSnapshotInput {
  const site = demoSite(now);
  const mob = site.projects.find((p) => p.key === 'MOB');
  const web5 = site.issues.find((i) => i.key === 'WEB-5');
  if (mob === undefined || web5 === undefined) throw new Error('the demo site changed: MOB or WEB-5 is gone');
  return {
    ...site,
    projects: site.projects.map((p) => (p.key === 'MOB' ? { ...p, roles: { [ACCOUNT.member]: 'member' } } : p)),
    issues: [
      ...site.issues,
      { ...web5, id: '10100', key: 'MOB-4', projectId: mob.id, summary: 'Crash on resume', parentId: null },
    ],
  };
}

const app = useAppHost(
  async () => {
    await organisation(app);
    await createSquadObjective(app); // O-2 of Web Squad, owned by the lead
  },
  { seed: siteWithHiddenBug },
);

async function measure(owner: string): Promise<number | undefined> {
  await ok(app, 'lead', 'key-results/create', {
    objectiveKey: 'O-2',
    version: 1,
    keyResult: {
      kind: 'query',
      title: 'Open bugs',
      owner,
      direction: 'decrease',
      baseline: 10,
      target: 0,
      jql: 'issuetype = Bug',
    },
  });
  await queriesCaughtUp(app); // the daily job runs later
  // as Forge runs the hourly trigger: no user, 900 s
  const { counts } = await app.host.runtime.runCounted(
    { accountId: null, moduleKey: 'daily-refresh', timeoutMs: 900_000 },
    () => onDailyRefresh(),
  );
  expect(counts.productByRoute['jira POST /rest/api/3/permissions/check']).toBeGreaterThan(0);
  return (await storedRollup(app, 'O-2'))?.measurements['O-2.KR-1'];
}

describe('a query key result measured by the daily job', () => {
  it('counts the bugs its owner may browse, not every bug the app sees', async () => {
    const asLead = await ok(app, 'lead', 'jql/validate', { jql: 'issuetype = Bug' });
    const asAdmin = await ok(app, 'admin', 'jql/validate', { jql: 'issuetype = Bug' });
    expect([asLead.count, asAdmin.count]).toEqual([1, 2]);
    expect(await measure(ACCOUNT.lead)).toBe(1);
  });

  it("follows the owner: a Jira administrator's key result counts both", async () => {
    expect(await measure(ACCOUNT.admin)).toBe(2);
  });

  it('follows the owner: the outsider, who browses WEB only, counts WEB-5', async () => {
    expect(await measure(ACCOUNT.outsider)).toBe(1);
  });
});

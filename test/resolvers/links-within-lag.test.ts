/**
 * Links made a moment apart count at once (strict host: the contribution index, a query, shows a
 * write only a second of host clock after it). Two links to one objective in the same second,
 * from two calls, must both count — at once and after the index has caught up — and an unlink a
 * moment before must not come back. The clock is pinned (startLiveHost): nothing here waits for
 * the index unless it says so, and then only to show the count stays right.
 */
import type { AppHost } from '../support/app-host';
import { ok, queriesCaughtUp } from './resolver-kit';
import { createIssue, jiraSearchCaughtUp, startLiveHost } from './live-host';
import { createSquadObjective, organisation, storedRollup } from './objective-kit';

/** An epic in WEB with two stories to do: linked, it counts 2 issues. */
async function epicWithTwoStories(app: AppHost): Promise<string> {
  const epic = await createIssue(app, { project: { key: 'WEB' }, issuetype: { name: 'Epic' }, summary: 'Wallets' });
  for (const summary of ['Apple Pay', 'Google Pay'])
    await createIssue(app, { project: { key: 'WEB' }, issuetype: { name: 'Story' }, summary, parent: { key: epic } });
  return epic;
}

const counted = async (app: AppHost, key: string) => (await storedRollup(app, key))?.record.work.issues;
const countedFor = async (app: AppHost, key: string, keyResultId: string) =>
  (await storedRollup(app, key))?.record.keyResults.find((k) => k.keyResultId === keyResultId);

describe('links a moment apart', () => {
  let app: AppHost;
  let epic: string;
  beforeEach(async () => {
    app = startLiveHost();
    await organisation(app);
    await createSquadObjective(app); // O-2
    await createSquadObjective(app, { title: 'Fraud rules' }); // O-3
    await ok(app, 'lead', 'key-results/create', {
      objectiveKey: 'O-2',
      version: 1,
      keyResult: { kind: 'completion', title: 'Wallets shipped' },
    });
    epic = await epicWithTwoStories(app);
    await app.host.drain();
    // the work existed long before anyone links it
    jiraSearchCaughtUp(app);
    await queriesCaughtUp(app);
  });
  afterEach(async () => {
    await app.close();
  });

  it('two links to one objective in the same second both count, at once and after the index catches up', async () => {
    // WEB-1 brings 3 counted issues (WEB-2, WEB-4, WEB-5), the epic 2
    const first = await ok(app, 'lead', 'contributions/link', { issueKey: 'WEB-1', objectiveKey: 'O-2' });
    expect(first.rollup?.work.issues).toBe(3);
    const second = await ok(app, 'lead', 'contributions/link', { issueKey: epic, objectiveKey: 'O-2' });
    expect(second.rollup?.work.issues).toBe(5);
    expect(await counted(app, 'O-2')).toBe(5);
    await queriesCaughtUp(app);
    expect(await counted(app, 'O-2')).toBe(5);
    // a later change to the objective's work counts from the same links
    await ok(app, 'lead', 'contributions/link', { issueKey: 'WEB-4', objectiveKey: 'O-2' });
    expect(await counted(app, 'O-2')).toBe(5);
  });

  it('two calls at the same time, each linking to the same key result, both count', async () => {
    const kr = 'O-2.KR-1';
    await Promise.all([
      ok(app, 'lead', 'contributions/link', { issueKey: 'WEB-1', objectiveKey: 'O-2', keyResultId: kr }),
      ok(app, 'member', 'contributions/link', { issueKey: epic, objectiveKey: 'O-2', keyResultId: kr }),
    ]);
    expect(await counted(app, 'O-2')).toBe(5);
    // 1 of WEB-1's 3 is done, none of the epic's 2
    expect((await countedFor(app, 'O-2', kr))?.progress).toBeCloseTo(1 / 5);
    await queriesCaughtUp(app);
    expect(await counted(app, 'O-2')).toBe(5);
  });

  it('an issue unlinked a moment ago does not come back with the next link', async () => {
    // linked long ago, to O-2 and to O-3 (so its record keeps its tally when O-2 lets it go)
    await ok(app, 'lead', 'contributions/link', { issueKey: 'WEB-1', objectiveKey: 'O-3' });
    await ok(app, 'lead', 'contributions/link', { issueKey: 'WEB-1', objectiveKey: 'O-2' });
    await queriesCaughtUp(app);
    const unlinked = await ok(app, 'lead', 'contributions/unlink', { issueKey: 'WEB-1', objectiveKey: 'O-2' });
    expect(unlinked.rollup?.work.issues).toBe(0);
    const linked = await ok(app, 'lead', 'contributions/link', { issueKey: epic, objectiveKey: 'O-2' });
    expect(linked.rollup?.work.issues).toBe(2);
    await queriesCaughtUp(app);
    expect(await counted(app, 'O-2')).toBe(2);
    expect(await counted(app, 'O-3')).toBe(3);
  });

  it('an objective an issue was unlinked from a moment ago does not take it back when it is linked elsewhere', async () => {
    await ok(app, 'lead', 'contributions/link', { issueKey: 'WEB-1', objectiveKey: 'O-3' });
    await queriesCaughtUp(app);
    await ok(app, 'lead', 'contributions/unlink', { issueKey: 'WEB-1', objectiveKey: 'O-3' });
    await ok(app, 'lead', 'contributions/link', { issueKey: 'WEB-1', objectiveKey: 'O-2' });
    // the next change to O-3's work counts only what is linked to it
    await ok(app, 'lead', 'contributions/link', { issueKey: epic, objectiveKey: 'O-3' });
    expect(await counted(app, 'O-3')).toBe(2);
    expect(await counted(app, 'O-2')).toBe(3);
    await queriesCaughtUp(app);
    expect(await counted(app, 'O-3')).toBe(2);
  });

  it('two link-many calls in the same second both count', async () => {
    await ok(app, 'lead', 'contributions/link-many', { issueKeys: ['WEB-1'], objectiveKey: 'O-2' });
    const reply = await ok(app, 'lead', 'contributions/link-many', { issueKeys: [epic, 'WEB-4'], objectiveKey: 'O-2' });
    expect(reply.results.map((r) => r.ok && r.change.rollup?.work.issues)).toEqual([5, 5]);
    await queriesCaughtUp(app);
    expect(await counted(app, 'O-2')).toBe(5);
  });
});

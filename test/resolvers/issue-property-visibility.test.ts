/**
 * Class 1 of issue 13, the `tether` issue property: anyone who may browse an issue can read it and
 * search it with JQL `objective = O-n`, so it holds public objectives only. A restricted
 * objective's links are kept in Tether's storage and shown through its permission-checked views;
 * when an objective's visibility changes, the properties of the issues serving it are written again
 * (docs/security.md, "The tether issue property").
 */
import { ok } from './resolver-kit';
import { issueProperty, jql, startLiveHost } from './live-host';
import { createSquadObjective, organisation } from './objective-kit';
import type { AppHost } from '../support/app-host';

const WEB_1_TREE = ['WEB-1', 'WEB-2', 'WEB-3', 'WEB-4', 'WEB-5'];

describe('the tether issue property and a restricted objective', () => {
  let app: AppHost;
  beforeEach(async () => {
    app = startLiveHost();
    await organisation(app);
  });
  afterEach(async () => {
    await app.close();
  });

  it("never holds a restricted objective's key: JQL `objective = O-2` finds nothing, for anyone", async () => {
    await createSquadObjective(app, { title: 'Nightingale launch plan', visibility: 'restricted' }); // O-2
    await createSquadObjective(app, { title: 'Faster checkout' }); // O-3, public
    await ok(app, 'lead', 'contributions/link', { issueKey: 'WEB-1', objectiveKey: 'O-2' });
    await ok(app, 'lead', 'contributions/link', { issueKey: 'WEB-4', objectiveKey: 'O-3' });
    expect(await issueProperty(app, 'WEB-1')).toBeNull();
    expect(await issueProperty(app, 'WEB-4')).toEqual({ objectives: ['O-3'] });
    expect(await jql(app, 'outsider', 'objective = O-2')).toEqual([]);
    expect(await jql(app, 'lead', 'objective = O-2')).toEqual([]);
    expect(await jql(app, 'outsider', 'objective = O-3')).toEqual(['WEB-4']);
    // the link itself is kept: the issue panel shows it to those who may see O-2
    const panel = await ok(app, 'lead', 'issue-panel/view', { issueKey: 'WEB-4' });
    expect(panel.serves.map((s) => s.objective.key).sort()).toEqual(['O-2', 'O-3']);
  });

  it("follows the objective's visibility: restricting it takes it out of its issues' properties, making it public puts it back", async () => {
    await createSquadObjective(app, { title: 'Nightingale launch plan' }); // O-2, public
    await ok(app, 'lead', 'contributions/link', { issueKey: 'WEB-1', objectiveKey: 'O-2' });
    expect(await jql(app, 'outsider', 'objective = O-2')).toEqual(WEB_1_TREE);

    await ok(app, 'lead', 'objectives/update', { key: 'O-2', version: 1, visibility: 'restricted' });
    for (const key of WEB_1_TREE) expect(await issueProperty(app, key)).toBeNull();
    expect(await jql(app, 'outsider', 'objective = O-2')).toEqual([]);

    await ok(app, 'lead', 'objectives/update', { key: 'O-2', version: 2, visibility: 'public' });
    expect(await issueProperty(app, 'WEB-3')).toEqual({ objectives: ['O-2'] });
    expect(await jql(app, 'outsider', 'objective = O-2')).toEqual(WEB_1_TREE);
  });
});

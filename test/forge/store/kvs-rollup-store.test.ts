import type { IssueState } from '../../../src/contract';
import { applyIssueEvent } from '../../../src/app/rollup/apply-issue-event';
import { kvsRollupStore } from '../../../src/forge/store/kvs-rollup-store';
import { contributions, issues, rollups } from '../../../src/forge/store/rollup-entities';
import { asPersonaCounted, startAppHost, type AppHost } from '../../support/app-host';
import { aContribution, aKeyResult, anIssue, anObjective, DAY, T0 } from '../../support/builders';
import { aRollupSettings, ORGANISATION_NOW, storedOf } from '../../support/stored-organisation';

const NOW = ORGANISATION_NOW;
const settings = aRollupSettings();
const top = anObjective({ id: 'O-1', key: 'O-1', levelId: 'organisation' });
const team = anObjective({ id: 'O-2', key: 'O-2', parentId: 'O-1', workgroupId: 'checkout' });
const kr = aKeyResult({ id: 'kr-1', objectiveId: 'O-2', kind: 'completion', measure: 'story-points' });

let app: AppHost;
beforeEach(() => {
  app = startAppHost({ resolverModule: { resolver: () => null } });
});
afterEach(async () => {
  await app.close();
});

async function seed(issueStates: IssueState[], links: ReturnType<typeof aContribution>[]) {
  const { issues: storedIssues, rollups: storedRollups } = storedOf({
    objectives: [top, team],
    keyResults: [kr],
    issues: issueStates,
    contributions: links,
  });
  for (const i of storedIssues) await issues().put(i, 0);
  for (const r of storedRollups) await rollups().put(r, 0);
  for (const c of links) await contributions().put({ ...c, version: 0 }, 0);
}

describe('the live rollup in Forge storage', () => {
  it('moves story points to done on an issue event, up to the organisation objective, in a handful of round trips', async () => {
    const epic = anIssue({ key: 'SHOP-1', issueType: 'Epic' });
    const stories = [
      anIssue({ key: 'SHOP-2', parentKey: 'SHOP-1', storyPoints: 3 }),
      anIssue({ key: 'SHOP-3', parentKey: 'SHOP-1', storyPoints: 5 }),
    ];
    await seed([epic, ...stories], [aContribution({ issueKey: 'SHOP-1', objectiveId: 'O-2', keyResultId: 'kr-1' })]);

    const report = await asPersonaCounted(app.host, null, () =>
      applyIssueEvent(
        kvsRollupStore(),
        {
          type: 'upsert',
          issue: anIssue({
            key: 'SHOP-3',
            parentKey: 'SHOP-1',
            storyPoints: 5,
            statusCategory: 'done',
            resolved: NOW - DAY,
            updated: T0 + 1000,
          }),
        },
        settings,
        NOW,
      ),
    );
    const outcome = report.result;
    const trips = report.counts.kvsRoundTrips;

    expect(outcome.changed.map((r) => r.objectiveId).sort()).toEqual(['O-1', 'O-2']);
    const stored = await rollups().getMany(['O-1', 'O-2']);
    expect(stored.get('O-2')!.record.keyResults[0]).toMatchObject({ value: 5, target: 8, progress: 5 / 8 });
    expect(stored.get('O-1')!.record.progress).toBeCloseTo(5 / 8);
    // issue, its line, the rollups (two levels), one write: 1 + 1 + 2 + 1
    expect(trips).toBeLessThanOrEqual(5);
  });

  it('refuses a stale write and applies the event again, so two events on one epic both count', async () => {
    await seed(
      [
        anIssue({ key: 'SHOP-1' }),
        anIssue({ key: 'SHOP-2', parentKey: 'SHOP-1', storyPoints: 2 }),
        anIssue({ key: 'SHOP-3', parentKey: 'SHOP-1', storyPoints: 3 }),
      ],
      [aContribution({ issueKey: 'SHOP-1', objectiveId: 'O-2', keyResultId: 'kr-1' })],
    );
    const store = kvsRollupStore();
    const done = (key: string, points: number) =>
      applyIssueEvent(
        store,
        {
          type: 'upsert',
          issue: anIssue({ key, parentKey: 'SHOP-1', storyPoints: points, statusCategory: 'done', updated: T0 + 1000 }),
        },
        settings,
        NOW,
      );
    await Promise.all([done('SHOP-2', 2), done('SHOP-3', 3)]);
    expect((await rollups().get('O-2'))!.record.keyResults[0]).toMatchObject({ value: 5, progress: 1 });
  });
});

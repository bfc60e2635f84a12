/**
 * objectives/list on the local host: a period's objectives with restricted ones, the ancestors of
 * other periods they align to, admins only, VALIDATION for a period that does not exist.
 */
import { useAppHost } from '../support/app-host';
import { failed, ok } from './resolver-kit';
import { createSquadObjective, organisation, PERIOD } from './objective-kit';

const app = useAppHost(organisation);

describe('objectives/list', () => {
  it("lists a period's objectives, restricted ones included, and the ancestors they align to in other periods", async () => {
    const settings = await ok(app, 'admin', 'settings/get');
    await ok(app, 'admin', 'periods/create', {
      version: settings.version,
      name: 'FY2027',
      start: '2026-07-01',
      end: '2027-06-30',
    });
    const fy = await ok(app, 'admin', 'objectives/create', {
      title: 'Grow the business',
      levelId: 'organisation',
      periodId: 'fy2027',
    });
    const strategic = await ok(app, 'admin', 'objectives/create', {
      title: 'Sell online',
      levelId: 'strategic',
      periodId: PERIOD,
      parentId: fy.objective.key,
    });
    await createSquadObjective(app, { parentId: strategic.objective.key, visibility: 'restricted' });

    const list = await ok(app, 'admin', 'objectives/list', { periodId: PERIOD });
    expect(list.periodId).toBe(PERIOD);
    expect(list.objectives.map((o) => [o.key, o.visibility])).toEqual([
      ['O-1', 'public'],
      ['O-3', 'public'],
      ['O-4', 'restricted'],
    ]);
    expect(list.ancestors.map((o) => o.key)).toEqual(['O-2']);

    const all = await ok(app, 'admin', 'objectives/list', {});
    expect(all.periodId).toBeNull();
    expect(all.objectives.map((o) => o.key)).toEqual(['O-1', 'O-2', 'O-3', 'O-4']);
    expect(all.ancestors).toEqual([]);
  });

  it.each(['lead', 'member', 'outsider'] as const)('refuses %s, who is not a Jira administrator', async (persona) => {
    const { error, writes } = await failed(app, persona, 'objectives/list', { periodId: PERIOD });
    expect(error).toEqual({ code: 'FORBIDDEN', message: 'Only Jira administrators can list every objective' });
    expect(writes).toBe(0);
  });

  it('answers VALIDATION for a period that does not exist', async () => {
    const { error } = await failed(app, 'admin', 'objectives/list', { periodId: '2030-q1' });
    expect(error).toEqual({
      code: 'VALIDATION',
      message: 'There is no period "2030-q1"',
      details: [{ path: 'periodId', message: 'there is no period "2030-q1"' }],
    });
  });
});

import { objectiveNumber } from '../../../src/contract';
import {
  OBJECTIVE_BATCH,
  reconcileObjectives,
  type ObjectiveReconcilePorts,
} from '../../../src/app/rollup/reconcile-objectives';
import { aContribution, aKeyResult, anIssue, anObjective, DAY, T0 } from '../../support/builders';
import { aRollupSettings, aStoreOf, ORGANISATION_NOW, storedOf } from '../../support/stored-organisation';

const NOW = ORGANISATION_NOW;
const settings = aRollupSettings();
const top = anObjective({ id: 'O-1', key: 'O-1', levelId: 'organisation' });
const team = anObjective({ id: 'O-2', key: 'O-2', parentId: 'O-1' });
const kr = aKeyResult({ id: 'kr-1', objectiveId: 'O-2', kind: 'completion' });
const issues = [
  anIssue({ key: 'R-1' }),
  anIssue({ key: 'R-2', parentKey: 'R-1', statusCategory: 'done', resolved: T0 + DAY }),
  anIssue({ key: 'R-3', parentKey: 'R-1' }),
  anIssue({ key: 'R-4', statusCategory: 'done', resolved: T0 + 2 * DAY }),
];
const links = [
  aContribution({ issueKey: 'R-1', objectiveId: 'O-2', keyResultId: 'kr-1' }),
  aContribution({ issueKey: 'R-4', objectiveId: 'O-2', keyResultId: null }),
];
const organisation = { objectives: [top, team], keyResults: [kr], issues, contributions: links };

function setUp(timeLeft = () => Infinity) {
  const store = aStoreOf(organisation);
  const ports: ObjectiveReconcilePorts = {
    rollups: store,
    rollupsAfter: async (after, limit) =>
      [...store.rollups.values()]
        .filter((r) => objectiveNumber(r.objective.key) > after)
        .sort((a, b) => objectiveNumber(a.objective.key) - objectiveNumber(b.objective.key))
        .slice(0, limit)
        .map((r) => structuredClone(r)),
    settings,
    now: NOW,
    timeLeft,
  };
  return { store, ports, expected: storedOf(organisation).rollups };
}

describe('reconciling objectives', () => {
  it('counts the sets again from the linked issues and repairs a rollup whose tallies drifted, and the objectives above', async () => {
    const { store, ports, expected } = setUp();
    // a save cut short: the team's tallies lost a done issue
    const team2 = store.rollups.get('O-2')!;
    team2.own = { ...team2.own, done: team2.own.done - 1, issues: team2.own.issues - 1 };
    delete team2.keyResultTallies['kr-1'];
    const result = await reconcileObjectives(ports, 0);
    expect(result).toEqual({ next: null, checked: 2, repaired: 1 });
    for (const { version: _stored, ...want } of expected) {
      const { version: _version, ...held } = store.rollups.get(want.objectiveId)!;
      expect(held).toEqual(want);
    }
  });

  it('writes nothing when every tally agrees, however often it runs', async () => {
    const { store, ports } = setUp();
    let saves = 0;
    store.beforeSave = async () => {
      saves += 1;
    };
    expect(await reconcileObjectives(ports, 0)).toEqual({ next: null, checked: 2, repaired: 0 });
    expect(await reconcileObjectives(ports, 0)).toEqual({ next: null, checked: 2, repaired: 0 });
    expect(saves).toBe(0);
  });

  it('stops when time runs low and says where to continue', async () => {
    const { ports } = setUp(() => 0);
    expect(await reconcileObjectives(ports, 0)).toEqual({ next: 0, checked: 0, repaired: 0 });
    expect(OBJECTIVE_BATCH).toBeGreaterThan(1);
  });
});

/** The trigger tests' starting point, stored straight into the host's storage. */
import { createJiraClient } from '../../src/forge/jira';
import { contributions, issues, rollups } from '../../src/forge/store/rollup-entities';
import type { Host } from '../../local/host/create-host';
import { asPersona } from '../support/app-host';
import { aContribution, aKeyResult, anObjective, aPeriod, aRollupInput } from '../support/builders';
import { storedRecords } from '../support/rollup-records';

/**
 * O-7, whose key result kr-web counts the work under the demo epic WEB-1: the WEB issues as Jira's
 * search shows them, the rollup and the link, stored as a full recompute makes them.
 */
export async function storeWebEpicObjective(host: Host): Promise<void> {
  const objective = anObjective({ id: 'O-7', key: 'O-7' });
  const kr = aKeyResult({ id: 'kr-web', objectiveId: 'O-7', kind: 'completion' });
  const links = [aContribution({ issueKey: 'WEB-1', objectiveId: 'O-7', keyResultId: 'kr-web' })];
  await asPersona(host, null, async () => {
    const web = await createJiraClient().searchIssues('project = WEB', null, 100);
    const stored = storedRecords(
      aRollupInput({
        periods: [aPeriod()],
        objectives: [objective],
        keyResults: [kr],
        issues: web.issues,
        contributions: links,
        now: Date.now(),
      }),
    );
    for (const i of stored.issues) await issues().put(i, 0);
    for (const r of stored.rollups) await rollups().put(r, 0);
    for (const c of links) await contributions().put({ ...c, version: 0 }, 0);
  });
}

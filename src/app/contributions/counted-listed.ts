import type { CountedListed, CountedListedPayload } from '../../contract/api';
import { ancestorsToRead, listedWork } from '../../domain/listed-work';
import { ObjectiveAccess } from '../objectives/objective-access';
import type { ObjectivePorts } from '../objectives/objective-ports';
import type { StoredIssue } from '../rollup/stored-records';

/**
 * contributions/counted: which of the issues the caller's Jira search listed as serving an
 * objective its rollup counts — `counted`, `container` (its sub-tasks or child issues count
 * instead) or `not-serving` — from the stored issue records (docs/rollup.md, "Which work counts"),
 * with the number the rollup counts, so that the project page says exactly how many counted issues
 * the caller cannot see.
 *
 * For whoever may see the objective (a restricted one is NOT_FOUND to anyone else, as everywhere),
 * and only about the issues the caller may browse in Jira (Jira's bulk permission check, asked as
 * the app about the caller): any other key is left out of the answer, as one Jira does not know
 * (docs/security.md). Storage, by key only: the settings, the objective, its rollup and the
 * issues asked about, together; then their ancestors not asked about, in one wave when there are
 * any. Jira: one search for the issues' ids and one permission check, beside the reads.
 */
export async function countedListed(
  ports: Pick<ObjectivePorts, 'permissions' | 'settings' | 'objectiveStore' | 'workgroups' | 'rollups' | 'jiraFor'>,
  payload: CountedListedPayload,
): Promise<CountedListed> {
  const accountId = ports.permissions.requireUser();
  const [settings, stored, speculated] = await Promise.all([
    ports.settings.get(),
    ports.objectiveStore.get(payload.objectiveKey),
    ports.rollups.getRollups([payload.objectiveKey]),
  ]);
  const access = new ObjectiveAccess(ports.permissions, ports.workgroups, settings.levels);
  const objective = await access.requireView(payload.objectiveKey, stored);
  const keys = payload.issueKeys;
  const jira = ports.jiraFor(settings);
  const [rollups, browsable, issues] = await Promise.all([
    // an objective's id is its key, except for some made before that rule
    speculated.has(objective.id) ? speculated : ports.rollups.getRollups([objective.id]),
    keys.length === 0 || jira.browsableIssues === undefined
      ? Promise.resolve(new Set<string>())
      : jira.browsableIssues(accountId, keys),
    keys.length === 0 ? Promise.resolve(new Map<string, StoredIssue>()) : ports.rollups.getIssues(keys),
  ]);
  const shown = keys.filter((k) => browsable.has(k));
  const above = ancestorsToRead(shown, (k) => issues.get(k));
  const ancestors = above.length === 0 ? new Map<string, StoredIssue>() : await ports.rollups.getIssues(above);
  const work = listedWork(objective.id, shown, (k) => issues.get(k) ?? ancestors.get(k));
  return {
    objectiveKey: objective.key,
    counted: rollups.get(objective.id)?.record.work.issues ?? null,
    issues: shown.map((issueKey) => ({ issueKey, work: work.get(issueKey) ?? 'not-serving' })),
  };
}

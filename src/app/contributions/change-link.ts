import { Contribution } from '../../contract';
import type { ContributionChange, ContributionPayload } from '../../contract/api';
import { validationFailure } from '../app-failure';
import { ObjectiveAccess } from '../objectives/objective-access';
import { maintenanceFor, withRollupRetry, type ObjectivePorts } from '../objectives/objective-ports';
import { linksChangedBelow } from '../rollup/maintain-rollups';
import { syncIssueProperties } from './issue-properties';

/**
 * contributions/link and contributions/unlink. The caller must be allowed to edit the issue in
 * Jira (EDIT_ISSUES, asked as them) and to see the objective. The link is written (or removed)
 * — once: linking twice is one link — then the rollup follows (linksChanged: the issue's subtree
 * is read from Jira when unknown, the sets it serves are recomputed, the objectives above move),
 * then the issue property `tether` of the issue and its stored descendants (JQL `objective = O-12`).
 */
export async function changeLink(
  ports: ObjectivePorts,
  payload: ContributionPayload,
  linked: boolean,
): Promise<ContributionChange> {
  const me = await ports.permissions.requireEditIssue(payload.issueKey);
  const [settings, stored] = await Promise.all([ports.settings.get(), ports.objectiveStore.get(payload.objectiveKey)]);
  const access = new ObjectiveAccess(ports.permissions, ports.workgroups, settings.levels);
  const objective = await access.requireView(payload.objectiveKey, stored);
  const refused = linked ? 'The issue was not linked' : 'The issue was not unlinked';
  if (payload.keyResultId !== null && !objective.keyResults.some((k) => k.id === payload.keyResultId)) {
    throw validationFailure(refused, [
      { path: 'keyResultId', message: `${objective.key} has no key result "${payload.keyResultId}"` },
    ]);
  }
  if (linked && !access.canLink(objective)) {
    throw validationFailure(refused, [
      { path: 'objectiveKey', message: `${objective.key} is archived; work cannot be linked to it` },
    ]);
  }

  const ref = { issueKey: payload.issueKey, objectiveId: objective.id, keyResultId: payload.keyResultId };
  const changed = linked
    ? await ports.contributions.add(Contribution.parse({ ...ref, createdBy: me, createdAt: ports.clock.now() }))
    : await ports.contributions.remove(ref);
  // run even when nothing changed: a link written by an earlier call that failed half-way is completed
  const maintenance = maintenanceFor(ports, settings);
  const { records, below } = await withRollupRetry(() =>
    linksChangedBelow(maintenance, payload.issueKey, objective.id, {
      objectiveId: objective.id,
      keyResultId: payload.keyResultId,
      linked,
    }),
  );
  const properties = await syncIssueProperties(
    maintenance.jira,
    ports.rollups,
    ports.propertyQueue,
    payload.issueKey,
    below,
  );
  const rollup =
    records.find((r) => r.objectiveId === objective.id) ??
    (await ports.rollups.getRollups([objective.id])).get(objective.id)?.record ??
    null;
  return {
    issueKey: payload.issueKey,
    objectiveKey: objective.key,
    keyResultId: payload.keyResultId,
    linked,
    changed,
    rollup,
    properties,
  };
}

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
 *
 * Two storage writes (the link, then the rollup's transaction) that Forge may refuse between them
 * for the site's per-minute quota: the issue's stored record says whether the rollup followed the
 * link, so calling again completes a change refused half-way (`changed: true`, as the first call
 * would have answered), and a call that changes nothing writes nothing to storage.
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
  const written = linked
    ? await ports.contributions.add(Contribution.parse({ ...ref, createdBy: me, createdAt: ports.clock.now() }))
    : await ports.contributions.remove(ref);
  // A call refused half-way (storage over its quota after the link was written, before the rollup)
  // left the issue's record behind the link: this call completes it, and answers as that one would
  // have. When the link and the record agree, nothing is written.
  const record = (await ports.rollups.getIssues([payload.issueKey])).get(payload.issueKey);
  const counted = record?.links.some((l) => l.objectiveId === ref.objectiveId && l.keyResultId === ref.keyResultId);
  const behind = record !== undefined && counted !== linked;
  const changed = written || behind;
  // an issue the rollup does not store yet is read from Jira on a link (as the first time)
  const maintain = changed || (linked && record === undefined);
  const maintenance = maintenanceFor(ports, settings);
  const { records, below } = maintain
    ? await withRollupRetry(() =>
        linksChangedBelow(maintenance, payload.issueKey, objective.id, {
          objectiveId: objective.id,
          keyResultId: payload.keyResultId,
          linked,
        }),
      )
    : { records: [], below: [] };
  // a link whose first call stopped before the issue was stored: stored now, it counts the link
  const nowStored = !changed && maintain && (await ports.rollups.getIssues([payload.issueKey])).has(payload.issueKey);
  // written even when nothing changed: a call that failed at Jira after storing its change is completed
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
    changed: changed || nowStored,
    rollup,
    properties,
    descendants: below,
  };
}

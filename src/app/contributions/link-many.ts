/**
 * contributions/link-many: several issues linked to one objective (or one of its key results) in
 * one call — the project page's "Link 3 to…" and its JQL linking. What the objective decides is
 * checked once, before any link (the caller sees it; it takes links; the key result exists): a
 * refusal there refuses the whole call, and nothing is written. Then each issue is linked as
 * contributions/link links it (changeLink: EDIT_ISSUES on that issue asked of Jira as the caller,
 * the link, its rollup, the issue property), one after the other, so that two links into the same
 * rollups never race. An issue refused (no permission, storage over its quota, Jira busy) is
 * answered with its error and the others go on (each link sees the links and issue records the
 * ones before it wrote, though Forge's queries lag them: own-writes.ts); calling again with the same issues completes what
 * was refused half-way and changes nothing that is already linked (changeLink is idempotent).
 */
import type { ContributionChange, LinkManyPayload, LinkManyResult } from '../../contract/api';
import type { AppError } from '../../contract';
import { AppFailure, validationFailure } from '../app-failure';
import { ObjectiveAccess } from '../objectives/objective-access';
import type { ObjectivePorts } from '../objectives/objective-ports';
import { changeLink } from './change-link';
import { seeingOwnWrites } from './own-writes';

type One =
  { issueKey: string; ok: true; change: ContributionChange } | { issueKey: string; ok: false; error: AppError };

export async function linkMany(ports: ObjectivePorts, payload: LinkManyPayload): Promise<LinkManyResult> {
  ports.permissions.requireUser();
  const [settings, stored] = await Promise.all([ports.settings.get(), ports.objectiveStore.get(payload.objectiveKey)]);
  const access = new ObjectiveAccess(ports.permissions, ports.workgroups, settings.levels);
  const objective = await access.requireView(payload.objectiveKey, stored);
  const refused = 'The issues were not linked';
  if (payload.keyResultId !== null && !objective.keyResults.some((k) => k.id === payload.keyResultId)) {
    throw validationFailure(refused, [
      { path: 'keyResultId', message: `${objective.key} has no key result "${payload.keyResultId}"` },
    ]);
  }
  if (!access.canLink(objective)) {
    throw validationFailure(refused, [
      { path: 'objectiveKey', message: `${objective.key} is archived; work cannot be linked to it` },
    ]);
  }
  // each link counts the ones made before it in this call, though the queries lag them
  const own = seeingOwnWrites(ports.rollups);
  const linkPorts: ObjectivePorts = { ...ports, rollups: own.store };
  const results: One[] = [];
  for (const issueKey of payload.issueKeys) {
    try {
      const change = await changeLink(
        linkPorts,
        { issueKey, objectiveKey: objective.key, keyResultId: payload.keyResultId },
        true,
      );
      own.linked({ issueKey, objectiveId: objective.id, keyResultId: payload.keyResultId });
      results.push({ issueKey, ok: true, change });
    } catch (error) {
      if (error instanceof AppFailure) {
        results.push({ issueKey, ok: false, error: error.toError() });
        continue;
      }
      // a bug on one issue: logged, answered for that issue, the others still linked
      ports.log.error('link failed', { issueKey, objectiveKey: objective.key }, error);
      results.push({
        issueKey,
        ok: false,
        error: { code: 'INTERNAL', message: 'Tether could not complete this; the error has been logged.' },
      });
    }
  }
  return { objectiveKey: objective.key, keyResultId: payload.keyResultId, results };
}

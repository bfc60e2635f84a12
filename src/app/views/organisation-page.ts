import { byObjectiveKey, compareObjectiveKeys } from '../../contract';
import {
  NO_WORKGROUP,
  type OrganisationEntry,
  type OrganisationView,
  type OrganisationViewPayload,
} from '../../contract/api';
import type { RollupStatus } from '../../contract/rollup';
import { validationFailure } from '../app-failure';
import { ObjectiveAccess } from '../objectives/objective-access';
import type { ObjectivePorts } from '../objectives/objective-ports';
import { viewOf, type StoredObjective } from '../objectives/stored-objective';
import { currentPeriod } from './project-page';

/** The filters of a payload as sets; null where the payload narrows nothing. */
function setOf<T>(values: readonly T[] | undefined): ReadonlySet<T> | null {
  return values === undefined || values.length === 0 ? null : new Set(values);
}

/** The objective `under` and every one below it by primary parent, among `objectives`. */
function subtreeOf(objectives: readonly StoredObjective[], under: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const o of objectives) {
    if (o.parentId === null) continue;
    const list = children.get(o.parentId);
    if (list === undefined) children.set(o.parentId, [o.key]);
    else list.push(o.key);
  }
  const keys = new Set<string>();
  for (let queue = [under]; queue.length > 0;) {
    const key = queue.pop() as string;
    if (keys.has(key)) continue; // a loop of parents ends here
    keys.add(key);
    queue = [...queue, ...(children.get(key) ?? [])];
  }
  return keys;
}

/**
 * organisation/view: the organisation's objectives of one period across every project and
 * workgroup, as far as the caller may see them (ObjectiveAccess.canView, the rules of every other
 * read: restricted objectives only to their owner, their workgroup and Jira administrators; public
 * ones to whoever may browse one of their workgroup's projects), filtered by level, workgroup,
 * rollup status, owner and subtree, a page at a time by key.
 *
 * Storage is read in bounded waves whatever the page: the settings beside the workgroup
 * directory; the period's objectives (the `by-period` query page after page, with those its usage
 * record names that the query does not show yet: src/ports/objectives.ts ofPeriods); then the
 * rollups of the page and its context only — or, with a status filter, of every objective the
 * caller may see (the status is the rollup's). Jira is asked once per project (browse) and once
 * whether the caller is an administrator, whatever the number of objectives.
 */
export async function organisationView(
  ports: ObjectivePorts,
  payload: OrganisationViewPayload,
): Promise<OrganisationView> {
  ports.permissions.requireUser();
  const [settings, workgroups] = await Promise.all([ports.settings.get(), ports.workgroups.list()]);
  if (payload.periodId !== undefined && !settings.periods.some((p) => p.id === payload.periodId)) {
    throw validationFailure(`There is no period "${payload.periodId}"`, [
      { path: 'periodId', message: `there is no period "${payload.periodId}"` },
    ]);
  }
  const periodId = payload.periodId ?? currentPeriod(settings.periods, ports.clock.now())?.id ?? null;
  const listed = await ports.objectiveStore.ofPeriods(
    periodId === null ? settings.periods.map((p) => p.id) : [periodId],
  );
  const access = new ObjectiveAccess(ports.permissions, ports.workgroups, settings.levels, { siteAdmin: 'view' });
  access.remember(workgroups);
  const seen = (await access.visible([...listed].sort(byObjectiveKey))).filter(
    (o) => periodId === null || o.periodId === periodId,
  );

  const levels = setOf(payload.levelIds);
  const groups = setOf(payload.workgroupIds);
  const owners = setOf(payload.owners);
  const statuses = setOf<RollupStatus>(payload.statuses);
  const subtree = payload.under === undefined ? null : subtreeOf(seen, payload.under);
  let matching = seen.filter(
    (o) =>
      (levels === null || levels.has(o.levelId)) &&
      (groups === null || groups.has(o.workgroupId ?? NO_WORKGROUP)) &&
      (owners === null || owners.has(o.owner)) &&
      (subtree === null || subtree.has(o.key)),
  );
  // the status is the rollup's: with a status filter, the figures of every candidate are read first
  const rollups = new Map<string, OrganisationEntry['rollup']>();
  const readRollups = async (ids: readonly string[]) => {
    const wanted = ids.filter((id) => !rollups.has(id));
    if (wanted.length === 0) return;
    const read = await ports.rollups.getRollups(wanted);
    for (const id of wanted) rollups.set(id, read.get(id)?.record ?? null);
  };
  if (statuses !== null) {
    await readRollups(matching.map((o) => o.id));
    matching = matching.filter((o) => statuses.has(rollups.get(o.id)?.status ?? 'no-measure'));
  }

  const after = payload.after;
  const from = after === undefined ? matching : matching.filter((o) => compareObjectiveKeys(o.key, after) > 0);
  const page = from.slice(0, payload.limit);
  const next = from.length > page.length ? (page[page.length - 1]?.key ?? null) : null;

  // the objectives above the page by primary parent that the caller sees, for the tree's context
  const byKey = new Map(seen.map((o) => [o.key, o] as const));
  const onPage = new Set(page.map((o) => o.key));
  const context = new Map<string, StoredObjective>();
  for (const o of page) {
    for (let at = o.parentId; at !== null && !onPage.has(at) && !context.has(at);) {
      const parent = byKey.get(at);
      if (parent === undefined) break;
      context.set(at, parent);
      at = parent.parentId;
    }
  }
  const contextList = [...context.values()].sort(byObjectiveKey);
  await readRollups([...page, ...contextList].map((o) => o.id));
  const entry = (o: StoredObjective): OrganisationEntry => ({
    objective: viewOf(o),
    rollup: rollups.get(o.id) ?? null,
  });

  return {
    periodId,
    levels: settings.levels,
    periods: settings.periods,
    workgroups: workgroups.map((w) => ({ id: w.id, name: w.name })),
    entries: page.map(entry),
    context: contextList.map(entry),
    total: matching.length,
    next,
    owners: [...new Set(seen.map((o) => o.owner))].sort(),
  };
}

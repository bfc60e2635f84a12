import { byObjectiveKey, compareObjectiveKeys, objectiveKeyOf } from '../../contract';
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

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The objectives of these periods, by key, read in two waves whatever their number: every
 * workgroup's roster (by key: current at once), the periods' usage records (the objectives that
 * joined them last) and the highest objective number given out, together; then, in one wave of
 * parallel batches, every objective named and every number no roster holds — the objectives of no
 * workgroup are among those (every stored objective's number is below the store's counter), read
 * by key instead of their query's pages one after another (75 at 5,000 objectives, 20 a page). A
 * workgroup whose roster predates rosters is listed by its query. Each objective as read by key
 * where it was read so.
 */
async function periodObjectives(
  ports: ObjectivePorts,
  workgroupIds: readonly string[],
  periodIds: readonly string[],
): Promise<StoredObjective[]> {
  const wanted = new Set(periodIds);
  const [rosterParts, latest, lastNumber] = await Promise.all([
    // a batch read holds 25 keys (Forge's limit): the rosters are asked 25 at a time, all at once
    Promise.all(chunks(workgroupIds, 25).map((ids) => ports.objectiveStore.rosters(ids))),
    ports.objectiveStore.latestKeys('period', periodIds),
    ports.objectiveStore.lastNumber(),
  ]);
  const rosters = new Map(rosterParts.flatMap((part) => [...part]));
  const named = new Set<string>();
  const rostered = new Set<string>();
  for (const roster of rosters.values())
    for (const m of roster.members) {
      rostered.add(m.key);
      if (wanted.has(m.periodId)) named.add(m.key);
    }
  for (const keys of latest.values()) for (const key of keys) named.add(key);
  const loose: string[] = [];
  for (let n = 1; n <= lastNumber; n += 1) {
    const key = objectiveKeyOf(n);
    if (!rostered.has(key) && !named.has(key)) loose.push(key);
  }
  const [read, queried] = await Promise.all([
    ports.objectiveStore.getMany([...named, ...loose]),
    Promise.all(workgroupIds.filter((id) => !rosters.has(id)).map((id) => ports.objectiveStore.ofWorkgroup(id))),
  ]);
  const all = new Map<string, StoredObjective>();
  for (const o of queried.flat()) all.set(o.key, o);
  // read by key: current. Of the numbers no roster holds, only the objectives of no workgroup (the
  // others belong to a workgroup listed by its query above, or to none listed: as before, not shown)
  for (const o of read.values()) if (named.has(o.key) || o.workgroupId === null) all.set(o.key, o);
  return [...all.values()].filter((o) => wanted.has(o.periodId)).sort(byObjectiveKey);
}

/**
 * Asks Jira, while storage is read, what the visibility rule (ObjectiveAccess.canView, which
 * decides) will want to know, so that it finds each answer in the invocation's cache: whether the
 * caller may browse the projects of the workgroups they are not in (any of those may hold a public
 * objective), in one call (Permissions.prefetchBrowseProjects: Jira's "Get permitted projects"),
 * and whether they are a Jira administrator (restricted objectives of other workgroups). A cache
 * warm-up only: nothing is decided here.
 */
function askJiraMeanwhile(
  ports: ObjectivePorts,
  workgroups: readonly { projects: readonly string[]; leads: readonly string[]; members: readonly string[] }[],
): Promise<unknown> {
  const projects = new Set<string>();
  for (const w of workgroups) {
    if (ports.permissions.isLeadOf(w) || ports.permissions.isMemberOf(w)) continue;
    for (const p of w.projects) projects.add(p);
  }
  const asked = Promise.all([ports.permissions.prefetchBrowseProjects([...projects]), ports.permissions.isSiteAdmin()]);
  asked.catch(() => undefined); // awaited by the caller once storage is read; a failure surfaces there
  return asked;
}

/**
 * organisation/view: the organisation's objectives of one period across every project and
 * workgroup, as far as the caller may see them (ObjectiveAccess.canView, the rules of every other
 * read: restricted objectives only to their owner, their workgroup and Jira administrators; public
 * ones to whoever may browse one of their workgroup's projects), filtered by level, workgroup,
 * rollup status, owner and subtree, a page at a time by key.
 *
 * Storage is read in a few waves whatever the organisation's size: the settings beside the
 * workgroup directory; the period's objectives (periodObjectives: rosters, then by key); then the
 * rollups of the page and its context only — or, with a status filter, of every objective the
 * caller may see (the status is the rollup's). Jira is asked, in two calls made while the
 * objectives are read, which projects the caller may browse and whether they are an administrator.
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
  const jira = askJiraMeanwhile(ports, workgroups);
  const listed = await periodObjectives(
    ports,
    workgroups.map((w) => w.id),
    periodId === null ? settings.periods.map((p) => p.id) : [periodId],
  );
  await jira;
  const access = new ObjectiveAccess(ports.permissions, ports.workgroups, settings.levels, { siteAdmin: 'view' });
  access.remember(workgroups);
  const seen = await access.visible(listed);

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

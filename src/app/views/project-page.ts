import { byObjectiveKey, type Period } from '../../contract';
import {
  byWorkgroupName,
  type ProjectObjectiveRow,
  type ProjectPageFeedback,
  type ProjectPagePayload,
  type ProjectPageView,
} from '../../contract/api';
import { targetsOf } from '../../domain/hierarchy';
import { addTallies, emptyFeedbackTally, feedbackSummary, isEmptyTally } from '../../domain/prompts/feedback';
import { ObjectiveAccess } from '../objectives/objective-access';
import type { ObjectivePorts } from '../objectives/objective-ports';
import type { StoredObjective } from '../objectives/stored-objective';
import { rowOf } from './project-page-row';

/** The open period that contains `now` (UTC dates), the shortest when several do (a quarter before its year); null when none. */
export function currentPeriod(periods: readonly Period[], now: number): Period | null {
  const today = new Date(now).toISOString().slice(0, 10);
  const days = (p: Period) => Date.parse(p.end) - Date.parse(p.start);
  const open = periods.filter((p) => p.state === 'open' && p.start <= today && today <= p.end);
  return open.sort((a, b) => days(a) - days(b))[0] ?? null;
}

type Rollups = Awaited<ReturnType<ObjectivePorts['rollups']['getRollups']>>;

/** The rollups read, with those of `missing` (objectives whose id is not their key, if any) read and added. */
async function withRollupsOf(ports: ObjectivePorts, missing: readonly string[], rollups: Rollups): Promise<Rollups> {
  if (missing.length === 0) return rollups;
  return new Map([...rollups, ...(await ports.rollups.getRollups(missing))]);
}

/**
 * The objectives of each workgroup: its `by-workgroup` query, and beside it (in the same wave) the
 * workgroups' usage records, which name the objectives that joined each last. Forge's queries lag
 * writes, so one created or moved into the workgroup a moment ago (the caller's own, say) may be
 * named only there: those are read by key, in one wave more, only when a query is behind.
 */
async function ofWorkgroups(ports: ObjectivePorts, ids: readonly string[]): Promise<StoredObjective[][]> {
  const [queried, latest] = await Promise.all([
    Promise.all(ids.map((id) => ports.objectiveStore.ofWorkgroup(id))),
    ports.objectiveStore.latestKeys('workgroup', ids),
  ]);
  const behind = ids.flatMap((id, i) => {
    const listed = new Set(queried[i]?.map((o) => o.key));
    return (latest.get(id) ?? []).filter((key) => !listed.has(key));
  });
  if (behind.length === 0) return queried;
  const caughtUp = await ports.objectiveStore.getMany(behind);
  // read by key, each is where it is now: one moved here from another workgroup leaves that one's (stale) list
  const current = [...caughtUp.values()];
  return ids.map((id, i) =>
    [...(queried[i] ?? []).filter((o) => !caughtUp.has(o.key)), ...current.filter((o) => o.workgroupId === id)].sort(
      byObjectiveKey,
    ),
  );
}

/**
 * The objectives of each workgroup and the keys of those they serve, by its roster (read by key,
 * current: src/forge/store/workgroup-roster.ts) where it has a complete one, else by its query
 * (ofWorkgroups, waves more). `own` holds keys for roster workgroups (read with everything else in
 * the next wave) and records for queried ones.
 */
async function listedOf(
  ports: ObjectivePorts,
  ids: readonly string[],
  periodId: string | null,
): Promise<{ own: Array<{ keys: string[] } | { records: StoredObjective[] }>; targets: string[] }> {
  const rosters = await ports.objectiveStore.rosters(ids);
  const queriedIds = ids.filter((id) => !rosters.has(id));
  const queried = new Map(
    (await ofWorkgroups(ports, queriedIds)).map((list, i) => [queriedIds[i] as string, list] as const),
  );
  const targets = new Set<string>();
  const own = ids.map((id) => {
    const roster = rosters.get(id);
    if (roster === undefined) {
      const records = queried.get(id) ?? [];
      for (const o of records) for (const t of targetsOf(o)) targets.add(t);
      return { records };
    }
    const members = roster.members.filter((m) => periodId === null || m.periodId === periodId);
    for (const m of members) for (const t of m.targets) targets.add(t);
    return { keys: members.map((m) => m.key) };
  });
  return { own, targets: [...targets] };
}

/** What both project-page keys read first: the settings, the period, the project's workgroups and who may see what. */
async function pageWorkgroups(ports: ObjectivePorts, payload: ProjectPagePayload) {
  const { projectKey } = payload;
  const [, settings, workgroupIds] = await Promise.all([
    ports.permissions.requireBrowseProject(projectKey),
    ports.settings.get(),
    ports.workgroups.idsByProject(projectKey),
  ]);
  const periodId = payload.periodId ?? currentPeriod(settings.periods, ports.clock.now())?.id ?? null;
  const [found, listed] = await Promise.all([
    ports.workgroups.getMany(workgroupIds),
    listedOf(ports, workgroupIds, periodId),
  ]);
  // by name, as the workgroup store lists them (a workgroup that left the project a moment ago is left out)
  const inProject = workgroupIds.flatMap((id, i) => {
    const w = found.get(id);
    return w !== undefined && w.projects.includes(projectKey) ? [{ w, own: listed.own[i] }] : [];
  });
  inProject.sort((a, b) => byWorkgroupName(a.w, b.w));
  const workgroups = inProject.map((x) => x.w);
  const access = new ObjectiveAccess(ports.permissions, ports.workgroups, settings.levels, {
    browsable: [projectKey],
    siteAdmin: 'view',
  });
  access.remember(workgroups);
  const onPage = new Set(
    inProject.flatMap(({ own }) => (own === undefined ? [] : 'keys' in own ? own.keys : own.records.map((o) => o.key))),
  );
  return { settings, periodId, inProject, workgroups, access, onPage, targets: listed.targets };
}

/** Each workgroup's shown objectives of the period, each as read by key, current. */
async function shownPerWorkgroup(
  page: Awaited<ReturnType<typeof pageWorkgroups>>,
  records: ReadonlyMap<string, StoredObjective>,
): Promise<StoredObjective[][]> {
  const { inProject, periodId, access } = page;
  // a roster is written with its objectives, so each it names is in the workgroup; a query may still
  // list one that moved away, or show it as it was
  const perWorkgroup = inProject.map(({ w, own }) => {
    const keys = own === undefined ? [] : 'keys' in own ? own.keys : own.records.map((o) => o.key);
    return keys
      .flatMap((k) => {
        const o = records.get(k);
        return o !== undefined && o.workgroupId === w.id ? [o] : [];
      })
      .sort(byObjectiveKey);
  });
  return Promise.all(
    perWorkgroup.map((list) => access.visible(list.filter((o) => periodId === null || o.periodId === periodId))),
  );
}

/**
 * project-page/feedback: what the prompts about each workgroup's shown objectives and its alignment
 * gaps yielded, together (its header's figures), asked by the page after its first screen so the
 * view need not read every objective's feedback. The same reads and rules as the view for which
 * objectives are shown; then their feedback and the workgroups', in the same wave as the objectives.
 */
export async function projectPageFeedback(
  ports: ObjectivePorts,
  payload: ProjectPagePayload,
): Promise<ProjectPageFeedback> {
  const page = await pageWorkgroups(ports, payload);
  const [records, read] = await Promise.all([
    ports.objectiveStore.getMany([...page.onPage]),
    ports.prompting.feedback.read(
      [...page.onPage],
      page.workgroups.map((w) => w.id),
    ),
  ]);
  const shownPer = await shownPerWorkgroup(page, records);
  return {
    projectKey: payload.projectKey,
    periodId: page.periodId,
    workgroups: page.workgroups.map((w, i) => {
      const tally = addTallies(
        read.workgroups.get(w.id) ?? emptyFeedbackTally(),
        ...(shownPer[i] ?? []).map((o) => read.objectives.get(o.id)?.own ?? emptyFeedbackTally()),
      );
      return { id: w.id, feedback: isEmptyTally(tally) ? null : feedbackSummary(tally) };
    }),
  };
}

/**
 * project-page/view: everything the project page's first screen shows, in one call, from stored records only:
 * the project's workgroups (their ids from the workgroup directory, then their records), their
 * objectives of the period (each workgroup's roster names them, read by key: current at once,
 * where a query lags writes), the objectives those align to, and every one's rollup record and
 * feedback. Jira is asked only whether the caller may browse the project (and, for an aligned
 * objective of a workgroup in other projects, whether they may see it). Restricted objectives of a
 * workgroup are shown to its leads and members (and owners, admins) only.
 *
 * Each objective is a row (project-page-row.ts: what the tree, the filters, the link pickers and
 * the CSV show; an open detail asks project-page/objective for the rest) with `can`, what the
 * caller may do with it, and the page and each workgroup with whether the caller may create
 * objectives there: the rules of the change keys
 * (ObjectiveAccess), on the records already read. Whether the caller is a Jira administrator is
 * taken from the browse grant remembered with it (Permissions.isSiteAdminForView), so `can` costs
 * no Jira call and no storage read; the change keys ask Jira again.
 *
 * Storage is read in 3 waves (docs/benchmarks.md, `page.kvs.waves`): the remembered grant beside
 * the settings and the workgroup directory (a refusal answers nothing of what was read with it);
 * the project's workgroups beside their rosters; then, together, every objective on the page and
 * every one it serves, with the rollups of all of them and the feedback of the workgroups' own (an
 * objective's id is its key, src/app/objectives/stored-objective.ts, so nothing waits for the
 * records). One wave more only for
 * an aligned objective of a workgroup outside the project (its workgroup decides who sees it) and
 * for a workgroup whose roster predates rosters (its query, page after page).
 */
export async function projectPageView(ports: ObjectivePorts, payload: ProjectPagePayload): Promise<ProjectPageView> {
  const { projectKey } = payload;
  const page = await pageWorkgroups(ports, payload);
  const { settings, periodId, workgroups, access, onPage } = page;

  // every objective on the page and every one it serves, with their rollups, in one wave: an
  // objective's id is its key, so the rollups need not wait for the records
  const targetKeys = page.targets.filter((k) => !onPage.has(k));
  const speculated = [...onPage, ...targetKeys];
  const [records, rollupsRead] = await Promise.all([
    ports.objectiveStore.getMany(speculated),
    ports.rollups.getRollups(speculated),
  ]);
  const shownPer = await shownPerWorkgroup(page, records);
  const shown = shownPer.flat();
  const shownKeys = new Set(shown.map((o) => o.key));
  const targetRecords = new Map(
    [...new Set(shown.flatMap((o) => targetsOf(o)))]
      .filter((k) => !shownKeys.has(k))
      .flatMap((k) => {
        const o = records.get(k);
        return o === undefined ? [] : [[k, o] as const];
      }),
  );
  const targets = await access.visible([...targetRecords.values()]);
  const rollups = await withRollupsOf(
    ports,
    targets.map((o) => o.id).filter((id) => !speculated.includes(id)),
    rollupsRead,
  );
  // a row of the tree, no more (project-page-row.ts): the detail asks project-page/objective for the
  // whole entry; why its status is not served: the page derives it from the record with `statusPolicy`
  const entry = async (o: StoredObjective): Promise<ProjectObjectiveRow> =>
    rowOf(o, rollups.get(o.id)?.record ?? null, await access.can(o));
  const [ownEntries, alignedEntries] = await Promise.all([
    Promise.all(shownPer.map((list) => Promise.all(list.map(entry)))),
    Promise.all(targets.map(entry)),
  ]);
  // objectives/create: at the top level or without a workgroup, and of each workgroup below the top level
  const lowest = settings.levels[settings.levels.length - 1]?.id ?? '';
  const [createAnywhere, createIn] = await Promise.all([
    access.canManage({ workgroupId: null, levelId: settings.levels[0]?.id ?? '' }),
    Promise.all(workgroups.map((w) => access.canManage({ workgroupId: w.id, levelId: lowest }))),
  ]);
  const owners = new Set<string>();
  for (const o of [...shown, ...targets]) {
    owners.add(o.owner);
    for (const kr of o.keyResults) owners.add(kr.owner);
  }
  return {
    projectKey,
    periodId,
    levels: settings.levels,
    periods: settings.periods,
    statusPolicy: {
      atRiskLag: settings.rollupPolicy.atRiskLag,
      offTrackLag: settings.rollupPolicy.offTrackLag,
      checkInCadenceDays: settings.rollupPolicy.checkInCadenceDays,
    },
    defaultWeights: {
      child: settings.rollupPolicy.defaultChildWeight,
      keyResult: settings.rollupPolicy.defaultKeyResultWeight,
    },
    can: { create: createAnywhere },
    workgroups: workgroups.map((w, i) => ({
      ...w,
      youLead: ports.permissions.isLeadOf(w),
      can: { create: createIn[i] ?? false },
      objectives: ownEntries[i] ?? [],
      // project-page/feedback's, asked after the first screen
      feedback: null,
    })),
    aligned: alignedEntries,
    owners: [...owners].sort(),
  };
}

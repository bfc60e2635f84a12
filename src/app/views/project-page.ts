import { byObjectiveKey, type Period } from '../../contract';
import type { ProjectObjectiveEntry, ProjectPagePayload, ProjectPageView } from '../../contract/api';
import { targetsOf } from '../../domain/hierarchy';
import {
  addTallies,
  emptyFeedbackTally,
  feedbackSummary,
  isEmptyTally,
  objectiveFeedback,
} from '../../domain/prompts/feedback';
import { ObjectiveAccess } from '../objectives/objective-access';
import type { ObjectivePorts } from '../objectives/objective-ports';
import { viewOf, type StoredObjective } from '../objectives/stored-objective';

/** The open period that contains `now` (UTC dates), the shortest when several do (a quarter before its year); null when none. */
export function currentPeriod(periods: readonly Period[], now: number): Period | null {
  const today = new Date(now).toISOString().slice(0, 10);
  const days = (p: Period) => Date.parse(p.end) - Date.parse(p.start);
  const open = periods.filter((p) => p.state === 'open' && p.start <= today && today <= p.end);
  return open.sort((a, b) => days(a) - days(b))[0] ?? null;
}

type Figures = [
  Awaited<ReturnType<ObjectivePorts['rollups']['getRollups']>>,
  Awaited<ReturnType<ObjectivePorts['prompting']['feedback']['read']>>,
];

/** The figures read, with those of `missing` (objectives whose id is not their key, if any) read and added. */
async function withFiguresOf(
  ports: ObjectivePorts,
  missing: readonly string[],
  ...[rollups, feedback]: Figures
): Promise<Figures> {
  if (missing.length === 0) return [rollups, feedback];
  const [moreRollups, more] = await Promise.all([
    ports.rollups.getRollups(missing),
    ports.prompting.feedback.read(missing, []),
  ]);
  return [
    new Map([...rollups, ...moreRollups]),
    { objectives: new Map([...feedback.objectives, ...more.objectives]), workgroups: feedback.workgroups },
  ];
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
 * project-page/view: everything the project page shows, in one call, from stored records only:
 * the project's workgroups (one prefix query, one batch), their objectives of the period (the
 * objective entity's `by-workgroup` index, with those its usage records name that the index does
 * not show yet), the objectives those align to (one batch), and every
 * one's rollup record and feedback (batches of 25). Jira is asked only whether the caller may browse the
 * project (and, for an aligned objective of a workgroup in other projects, whether they may see it).
 * Restricted objectives of a workgroup are shown to its leads and members (and owners, admins) only.
 *
 * Each objective comes with `can`, what the caller may do with it, and the page and each workgroup
 * with whether the caller may create objectives there: the rules of the change keys
 * (ObjectiveAccess), on the records already read. Whether the caller is a Jira administrator is
 * taken from the browse grant remembered with it (Permissions.isSiteAdminForView), so `can` costs
 * no Jira call and no storage read; the change keys ask Jira again.
 *
 * Storage is read in waves, each waiting for the one before only where it needs its answer: the
 * remembered grant (alone, so a refusal reads nothing else); the settings with the project's
 * workgroups; their objectives (a query page after page, the usage records beside it, and by key
 * any objective only those name); then, together, the aligned objectives
 * and the rollups and feedback of all of them (docs/benchmarks.md, `page.kvs.waves`).
 */
export async function projectPageView(ports: ObjectivePorts, payload: ProjectPagePayload): Promise<ProjectPageView> {
  const { projectKey } = payload;
  await ports.permissions.requireBrowseProject(projectKey);
  const [settings, workgroups] = await Promise.all([ports.settings.get(), ports.workgroups.listByProject(projectKey)]);
  const periodId = payload.periodId ?? currentPeriod(settings.periods, ports.clock.now())?.id ?? null;
  const access = new ObjectiveAccess(ports.permissions, ports.workgroups, settings.levels, {
    browsable: [projectKey],
    siteAdmin: 'view',
  });
  access.remember(workgroups);

  const perWorkgroup = await ofWorkgroups(
    ports,
    workgroups.map((w) => w.id),
  );
  const shownPer = await Promise.all(
    perWorkgroup.map((list) => access.visible(list.filter((o) => periodId === null || o.periodId === periodId))),
  );
  const shown = shownPer.flat();
  const shownKeys = new Set(shown.map((o) => o.key));

  // the objectives these align to, and the rollups and feedback of every objective on the page, in
  // one wave: an objective's id is its key (src/app/objectives/stored-objective.ts), so the aligned
  // ones' records and figures need not wait for one another
  const targetKeys = [...new Set(shown.flatMap((o) => targetsOf(o)))].filter((k) => !shownKeys.has(k));
  const speculated = [...shown.map((o) => o.id), ...targetKeys];
  const [targetRecords, rollupsRead, feedbackRead] = await Promise.all([
    ports.objectiveStore.getMany(targetKeys),
    ports.rollups.getRollups(speculated),
    ports.prompting.feedback.read(
      speculated,
      workgroups.map((w) => w.id),
    ),
  ]);
  const targets = await access.visible([...targetRecords.values()]);
  const [rollups, { objectives: feedback, workgroups: workgroupFeedback }] = await withFiguresOf(
    ports,
    targets.map((o) => o.id).filter((id) => !speculated.includes(id)),
    rollupsRead,
    feedbackRead,
  );
  const entry = async (o: StoredObjective): Promise<ProjectObjectiveEntry> => {
    const f = feedback.get(o.id);
    return {
      objective: viewOf(o),
      rollup: rollups.get(o.id)?.record ?? null,
      can: await access.can(o),
      feedback: f === undefined ? null : objectiveFeedback(f.own, f.subtree),
    };
  };
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
  // a workgroup's feedback: its shown objectives' own prompts and its alignment gaps, together
  const feedbackOf = (workgroupId: string, objectives: readonly StoredObjective[]) => {
    const tally = addTallies(
      workgroupFeedback.get(workgroupId) ?? emptyFeedbackTally(),
      ...objectives.map((o) => feedback.get(o.id)?.own ?? emptyFeedbackTally()),
    );
    return isEmptyTally(tally) ? null : feedbackSummary(tally);
  };

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
    can: { create: createAnywhere },
    workgroups: workgroups.map((w, i) => ({
      ...w,
      youLead: ports.permissions.isLeadOf(w),
      can: { create: createIn[i] ?? false },
      objectives: ownEntries[i] ?? [],
      feedback: feedbackOf(w.id, shownPer[i] ?? []),
    })),
    aligned: alignedEntries,
    owners: [...owners].sort(),
  };
}

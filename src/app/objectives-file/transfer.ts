/**
 * objectives-file/export and objectives-file/import: the whole hierarchy as one file, out of and
 * into the stores. Export reads everything (settings, workgroups, every period's objectives, each
 * objective's links) and writes it with exportObjectivesFile. Import reads the file
 * (parseObjectivesFile), plans it against the stored hierarchy (planImport) and, as a preview,
 * answers the summary and every problem with its path; applied, it writes nothing unless the whole
 * file passes, then writes settings, workgroups, objectives (parents first, each rolled up),
 * links (each issue's rollup and issue property following), counting as it goes.
 */
import { stringify } from 'yaml';
import { Workgroup, type Contribution, type ErrorDetail, type KeyResult, type ObjectivesFile } from '../../contract';
import type { JiraPort } from '../../ports';
import { WorkgroupRecord, type ImportProgress, type ObjectivesFileExport, type ObjectivesFileImportPayload, type ObjectivesFileImportResult, type Settings } from '../../contract/api';
import { bottomUpOrder } from '../../domain/hierarchy';
import { sameData } from '../../domain/same-data';
import { validationFailure } from '../app-failure';
import { issueLinkKey } from '../contributions/contribution-store';
import { syncIssueProperties } from '../contributions/issue-properties';
import { maintenanceFor, withRollupRetry, type ObjectivePorts } from '../objectives/objective-ports';
import { rollUp } from '../objectives/save-objective';
import { keyResultId, objectiveNumber, objectiveOf, type StoredObjective } from '../objectives/stored-objective';
import { linksChanged } from '../rollup/maintain-rollups';
import { exportObjectivesFile } from './export-objectives-file';
import { byKeyResultKey, type Hierarchy } from './hierarchy';
import { parseObjectivesFile } from './parse-objectives-file';
import { planImport } from './plan-import';

interface Stored {
  settings: Settings;
  workgroups: WorkgroupRecord[];
  objectives: StoredObjective[];
  contributions: Contribution[];
  hierarchy: Hierarchy;
}

/** Everything the file describes, as stored: one query per period and one per objective for its links. */
async function readStored(ports: ObjectivePorts): Promise<Stored> {
  const settings = await ports.settings.get();
  const [workgroups, objectives] = await Promise.all([ports.workgroups.list(), ports.objectiveStore.ofPeriods(settings.periods.map((p) => p.id))]);
  const contributions = (await Promise.all(objectives.map((o) => ports.contributions.ofObjective(o.id)))).flat();
  return {
    settings,
    workgroups,
    objectives,
    contributions,
    hierarchy: {
      levels: settings.levels,
      periods: settings.periods,
      workgroups: workgroups.map((w) => Workgroup.parse(w)),
      objectives: objectives.map(objectiveOf),
      keyResults: objectives.flatMap((o) => o.keyResults),
      contributions,
    },
  };
}

/** objectives-file/export (Jira administrators): the whole hierarchy as YAML, in a stable order. */
export async function exportObjectives(ports: ObjectivePorts): Promise<ObjectivesFileExport> {
  await ports.permissions.requireSiteAdmin('export the objectives file');
  const stored = await readStored(ports);
  const file = exportObjectivesFile(stored.hierarchy);
  return {
    text: stringify(file, { lineWidth: 0 }),
    objectives: file.objectives.length,
    keyResults: file.objectives.reduce((n, o) => n + o.keyResults.length, 0),
    links: stored.contributions.length,
  };
}

/** Problems of the workgroups the file brings: projects Jira does not have, names used twice. */
async function workgroupProblems(ports: ObjectivePorts, file: Hierarchy['workgroups'], current: WorkgroupRecord[], merged: Hierarchy['workgroups']): Promise<ErrorDetail[]> {
  const problems: ErrorDetail[] = [];
  const byId = new Map(current.map((w) => [w.id, w]));
  for (const [i, w] of file.entries()) {
    const before = byId.get(w.id);
    for (const [j, project] of w.projects.entries()) {
      if (before?.projects.includes(project)) continue;
      if (!(await ports.permissions.canBrowseProject(project))) problems.push({ path: `workgroups.${i}.projects.${j}`, message: `there is no Jira project ${project} (or you cannot see it)` });
    }
    const clash = merged.find((o) => o.id !== w.id && o.name.toLowerCase() === w.name.toLowerCase());
    if (clash) problems.push({ path: `workgroups.${i}.name`, message: `workgroup "${w.id}" and workgroup "${clash.id}" are both named "${w.name}"` });
  }
  return problems;
}

/**
 * Issues the file links that Jira does not have (or that the importer cannot see): refused before
 * anything is written, each at its place in the file, since a link to nothing would fail half-way.
 */
async function missingIssues(jira: JiraPort, file: ObjectivesFile): Promise<ErrorDetail[]> {
  const places: { key: string; path: string }[] = [];
  file.objectives.forEach((o, i) => {
    o.issues.forEach((key, j) => places.push({ key, path: `objectives.${i}.issues.${j}` }));
    o.keyResults.forEach((kr, k) => kr.issues.forEach((key, j) => places.push({ key, path: `objectives.${i}.keyResults.${k}.issues.${j}` })));
  });
  if (places.length === 0) return [];
  const found = new Set((await jira.getIssues([...new Set(places.map((p) => p.key))])).map((i) => i.key));
  return places.filter((p) => !found.has(p.key)).map((p) => ({ path: p.path, message: `there is no Jira issue ${p.key} (or it cannot be seen)` }));
}

/** The stored form of a planned objective: its key results in key order and the next key-result number. */
function storedForm(o: Hierarchy['objectives'][number], keyResults: KeyResult[], before: StoredObjective | undefined): StoredObjective {
  const mine = keyResults.filter((k) => k.objectiveId === o.id).sort(byKeyResultKey);
  const next = Math.max(before?.nextKeyResultNumber ?? 1, ...mine.map((k) => Number(k.key.slice(3)) + 1));
  return { ...o, keyResults: mine, nextKeyResultNumber: next, version: before?.version ?? 0 };
}

/** objectives-file/import (Jira administrators): preview (`apply: false`) or write (`apply: true`). */
export async function importObjectives(ports: ObjectivePorts, payload: ObjectivesFileImportPayload): Promise<ObjectivesFileImportResult> {
  const me = await ports.permissions.requireSiteAdmin('import the objectives file');
  const refuse = (errors: ErrorDetail[], summary: ObjectivesFileImportResult['summary']): ObjectivesFileImportResult => {
    if (payload.apply) throw validationFailure(`The objectives file was not imported: ${errors.length} problem${errors.length === 1 ? '' : 's'}; nothing was written`, errors);
    return { applied: false, summary, errors, progress: null };
  };

  const parsed = parseObjectivesFile(payload.text);
  if (!parsed.ok) return refuse(parsed.errors, null);
  const stored = await readStored(ports);
  const now = ports.clock.now();
  const plan = planImport(parsed.file, stored.hierarchy, {
    now,
    actor: me,
    // objective ids are their keys; key result ids are `O-3.KR-2`
    newId: (kind, name) => (kind === 'objective' ? name : keyResultId(...(name.split('/') as [string, string]))),
  });
  if (!plan.ok) return refuse(plan.errors, null);
  const problems = [
    ...(await workgroupProblems(ports, parsed.file.workgroups, stored.workgroups, plan.next.workgroups)),
    ...(await missingIssues(ports.jiraFor(stored.settings), parsed.file)),
  ];
  if (problems.length > 0) return refuse(problems, plan.summary);
  if (!payload.apply) return { applied: false, summary: plan.summary, errors: [], progress: null };

  const progress: ImportProgress = {
    settingsWritten: false,
    workgroupsWritten: 0,
    objectivesWritten: 0,
    rollupsUpdated: 0,
    linksAdded: 0,
    linksRemoved: 0,
    issuesRecomputed: 0,
    propertiesWritten: 0,
    propertiesPending: [],
  };
  const { next } = plan;

  // 1. levels and periods (one settings record, from the version read)
  let settings = stored.settings;
  if (!sameData(settings.levels, next.levels) || !sameData(settings.periods, next.periods)) {
    settings = await ports.settings.save({ ...settings, levels: next.levels, periods: next.periods, updatedAt: now, updatedBy: me }, settings.version);
    progress.settingsWritten = true;
  }

  // 2. workgroups (each with its projects' keys)
  const currentWorkgroups = new Map(stored.workgroups.map((w) => [w.id, w]));
  for (const w of parsed.file.workgroups) {
    const before = currentWorkgroups.get(w.id);
    if (before === undefined) await ports.workgroups.create(WorkgroupRecord.parse({ ...w, version: 0, createdAt: now, updatedAt: now }));
    else if (!sameData(Workgroup.parse(before), w)) await ports.workgroups.update(WorkgroupRecord.parse({ ...before, ...w, updatedAt: now }), before);
    else continue;
    progress.workgroupsWritten += 1;
  }

  // 3. objectives, parents first; each one rolled up as it is written
  const storedByKey = new Map(stored.objectives.map((o) => [o.key, o]));
  await ports.objectiveStore.reserveThrough(Math.max(0, ...next.objectives.map((o) => objectiveNumber(o.key))));
  const byId = new Map(next.objectives.map((o) => [o.id, o]));
  for (const id of bottomUpOrder(next.objectives).reverse()) {
    const o = byId.get(id);
    if (o === undefined) continue;
    const before = storedByKey.get(o.key);
    const record = storedForm(o, next.keyResults, before);
    if (before !== undefined && sameData({ ...objectiveOf(before), keyResults: before.keyResults }, { ...objectiveOf(record), keyResults: record.keyResults })) continue;
    const saved = await ports.objectiveStore.put(record, before?.version ?? 0);
    progress.objectivesWritten += 1;
    if ((await rollUp(ports, settings, saved)).rollup !== null) progress.rollupsUpdated += 1;
  }

  // 4. links: added and removed, then each touched issue's rollup and property
  const wanted = new Map(next.contributions.map((c) => [issueLinkKey(c), c]));
  const had = new Map(stored.contributions.map((c) => [issueLinkKey(c), c]));
  const touched = new Map<string, Set<string>>();
  const touch = (c: Contribution) => {
    let set = touched.get(c.issueKey);
    if (!set) touched.set(c.issueKey, (set = new Set()));
    set.add(c.objectiveId);
  };
  for (const [key, c] of wanted) {
    if (had.has(key)) continue;
    if (await ports.contributions.add(c)) progress.linksAdded += 1;
    touch(c);
  }
  for (const [key, c] of had) {
    if (wanted.has(key)) continue;
    if (await ports.contributions.remove(c)) progress.linksRemoved += 1;
    touch(c);
  }
  const maintenance = maintenanceFor(ports, settings);
  for (const [issueKey, objectiveIds] of touched) {
    for (const objectiveId of objectiveIds) await withRollupRetry(() => linksChanged(maintenance, issueKey, objectiveId));
    progress.issuesRecomputed += 1;
    const properties = await syncIssueProperties(maintenance.jira, ports.rollups, ports.propertyQueue, issueKey);
    progress.propertiesWritten += properties.written;
    progress.propertiesPending.push(...properties.pending);
  }
  return { applied: true, summary: plan.summary, errors: [], progress };
}

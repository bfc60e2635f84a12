/**
 * objectives-file/export and objectives-file/import: the whole hierarchy as one file, out of and
 * into the stores. Export reads everything (settings, workgroups, every period's objectives, each
 * objective's links) and writes it with exportObjectivesFile. Import reads the file
 * (parseObjectivesFile), plans it against the stored hierarchy (planImport) and, as a preview,
 * answers the summary and every problem with its path; applied, it writes nothing unless the whole
 * file passes, then turns the plan into steps (import-steps.ts: settings, workgroups, objectives
 * parents first and each rolled up, links, each touched issue's rollup and property). A few steps
 * are written here, counting as they go; more become an import job on the queue (import-job.ts).
 */
import { stringify } from 'yaml';
import { Workgroup, type Contribution, type ErrorDetail, type ObjectivesFile } from '../../contract';
import type { JiraPort } from '../../ports';
import type { ObjectivesFileExport, ObjectivesFileImportPayload, ObjectivesFileImportResult, Settings, WorkgroupRecord } from '../../contract/api';
import { validationFailure } from '../app-failure';
import type { ObjectivePorts } from '../objectives/objective-ports';
import { keyResultId, objectiveOf, type StoredObjective } from '../objectives/stored-objective';
import { exportObjectivesFile } from './export-objectives-file';
import type { Hierarchy } from './hierarchy';
import { queueImport, type ImportJobPorts } from './import-job';
import { applyStep, emptyProgress, importSteps } from './import-steps';
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

/** objectives-file/import (Jira administrators): preview (`apply: false`) or write (`apply: true`). */
export async function importObjectives(ports: ObjectivePorts, jobs: ImportJobPorts, payload: ObjectivesFileImportPayload): Promise<ObjectivesFileImportResult> {
  const me = await ports.permissions.requireSiteAdmin('import the objectives file');
  const refuse = (errors: ErrorDetail[], summary: ObjectivesFileImportResult['summary']): ObjectivesFileImportResult => {
    if (payload.apply) throw validationFailure(`The objectives file was not imported: ${errors.length} problem${errors.length === 1 ? '' : 's'}; nothing was written`, errors);
    return { applied: false, summary, errors, progress: null, job: null };
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
  if (!payload.apply) return { applied: false, summary: plan.summary, errors: [], progress: null, job: null };

  const steps = importSteps(stored, parsed.file, plan.next);
  if (steps.length > jobs.inlineStepLimit) {
    const job = await queueImport(jobs, ports, me, now, steps, plan.summary);
    return { applied: false, summary: plan.summary, errors: [], progress: null, job: { jobId: job.id, state: 'queued', total: job.total } };
  }
  const progress = emptyProgress();
  let settings = stored.settings;
  for (const step of steps) settings = await applyStep(ports, settings, step, { actor: me, plannedAt: now }, progress);
  return { applied: true, summary: plan.summary, errors: [], progress, job: null };
}

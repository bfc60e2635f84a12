/**
 * objectives-file/export and objectives-file/import: the whole hierarchy as one file, out of and
 * into the stores. Export reads everything (settings, workgroups, every period's objectives, each
 * objective's links) and writes it with exportObjectivesFile. Import reads the file
 * (readObjectivesFile), checks its references against the file merged with what is stored
 * (checkObjectivesFile) and what it names in Jira, plans it (planImport) and, as a preview,
 * answers the summary and every problem at once with its path, line and column; applied, it writes nothing unless the whole
 * file passes, then turns the plan into steps (import-steps.ts: settings, workgroups, objectives
 * parents first and each rolled up, links, each touched issue's rollup and property). A few steps
 * are written here, counting as they go; more become an import job on the queue (import-job.ts).
 */
import { stringify } from 'yaml';
import { Workgroup, type Contribution, type ErrorDetail, type ObjectivesFile } from '../../contract';
import type {
  ObjectivesFileExport,
  ObjectivesFileImportPayload,
  ObjectivesFileImportResult,
  Settings,
  WorkgroupRecord,
} from '../../contract/api';
import { validationFailure } from '../app-failure';
import { referencePortsFor, type ObjectivePorts } from '../objectives/objective-ports';
import { References } from '../references/reference-check';
import { workgroupReferences } from '../workgroups/workgroup-checks';
import { keyResultId, objectiveOf, type StoredObjective } from '../objectives/stored-objective';
import { exportObjectivesFile } from './export-objectives-file';
import type { Hierarchy } from './hierarchy';
import { queueImport, type ImportJobPorts } from './import-job';
import { applyStep, emptyProgress, importSteps } from './import-steps';
import { checkObjectivesFile } from '../../domain/objectives-file-rules';
import { readObjectivesFile } from './parse-objectives-file';
import { planImport, storedNamesOf } from './plan-import';
import { dropUpload, readUpload, type UploadPorts } from './upload';

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
  const [workgroups, objectives] = await Promise.all([
    ports.workgroups.list(),
    ports.objectiveStore.ofPeriods(settings.periods.map((p) => p.id)),
  ]);
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

/** The stored workgroups with the file's in place of those of the same id. */
function mergedWorkgroups(stored: Hierarchy['workgroups'], file: Hierarchy['workgroups']): Hierarchy['workgroups'] {
  const byId = new Map(stored.map((w) => [w.id, w]));
  for (const w of file) byId.set(w.id, w);
  return [...byId.values()];
}

/** Workgroup names used twice once the file is merged (ignoring case). */
function workgroupNameProblems(file: Hierarchy['workgroups'], merged: Hierarchy['workgroups']): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  for (const [i, w] of file.entries()) {
    const clash = merged.find((o) => o.id !== w.id && o.name.toLowerCase() === w.name.toLowerCase());
    if (clash)
      problems.push({
        path: `workgroups.${i}.name`,
        message: `workgroup "${w.id}" and workgroup "${clash.id}" are both named "${w.name}"`,
      });
  }
  return problems;
}

/**
 * What the file names in Jira, each at its place in the file, listed for the reference check the
 * resolvers make too (src/app/references): the workgroups' new projects, leads and members; each
 * objective's owner and issues; each key result's owner, issues and, for a query, its JQL (as the
 * importer) and the field a sum or an average reads. JQL and fields an objective already holds
 * are not asked again, as key-results/update does not ask again about what it leaves unchanged.
 * Refused before anything is written: a link to nothing, or a query Jira refuses, would fail half-way.
 */
function fileReferences(file: ObjectivesFile, stored: Stored): References {
  const refs = new References();
  const storedWorkgroups = new Map(stored.workgroups.map((w) => [w.id, w]));
  file.workgroups.forEach((w, i) =>
    workgroupReferences(refs, w, `workgroups.${i}`, storedWorkgroups.get(w.id) ?? null),
  );
  const storedObjectives = new Map(stored.objectives.map((o) => [o.key, o]));
  file.objectives.forEach((o, i) => {
    const at = `objectives.${i}`;
    refs.account(o.owner, `${at}.owner`);
    o.issues.forEach((key, j) => refs.issue(key, `${at}.issues.${j}`));
    const held = storedObjectives.get(o.key)?.keyResults ?? [];
    o.keyResults.forEach((kr, k) => {
      const same =
        kr.kind === 'query'
          ? held.find(
              (h) => h.kind === 'query' && h.jql === kr.jql && h.aggregate === kr.aggregate && h.field === kr.field,
            )
          : undefined;
      refs.keyResult(
        kr,
        `${at}.keyResults.${k}`,
        same?.kind === 'query' ? { jql: same.jql, aggregate: same.aggregate, field: same.field } : {},
      );
      kr.issues.forEach((key, j) => refs.issue(key, `${at}.keyResults.${k}.issues.${j}`));
    });
  });
  return refs;
}

/**
 * objectives-file/import (Jira administrators): preview (`apply: false`) or write (`apply: true`)
 * the file given as text, or uploaded in parts (`uploadId`, upload.ts: removed once applied).
 */
export async function importObjectives(
  ports: ObjectivePorts & Pick<UploadPorts, 'uploads'>,
  jobs: ImportJobPorts,
  payload: ObjectivesFileImportPayload,
): Promise<ObjectivesFileImportResult> {
  const me = await ports.permissions.requireSiteAdmin('import the objectives file');
  const upload = payload.uploadId === undefined ? null : await readUpload(ports, me, payload.uploadId);
  const text = upload?.text ?? payload.text ?? '';
  const applied = async <T>(result: T): Promise<T> => {
    if (upload !== null) await dropUpload(ports, upload);
    return result;
  };
  const refuse = (
    errors: ErrorDetail[],
    summary: ObjectivesFileImportResult['summary'],
  ): ObjectivesFileImportResult => {
    if (payload.apply)
      throw validationFailure(
        `The objectives file was not imported: ${errors.length} problem${errors.length === 1 ? '' : 's'}; nothing was written`,
        errors,
      );
    return { applied: false, summary, errors, progress: null, job: null };
  };

  // every problem at once: the text and shape, the references against the file merged with what is
  // stored, the merged hierarchy, and what the file names in Jira (of the parts whose shape is right)
  const read = readObjectivesFile(text);
  if (read.file === null) return refuse(read.locate(read.errors), null);
  const file = read.file;
  const stored = await readStored(ports);
  const now = ports.clock.now();
  const fileProblems = [...read.errors, ...checkObjectivesFile(read.outline, storedNamesOf(stored.hierarchy))];
  const plan =
    fileProblems.length > 0
      ? null
      : planImport(file, stored.hierarchy, {
          now,
          actor: me,
          // objective ids are their keys; key result ids are `O-3.KR-2`
          newId: (kind, name) => (kind === 'objective' ? name : keyResultId(...(name.split('/') as [string, string]))),
        });
  const problems = [
    ...fileProblems,
    ...(plan === null || plan.ok ? [] : plan.errors),
    ...workgroupNameProblems(file.workgroups, mergedWorkgroups(stored.hierarchy.workgroups, file.workgroups)),
    ...(await fileReferences(file, stored).check(referencePortsFor(ports, stored.settings))),
  ];
  if (problems.length > 0 || plan === null || !plan.ok)
    return refuse(read.locate(problems), plan?.ok === true ? plan.summary : null);
  if (!payload.apply) return { applied: false, summary: plan.summary, errors: [], progress: null, job: null };

  const steps = importSteps(stored, file, plan.next);
  if (steps.length > jobs.inlineStepLimit) {
    const job = await queueImport(jobs, ports, me, now, steps, plan.summary);
    return applied({
      applied: false,
      summary: plan.summary,
      errors: [],
      progress: null,
      job: { jobId: job.id, state: 'queued', total: job.total },
    });
  }
  const progress = emptyProgress();
  let settings = stored.settings;
  for (const step of steps) settings = await applyStep(ports, settings, step, { actor: me, plannedAt: now }, progress);
  return applied({ applied: true, summary: plan.summary, errors: [], progress, job: null });
}

/**
 * An applied import as a list of steps, each a write that can be made again without changing
 * anything (docs/objectives-file.md "Applying"): the settings (levels, periods), each workgroup,
 * the objective counter, each objective with its key results (parents first, rolled up), each
 * link added or removed, then each touched issue's rollup and `tether` property. A step carries
 * the record it writes and the version it was planned against: a step whose record already holds
 * what the step writes is skipped (a replay), one whose record moved on since the plan is a
 * CONFLICT. The same steps are applied inline (small imports) and by the import job (the rest).
 */
import { z } from 'zod';
import {
  byKeyResultKey,
  Contribution,
  IssueKey,
  keyResultNumber,
  Levels,
  MAX_FILE_OBJECTIVE_NUMBER,
  objectiveNumber,
  Period,
  RecordId,
  Workgroup,
  type ObjectivesFile,
} from '../../contract';
import { WorkgroupRecord, type ImportPhase, type ImportProgress, type Settings } from '../../contract/api';
import { bottomUpOrder } from '../../domain/hierarchy';
import { sameData } from '../../domain/same-data';
import { VersionConflict } from '../app-failure';
import { issueLinkKey } from '../contributions/link-key';
import { syncIssueProperties } from '../contributions/issue-properties';
import { maintenanceFor, withRollupRetry, type ObjectivePorts } from '../objectives/objective-ports';
import { rollUp } from '../objectives/save-objective';
import { objectiveOf, StoredObjective } from '../objectives/stored-objective';
import { linksChangedBelow } from '../rollup/maintain-rollups';
import type { Hierarchy } from './hierarchy';

const Version = z.number().int().nonnegative();

export const ImportStep = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('settings'), levels: Levels, periods: z.array(Period), expectedVersion: Version }),
  z.object({ kind: z.literal('workgroup'), workgroup: Workgroup, expectedVersion: Version }),
  // the counter moves past the file's highest key, which the file's schema keeps within MAX_FILE_OBJECTIVE_NUMBER
  z.object({ kind: z.literal('reserve'), through: z.number().int().nonnegative().max(MAX_FILE_OBJECTIVE_NUMBER) }),
  z.object({ kind: z.literal('objective'), record: StoredObjective, expectedVersion: Version }),
  z.object({ kind: z.literal('link'), add: z.boolean(), contribution: Contribution }),
  z.object({
    kind: z.literal('issue'),
    issueKey: IssueKey,
    objectiveIds: z.array(RecordId).min(1),
    /** Every link the issue has once the import is done (storage's index may not show them yet); absent in jobs planned before it was added. */
    links: z.array(z.object({ objectiveId: RecordId, keyResultId: RecordId.nullable() })).optional(),
  }),
]);
export type ImportStep = z.infer<typeof ImportStep>;

export function phaseOf(step: ImportStep): ImportPhase {
  switch (step.kind) {
    case 'settings':
      return 'settings';
    case 'workgroup':
      return 'workgroups';
    case 'reserve':
    case 'objective':
      return 'objectives';
    case 'link':
      return 'links';
    case 'issue':
      return 'issues';
  }
}

/** What the stored hierarchy held when the import was planned (transfer.ts readStored). */
export interface PlannedFrom {
  settings: Settings;
  workgroups: WorkgroupRecord[];
  objectives: StoredObjective[];
  contributions: Contribution[];
}

/** The stored form of a planned objective: its key results in key order and the next key-result number. */
function storedForm(
  o: Hierarchy['objectives'][number],
  keyResults: Hierarchy['keyResults'],
  before: StoredObjective | undefined,
): StoredObjective {
  const mine = keyResults.filter((k) => k.objectiveId === o.id).sort(byKeyResultKey);
  const next = Math.max(before?.nextKeyResultNumber ?? 1, ...mine.map((k) => keyResultNumber(k.key) + 1));
  return { ...o, keyResults: mine, nextKeyResultNumber: next, version: before?.version ?? 0 };
}

/** An objective as written, without what every write changes (version). */
function objectiveContent(o: StoredObjective) {
  return { ...objectiveOf(o), version: 0, keyResults: o.keyResults };
}

/** The steps that take the stored hierarchy `from` to the planned `next`; nothing for what already matches. */
export function importSteps(from: PlannedFrom, file: ObjectivesFile, next: Hierarchy): ImportStep[] {
  const steps: ImportStep[] = [];
  const { settings } = from;
  if (!sameData(settings.levels, next.levels) || !sameData(settings.periods, next.periods)) {
    steps.push({ kind: 'settings', levels: next.levels, periods: next.periods, expectedVersion: settings.version });
  }

  const currentWorkgroups = new Map(from.workgroups.map((w) => [w.id, w]));
  for (const w of file.workgroups) {
    const before = currentWorkgroups.get(w.id);
    if (before !== undefined && sameData(Workgroup.parse(before), w)) continue;
    steps.push({ kind: 'workgroup', workgroup: w, expectedVersion: before?.version ?? 0 });
  }

  // past the keys this import writes (the file's, at most O-99999999): stored objectives are below the counter already
  steps.push({ kind: 'reserve', through: Math.max(0, ...file.objectives.map((o) => objectiveNumber(o.key))) });
  const storedByKey = new Map(from.objectives.map((o) => [o.key, o]));
  const byId = new Map(next.objectives.map((o) => [o.id, o]));
  for (const id of bottomUpOrder(next.objectives).reverse()) {
    const o = byId.get(id);
    if (o === undefined) continue;
    const before = storedByKey.get(o.key);
    const record = storedForm(o, next.keyResults, before);
    if (before !== undefined && sameData(objectiveContent(before), objectiveContent(record))) continue;
    steps.push({ kind: 'objective', record, expectedVersion: before?.version ?? 0 });
  }

  const wanted = new Map(next.contributions.map((c) => [issueLinkKey(c), c]));
  const had = new Map(from.contributions.map((c) => [issueLinkKey(c), c]));
  const touched = new Map<string, Set<string>>();
  const touch = (c: Contribution) => {
    let set = touched.get(c.issueKey);
    if (!set) touched.set(c.issueKey, (set = new Set()));
    set.add(c.objectiveId);
  };
  for (const [key, c] of wanted) {
    if (had.has(key)) continue;
    steps.push({ kind: 'link', add: true, contribution: c });
    touch(c);
  }
  for (const [key, c] of had) {
    if (wanted.has(key)) continue;
    steps.push({ kind: 'link', add: false, contribution: c });
    touch(c);
  }
  for (const [issueKey, objectiveIds] of touched) {
    const links = next.contributions
      .filter((c) => c.issueKey === issueKey)
      .map((c) => ({ objectiveId: c.objectiveId, keyResultId: c.keyResultId }));
    steps.push({ kind: 'issue', issueKey, objectiveIds: [...objectiveIds], links });
  }
  return steps;
}

export function emptyProgress(): ImportProgress {
  return {
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
}

/** Who applies and when the import was planned (new records are stamped with it, so a replay writes the same). */
export interface StepContext {
  actor: string;
  plannedAt: number;
}

/**
 * Applies one step, adding what it wrote to `progress`. Returns the settings to go on with (a
 * settings step changes them). Applying a step whose writes are already stored changes nothing.
 */
export async function applyStep(
  ports: ObjectivePorts,
  settings: Settings,
  step: ImportStep,
  ctx: StepContext,
  progress: ImportProgress,
): Promise<Settings> {
  switch (step.kind) {
    case 'settings': {
      const current = await ports.settings.get();
      if (sameData(current.levels, step.levels) && sameData(current.periods, step.periods)) {
        // written by this import in a run that stopped before its checkpoint: count it, write nothing
        if (current.version === step.expectedVersion + 1) progress.settingsWritten = true;
        return current;
      }
      if (current.version !== step.expectedVersion)
        throw new VersionConflict(
          'the settings record',
          step.expectedVersion,
          current.version === 0 ? null : current.version,
        );
      const saved = await ports.settings.save(
        { ...current, levels: step.levels, periods: step.periods, updatedAt: ctx.plannedAt, updatedBy: ctx.actor },
        current.version,
      );
      progress.settingsWritten = true;
      return saved;
    }
    case 'workgroup': {
      const w = step.workgroup;
      const current = await ports.workgroups.get(w.id);
      if (current !== null && sameData(Workgroup.parse(current), w)) {
        if (current.version === step.expectedVersion + 1) progress.workgroupsWritten += 1;
        return settings;
      }
      const stored = current?.version ?? 0;
      if (stored !== step.expectedVersion)
        throw new VersionConflict(`the workgroup "${w.id}"`, step.expectedVersion, stored === 0 ? null : stored);
      if (current === null)
        await ports.workgroups.create(
          WorkgroupRecord.parse({ ...w, version: 0, createdAt: ctx.plannedAt, updatedAt: ctx.plannedAt }),
        );
      else
        await ports.workgroups.update(WorkgroupRecord.parse({ ...current, ...w, updatedAt: ctx.plannedAt }), current);
      progress.workgroupsWritten += 1;
      return settings;
    }
    case 'reserve':
      await ports.objectiveStore.reserveThrough(step.through);
      return settings;
    case 'objective': {
      const current = await ports.objectiveStore.get(step.record.key);
      let saved: StoredObjective;
      if (current !== null && sameData(objectiveContent(current), objectiveContent(step.record))) {
        // written by an earlier run that stopped before its checkpoint: roll up again, write nothing
        saved = current;
        if (current.version === step.expectedVersion + 1) progress.objectivesWritten += 1;
      } else {
        const stored = current?.version ?? 0;
        if (stored !== step.expectedVersion)
          throw new VersionConflict(
            `the objective ${step.record.key}`,
            step.expectedVersion,
            stored === 0 ? null : stored,
          );
        saved = await ports.objectiveStore.put(step.record, step.expectedVersion);
        progress.objectivesWritten += 1;
      }
      if ((await rollUp(ports, settings, saved)).rollup !== null && saved.version === step.expectedVersion + 1)
        progress.rollupsUpdated += 1;
      return settings;
    }
    case 'link':
      if (step.add) {
        // a link already there counts when this import made it (same author and time)
        if (
          (await ports.contributions.add(step.contribution)) ||
          sameData(await ports.contributions.get(step.contribution), step.contribution)
        )
          progress.linksAdded += 1;
      } else if (await ports.contributions.remove(step.contribution)) progress.linksRemoved += 1;
      return settings;
    case 'issue': {
      const maintenance = maintenanceFor(ports, settings);
      const below = new Set<string>();
      for (const objectiveId of step.objectiveIds) {
        const done = await withRollupRetry(() =>
          linksChangedBelow(
            maintenance,
            step.issueKey,
            objectiveId,
            step.links === undefined ? undefined : { links: step.links },
          ),
        );
        for (const key of done.below) below.add(key);
      }
      progress.issuesRecomputed += 1;
      const properties = await syncIssueProperties(
        maintenance.jira,
        ports.rollups,
        ports.propertyQueue,
        step.issueKey,
        [...below],
      );
      progress.propertiesWritten += properties.written;
      for (const key of properties.pending)
        if (!progress.propertiesPending.includes(key)) progress.propertiesPending.push(key);
      return settings;
    }
  }
}

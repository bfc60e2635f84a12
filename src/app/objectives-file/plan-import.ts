import {
  Contribution,
  KeyResult,
  keyResultNumber,
  Objective,
  type ErrorDetail,
  type FileKeyResult,
  type FileObjective,
  type ObjectivesFile,
} from '../../contract';
import { validateHierarchy } from '../../domain/hierarchy';
import { checkObjectivesFile, type FileOutline, type StoredNames } from '../../domain/objectives-file-rules';
import { sameData } from '../../domain/same-data';
import type { Hierarchy } from './hierarchy';

export interface ImportContext {
  now: number;
  /** Who imports: recorded as the author of new links. */
  actor: string;
  /**
   * A fresh record id for a new objective or key result; `name` is the objective's key (`O-3`)
   * or the key result's objective and key (`O-3/KR-2`), for stores whose ids are made from them.
   */
  newId: (kind: 'objective' | 'key-result', name: string) => string;
}

/** What an import will do, for the preview an admin sees before applying it. */
export interface ImportSummary {
  objectives: { created: string[]; updated: string[]; unchanged: string[] };
  /** `O-3/KR-2` style names. */
  keyResults: { created: string[]; updated: string[]; removed: string[] };
  links: { added: number; removed: number };
  periods: { created: string[]; updated: string[] };
  workgroups: { created: string[]; updated: string[] };
  /** Levels replaced by the file's list (a file without `levels` keeps the stored ones). */
  levelsChanged: boolean;
  /** Objectives kept as they are because the file does not mention them. */
  untouched: string[];
}

export type ImportPlan = { ok: true; next: Hierarchy; summary: ImportSummary } | { ok: false; errors: ErrorDetail[] };

function upsertById<T extends { id: string }>(
  current: T[],
  incoming: T[],
): { list: T[]; created: string[]; updated: string[] } {
  const byId = new Map(current.map((x) => [x.id, x]));
  const created: string[] = [];
  const updated: string[] = [];
  for (const x of incoming) {
    const before = byId.get(x.id);
    if (!before) created.push(x.id);
    else if (!sameData(before, x)) updated.push(x.id);
    byId.set(x.id, x);
  }
  return { list: [...byId.values()], created, updated };
}

/**
 * The key of each key result in the file: its own, else the key of an existing key result of the
 * same kind and title (so a file written without keys still updates in place), else the next
 * `KR-n` after the highest in use.
 */
function keyResultKeys(fileKrs: FileKeyResult[], existing: KeyResult[]): string[] {
  const claimed = new Set(fileKrs.flatMap((k) => (k.key ? [k.key] : [])));
  let next = Math.max(0, ...existing.map((k) => keyResultNumber(k.key)), ...[...claimed].map(keyResultNumber)) + 1;
  return fileKrs.map((fk) => {
    if (fk.key) return fk.key;
    const same = existing.find((k) => !claimed.has(k.key) && k.kind === fk.kind && k.title === fk.title);
    const key = same?.key ?? `KR-${next++}`;
    claimed.add(key);
    return key;
  });
}

/** What is stored, as an objectives file names it: levels, period and workgroup ids, objectives by key. */
export function storedNamesOf(current: Hierarchy): StoredNames {
  const keyOf = new Map(current.objectives.map((o) => [o.id, o.key]));
  const key = (id: string) => keyOf.get(id) ?? id;
  return {
    levels: current.levels,
    periodIds: current.periods.map((p) => p.id),
    workgroupIds: current.workgroups.map((w) => w.id),
    objectives: current.objectives.map((o) => ({
      key: o.key,
      level: o.levelId,
      parent: o.parentId === null ? null : key(o.parentId),
      alignments: o.alignments.map((a) => key(a.objectiveId)),
    })),
  };
}

/** The references of a file whose shape is right, for checkObjectivesFile. */
function outlineOf(file: ObjectivesFile): FileOutline {
  return {
    levels: file.levels ?? null,
    periods: file.periods,
    workgroups: file.workgroups,
    objectives: file.objectives,
  };
}

/**
 * Merges a checked objectives file into the current hierarchy without writing anything.
 * Objectives are matched by key, key results by key inside their objective, periods and
 * workgroups by id. An objective in the file is replaced by what the file says, its key results
 * and links included; objectives the file does not mention stay as they are. The merged
 * hierarchy must still obey every rule, or nothing is planned.
 */
export function planImport(file: ObjectivesFile, current: Hierarchy, ctx: ImportContext): ImportPlan {
  // references resolve against the file and what is stored (a file that names something neither holds is not planned)
  const unresolved = checkObjectivesFile(outlineOf(file), storedNamesOf(current));
  if (unresolved.length > 0) return { ok: false, errors: unresolved };
  const periods = upsertById(current.periods, file.periods);
  const workgroups = upsertById(current.workgroups, file.workgroups);
  const existingByKey = new Map(current.objectives.map((o) => [o.key, o]));
  const idOfKey = new Map(current.objectives.map((o) => [o.key, o.id]));
  for (const fo of file.objectives) if (!idOfKey.has(fo.key)) idOfKey.set(fo.key, ctx.newId('objective', fo.key));

  const summary: ImportSummary = {
    objectives: { created: [], updated: [], unchanged: [] },
    keyResults: { created: [], updated: [], removed: [] },
    links: { added: 0, removed: 0 },
    periods: { created: periods.created, updated: periods.updated },
    workgroups: { created: workgroups.created, updated: workgroups.updated },
    levelsChanged: file.levels !== undefined && !sameData(current.levels, file.levels),
    untouched: [],
  };

  const inFile = new Set(file.objectives.map((o) => o.key));
  const objectives: Objective[] = current.objectives.filter((o) => !inFile.has(o.key));
  summary.untouched = objectives.map((o) => o.key);
  const keyResults: KeyResult[] = current.keyResults.filter((kr) => objectives.some((o) => o.id === kr.objectiveId));
  const contributions: Contribution[] = current.contributions.filter((c) =>
    objectives.some((o) => o.id === c.objectiveId),
  );

  for (const fo of file.objectives) {
    const before = existingByKey.get(fo.key);
    const objective = toObjective(fo, before, idOfKey, ctx);
    objectives.push(objective);
    if (!before) summary.objectives.created.push(fo.key);
    else if (sameData({ ...before, version: 0, updatedAt: 0 }, { ...objective, version: 0, updatedAt: 0 })) {
      summary.objectives.unchanged.push(fo.key);
      objectives[objectives.length - 1] = before;
    } else summary.objectives.updated.push(fo.key);

    const oldKrs = current.keyResults.filter((kr) => kr.objectiveId === objective.id);
    const keys = keyResultKeys(fo.keyResults, oldKrs);
    const seen = new Set<string>();
    fo.keyResults.forEach((fk, i) => {
      const key = keys[i] as string;
      seen.add(key);
      const old = oldKrs.find((k) => k.key === key);
      const kr = toKeyResult(fk, key, objective, old, ctx);
      keyResults.push(kr);
      if (!old) summary.keyResults.created.push(`${fo.key}/${key}`);
      else if (!sameData({ ...old, version: 0, updatedAt: 0 }, { ...kr, version: 0, updatedAt: 0 }))
        summary.keyResults.updated.push(`${fo.key}/${key}`);
      else keyResults[keyResults.length - 1] = old;
    });
    for (const old of oldKrs) if (!seen.has(old.key)) summary.keyResults.removed.push(`${fo.key}/${old.key}`);

    const oldLinks = current.contributions.filter((c) => c.objectiveId === objective.id);
    const wanted = [
      ...fo.issues.map((issueKey) => ({ issueKey, keyResultId: null as string | null })),
      ...fo.keyResults.flatMap((fk, i) => {
        const kr = keyResults.find((k) => k.objectiveId === objective.id && k.key === keys[i]) as KeyResult;
        return fk.issues.map((issueKey) => ({ issueKey, keyResultId: kr.id }));
      }),
    ];
    for (const w of wanted) {
      if (
        contributions.some(
          (c) => c.objectiveId === objective.id && c.issueKey === w.issueKey && c.keyResultId === w.keyResultId,
        )
      )
        continue;
      const old = oldLinks.find((c) => c.issueKey === w.issueKey && c.keyResultId === w.keyResultId);
      if (!old) summary.links.added += 1;
      contributions.push(
        old ??
          Contribution.parse({
            issueKey: w.issueKey,
            objectiveId: objective.id,
            keyResultId: w.keyResultId,
            createdBy: ctx.actor,
            createdAt: ctx.now,
          }),
      );
    }
    summary.links.removed += oldLinks.filter(
      (c) => !wanted.some((w) => w.issueKey === c.issueKey && w.keyResultId === c.keyResultId),
    ).length;
  }

  const errors = mergedErrors(file, objectives, current);
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    next: {
      levels: file.levels ?? current.levels,
      periods: periods.list,
      workgroups: workgroups.list,
      objectives,
      keyResults,
      contributions,
    },
    summary,
  };
}

function toObjective(
  fo: FileObjective,
  before: Objective | undefined,
  idOfKey: Map<string, string>,
  ctx: ImportContext,
): Objective {
  return Objective.parse({
    id: idOfKey.get(fo.key),
    key: fo.key,
    title: fo.title,
    description: fo.description,
    levelId: fo.level,
    periodId: fo.period,
    owner: fo.owner,
    workgroupId: fo.workgroup,
    parentId: fo.parent === null ? null : idOfKey.get(fo.parent),
    weight: fo.weight,
    alignments: fo.alignments.map((a) => ({ objectiveId: idOfKey.get(a.objective), weight: a.weight })),
    status: fo.status,
    visibility: fo.visibility,
    // not in the file: an objective carried forward keeps its link back
    carriedFrom: before?.carriedFrom ?? null,
    createdAt: before?.createdAt ?? ctx.now,
    updatedAt: ctx.now,
    version: before === undefined ? 0 : before.version + 1,
  });
}

function toKeyResult(
  fk: FileKeyResult,
  key: string,
  objective: Objective,
  old: KeyResult | undefined,
  ctx: ImportContext,
): KeyResult {
  const { issues: _issues, key: _key, owner, ...fields } = fk;
  const milestoneDoneAt =
    fk.kind === 'milestone'
      ? old?.kind === 'milestone' && old.done === fk.done
        ? old.doneAt
        : fk.done
          ? ctx.now
          : null
      : undefined;
  return KeyResult.parse({
    ...fields,
    ...(milestoneDoneAt === undefined ? {} : { doneAt: milestoneDoneAt }),
    id: old?.id ?? ctx.newId('key-result', `${objective.key}/${key}`),
    key,
    objectiveId: objective.id,
    owner: owner ?? objective.owner,
    createdAt: old?.createdAt ?? ctx.now,
    updatedAt: ctx.now,
    version: old === undefined ? 0 : old.version + 1,
  });
}

/** The hierarchy rules over the merged result: the file may be fine alone yet clash with what stays. */
function mergedErrors(file: ObjectivesFile, objectives: Objective[], current: Hierarchy): ErrorDetail[] {
  const indexOf = new Map(file.objectives.map((o, i) => [o.key, i]));
  const keyOfId = new Map(objectives.map((o) => [o.id, o.key]));
  const errors: ErrorDetail[] = [];
  const levels = file.levels ?? current.levels;
  const levelIds = new Set(levels.map((l) => l.id));
  for (const o of objectives) {
    if (indexOf.has(o.key) || levelIds.has(o.levelId)) continue;
    errors.push({
      path: 'levels',
      message: `${o.key} (not in the file) is at level "${o.levelId}", which the file's levels remove`,
    });
  }
  const periodIds = new Set([...current.periods.map((p) => p.id), ...file.periods.map((p) => p.id)]);
  file.objectives.forEach((o, i) => {
    if (!periodIds.has(o.period))
      errors.push({ path: `objectives.${i}.period`, message: `${o.key}: there is no period "${o.period}"` });
  });
  for (const e of validateHierarchy(levels, objectives)) {
    if (e.code === 'UNKNOWN_LEVEL') continue; // reported above or by the file check
    const first = keyOfId.get(e.objectiveIds[0] as string) ?? '';
    const at = indexOf.get(first);
    errors.push({ path: at === undefined ? 'objectives' : `objectives.${at}`, message: e.message });
  }
  return errors;
}

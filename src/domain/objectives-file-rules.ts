import { DEFAULT_LEVELS, type ErrorDetail, type Level } from '../contract';
import { validateHierarchy } from './hierarchy';

/**
 * An objectives file as far as its references go, read even where its shape is wrong (a field
 * that is not text is left out), so that a file with a shape error still has its references
 * checked and every problem comes in one pass.
 */
export interface FileOutline {
  /** The file's levels, or null when it has none (the stored levels stay). */
  levels: readonly Pick<Level, 'id'>[] | null;
  periods: readonly { id?: string }[];
  workgroups: readonly { id?: string }[];
  objectives: readonly OutlineObjective[];
}

export interface OutlineObjective {
  key?: string;
  level?: string;
  period?: string;
  workgroup?: string | null;
  parent?: string | null;
  alignments: readonly { objective?: string }[];
  keyResults: readonly { key?: string }[];
}

/** What is stored, as the file's references see it: ids and keys, never record internals. */
export interface StoredNames {
  levels: readonly Pick<Level, 'id'>[];
  periodIds: readonly string[];
  workgroupIds: readonly string[];
  /** Stored objectives by key, with their level, parent key and alignment keys. */
  objectives: readonly { key: string; level: string; parent: string | null; alignments: readonly string[] }[];
}

/** A new site: the default levels and nothing else (the file checked alone). */
export const NOTHING_STORED: StoredNames = { levels: DEFAULT_LEVELS, periodIds: [], workgroupIds: [], objectives: [] };

/**
 * The rules of an objectives file that its schema cannot express, checked against the file merged
 * with what is stored (docs/objectives-file.md, "Import"): every reference points to something in
 * the file or stored (a level of the file's levels, or of the stored ones when the file has none;
 * a period, a workgroup, an objective), keys are unique, and the merged hierarchy is valid. Each
 * problem names where it is (`objectives.3.parent`) and says what is wrong in a sentence.
 */
export function checkObjectivesFile(file: FileOutline, stored: StoredNames = NOTHING_STORED): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  const levels = file.levels ?? stored.levels;
  const levelIds = new Set(levels.map((l) => l.id));
  const periodIds = new Set(stored.periodIds);
  const workgroupIds = new Set(stored.workgroupIds);
  const lowestLevel = levels[levels.length - 1]?.id;

  const filePeriods = new Set<string>();
  file.periods.forEach((p, i) => {
    if (p.id === undefined) return;
    if (filePeriods.has(p.id)) errors.push({ path: `periods.${i}.id`, message: `period "${p.id}" is defined twice` });
    filePeriods.add(p.id);
    periodIds.add(p.id);
  });
  const fileWorkgroups = new Set<string>();
  file.workgroups.forEach((w, i) => {
    if (w.id === undefined) return;
    if (fileWorkgroups.has(w.id))
      errors.push({ path: `workgroups.${i}.id`, message: `workgroup "${w.id}" is defined twice` });
    fileWorkgroups.add(w.id);
    workgroupIds.add(w.id);
  });

  const storedByKey = new Map(stored.objectives.map((o) => [o.key, o]));
  const indexOfKey = new Map<string, number>();
  file.objectives.forEach((o, i) => {
    if (o.key === undefined) return;
    if (indexOfKey.has(o.key))
      errors.push({
        path: `objectives.${i}.key`,
        message: `${o.key} is defined twice (also at objectives.${indexOfKey.get(o.key)})`,
      });
    else indexOfKey.set(o.key, i);
  });
  const known = (key: string) => indexOfKey.has(key) || storedByKey.has(key);
  const among = (ids: Set<string>) => (ids.size === 0 ? 'none yet' : [...ids].join(', '));

  file.objectives.forEach((o, i) => {
    const at = `objectives.${i}`;
    const who = o.key ?? `The objective at ${at}`;
    if (o.level !== undefined && !levelIds.has(o.level))
      errors.push({
        path: `${at}.level`,
        message: `${who}: there is no level "${o.level}" (levels: ${among(levelIds)})`,
      });
    if (o.period !== undefined && !periodIds.has(o.period))
      errors.push({
        path: `${at}.period`,
        message: `${who}: there is no period "${o.period}", neither in the file nor stored (periods: ${among(periodIds)})`,
      });
    if (o.workgroup !== undefined && o.workgroup !== null && !workgroupIds.has(o.workgroup))
      errors.push({
        path: `${at}.workgroup`,
        message: `${who}: there is no workgroup "${o.workgroup}", neither in the file nor stored`,
      });
    if (o.workgroup === null && o.level === lowestLevel && levelIds.size > 1)
      errors.push({ path: `${at}.workgroup`, message: `${who} is at the workgroup level and needs a workgroup` });
    if (o.parent !== undefined && o.parent !== null && !known(o.parent))
      errors.push({
        path: `${at}.parent`,
        message: `${who}: its parent ${o.parent} is neither in the file nor stored`,
      });
    o.alignments.forEach((a, j) => {
      if (a.objective !== undefined && !known(a.objective))
        errors.push({
          path: `${at}.alignments.${j}.objective`,
          message: `${who} aligns to ${a.objective}, which is neither in the file nor stored`,
        });
    });
    const krKeys = new Set<string>();
    o.keyResults.forEach((kr, j) => {
      if (kr.key === undefined) return;
      if (krKeys.has(kr.key))
        errors.push({ path: `${at}.keyResults.${j}.key`, message: `${who}: key result ${kr.key} is defined twice` });
      krKeys.add(kr.key);
    });
  });

  // stored objectives the file leaves as they are must keep a level that still exists
  if (file.levels !== null)
    for (const s of stored.objectives)
      if (!indexOfKey.has(s.key) && !levelIds.has(s.level))
        errors.push({
          path: 'levels',
          message: `${s.key} (not in the file) is at level "${s.level}", which the file's levels remove`,
        });

  // the hierarchy rules over the merge: the file's objectives in place of the stored ones of the same key
  const nodes = [
    ...stored.objectives
      .filter((s) => !indexOfKey.has(s.key))
      .map((s) => ({ key: s.key, level: s.level as string | undefined, parent: s.parent, alignments: s.alignments })),
    ...file.objectives
      .filter((o, i) => o.key !== undefined && indexOfKey.get(o.key) === i)
      .map((o) => ({
        key: o.key as string,
        level: o.level,
        parent: o.parent ?? null,
        alignments: o.alignments.flatMap((a) => (a.objective === undefined ? [] : [a.objective])),
      })),
  ];
  const resolved = nodes.map((n) => ({
    id: n.key,
    key: n.key,
    levelId: n.level ?? '',
    parentId: n.parent !== null && known(n.parent) ? n.parent : null,
    alignments: n.alignments.filter(known).map((objectiveId) => ({ objectiveId, weight: 1 })),
  }));
  for (const e of validateHierarchy(levels, resolved)) {
    if (e.code === 'UNKNOWN_LEVEL' || e.code === 'UNKNOWN_PARENT') continue; // reported above
    const inFile = e.objectiveIds.find((id) => indexOfKey.has(id));
    const field = e.code === 'PARENT_NOT_HIGHER' || e.code === 'CYCLE' ? 'parent' : 'alignments';
    errors.push({
      path: inFile === undefined ? 'objectives' : `objectives.${indexOfKey.get(inFile)}.${field}`,
      message: e.message,
    });
  }
  return errors;
}

import type { ErrorDetail, ObjectivesFile } from '../contract';
import { validateHierarchy } from './hierarchy';

/**
 * The rules of an objectives file that its schema cannot express: every reference points to
 * something in the file, keys are unique, and the hierarchy is valid. Each problem names where
 * it is (`objectives.3.parent`), so an admin can fix the file in one pass.
 */
export function checkObjectivesFile(file: ObjectivesFile): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  const levelIds = new Set(file.levels.map((l) => l.id));
  const periodIds = new Set<string>();
  const workgroupIds = new Set<string>();
  const lowestLevel = file.levels[file.levels.length - 1]?.id;

  file.periods.forEach((p, i) => {
    if (periodIds.has(p.id)) errors.push({ path: `periods.${i}.id`, message: `period "${p.id}" is defined twice` });
    periodIds.add(p.id);
  });
  file.workgroups.forEach((w, i) => {
    if (workgroupIds.has(w.id))
      errors.push({ path: `workgroups.${i}.id`, message: `workgroup "${w.id}" is defined twice` });
    workgroupIds.add(w.id);
  });

  const indexOfKey = new Map<string, number>();
  file.objectives.forEach((o, i) => {
    const at = `objectives.${i}`;
    if (indexOfKey.has(o.key))
      errors.push({
        path: `${at}.key`,
        message: `${o.key} is defined twice (also at objectives.${indexOfKey.get(o.key)})`,
      });
    else indexOfKey.set(o.key, i);
    if (!levelIds.has(o.level))
      errors.push({
        path: `${at}.level`,
        message: `${o.key}: there is no level "${o.level}" (levels: ${[...levelIds].join(', ')})`,
      });
    if (!periodIds.has(o.period))
      errors.push({ path: `${at}.period`, message: `${o.key}: there is no period "${o.period}"` });
    if (o.workgroup !== null && !workgroupIds.has(o.workgroup))
      errors.push({ path: `${at}.workgroup`, message: `${o.key}: there is no workgroup "${o.workgroup}"` });
    if (o.workgroup === null && o.level === lowestLevel && levelIds.size > 1)
      errors.push({ path: `${at}.workgroup`, message: `${o.key} is at the workgroup level and needs a workgroup` });
    const krKeys = new Set<string>();
    o.keyResults.forEach((kr, j) => {
      if (kr.key === undefined) return;
      if (krKeys.has(kr.key))
        errors.push({ path: `${at}.keyResults.${j}.key`, message: `${o.key}: key result ${kr.key} is defined twice` });
      krKeys.add(kr.key);
    });
  });

  file.objectives.forEach((o, i) => {
    if (o.parent !== null && !indexOfKey.has(o.parent))
      errors.push({ path: `objectives.${i}.parent`, message: `${o.key}: its parent ${o.parent} is not in the file` });
    o.alignments.forEach((a, j) => {
      if (!indexOfKey.has(a.objective))
        errors.push({
          path: `objectives.${i}.alignments.${j}.objective`,
          message: `${o.key}: ${a.objective} is not in the file`,
        });
    });
  });

  // hierarchy rules on the objectives whose references resolve (unknown ones are reported above)
  const firsts = file.objectives.filter((o, i) => indexOfKey.get(o.key) === i);
  const nodes = firsts.map((o) => ({
    id: o.key,
    key: o.key,
    levelId: o.level,
    parentId: o.parent !== null && indexOfKey.has(o.parent) ? o.parent : null,
    alignments: o.alignments
      .filter((a) => indexOfKey.has(a.objective))
      .map((a) => ({ objectiveId: a.objective, weight: a.weight })),
  }));
  for (const e of validateHierarchy(file.levels, nodes)) {
    if (e.code === 'UNKNOWN_LEVEL' || e.code === 'UNKNOWN_PARENT') continue;
    const first = e.objectiveIds[0] as string;
    const field = e.code === 'PARENT_NOT_HIGHER' ? 'parent' : e.code === 'CYCLE' ? 'parent' : 'alignments';
    errors.push({ path: `objectives.${indexOfKey.get(first)}.${field}`, message: e.message });
  }
  return errors;
}

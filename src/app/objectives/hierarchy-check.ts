/**
 * The hierarchy rules (src/domain/hierarchy.ts validateHierarchy) applied to one change, over the
 * objectives it affects: the objective as it will be; everything it contributes to, up the
 * hierarchy (read level by level, one batch per level); and, when its level changes, the
 * objectives that contribute to it (its children by the `by-parent` index, the others from its
 * rollup record's contributors). Only problems that involve the changed objective are reported,
 * each with the payload field at fault and a message naming every objective involved (a cycle
 * names them all, in order).
 */
import type { ErrorDetail, Level, Objective } from '../../contract';
import { targetsOf, validateHierarchy, type HierarchyError } from '../../domain/hierarchy';
import type { ObjectiveAccess } from './objective-access';
import type { RollupStore, ObjectiveStore } from '../../ports';

type Node = Pick<Objective, 'id' | 'key' | 'levelId' | 'parentId' | 'alignments'>;

/** Levels of objectives read upward at most (there are at most 10 levels; alignments may stay on a level). */
const MAX_ROUNDS = 25;

export interface HierarchyCheck {
  objectiveStore: ObjectiveStore;
  rollups: RollupStore;
  access: ObjectiveAccess;
  levels: readonly Pick<Level, 'id'>[];
}

/**
 * Problems with `next` (the objective after the change); `before` is the objective as stored
 * (null for a new one). Targets the caller may not see count as objectives that do not exist.
 */
export async function hierarchyProblems(
  check: HierarchyCheck,
  next: Node,
  before: Node | null,
): Promise<ErrorDetail[]> {
  const nodes = new Map<string, Node>([[next.id, next]]);
  const oldTargets = new Set(before === null ? [] : targetsOf(before));
  let frontier = targetsOf(next).filter((t) => t !== next.id);
  for (let round = 0; round < MAX_ROUNDS && frontier.length > 0; round += 1) {
    const found = await check.objectiveStore.getMany(frontier.filter((k) => !nodes.has(k)));
    const added: Node[] = [];
    for (const [key, o] of found) {
      // a new target must be one the caller may see; otherwise it is as if it did not exist
      if (round === 0 && !oldTargets.has(key) && !(await check.access.canView(o))) continue;
      nodes.set(key, o);
      added.push(o);
    }
    frontier = [...new Set(added.flatMap((o) => targetsOf(o)))].filter((k) => !nodes.has(k));
  }
  if (before !== null && before.levelId !== next.levelId) {
    const children = await check.objectiveStore.withParent(next.id);
    const contributors = ((await check.rollups.getRollups([next.id])).get(next.id)?.contributors ?? []).map(
      (c) => c.objectiveId,
    );
    const others = await check.objectiveStore.getMany(
      contributors.filter((k) => !nodes.has(k) && !children.some((c) => c.id === k)),
    );
    for (const o of [...children, ...others.values()]) if (!nodes.has(o.id)) nodes.set(o.id, o);
  }
  return validateHierarchy(check.levels, [...nodes.values()])
    .filter((e) => e.objectiveIds.includes(next.id) && (e.code !== 'UNKNOWN_PARENT' || e.objectiveIds[0] === next.id))
    .map((e) => ({ path: pathOf(e, next), message: e.message }));
}

/** The payload field a hierarchy problem is about. */
function pathOf(e: HierarchyError, o: Node): string {
  const alignment = (target: string) => {
    const i = o.alignments.findIndex((a) => a.objectiveId === target);
    return i < 0 ? 'alignments' : `alignments.${i}.objectiveId`;
  };
  const isChild = e.objectiveIds[0] === o.id;
  switch (e.code) {
    case 'UNKNOWN_LEVEL':
      return 'levelId';
    case 'UNKNOWN_PARENT':
      return e.parentId === o.parentId ? 'parentId' : alignment(e.parentId);
    case 'PARENT_NOT_HIGHER':
      return isChild ? 'parentId' : 'levelId';
    case 'ALIGNMENT_TO_LOWER_LEVEL':
      return isChild ? alignment(e.objectiveIds[1]) : 'levelId';
    case 'DUPLICATE_ALIGNMENT':
      return alignment(e.objectiveIds[1]);
    case 'SELF_ALIGNMENT':
      return o.parentId === o.id ? 'parentId' : alignment(o.id);
    case 'CYCLE':
      return o.parentId !== null && e.objectiveIds.includes(o.parentId) ? 'parentId' : 'alignments';
  }
}

import type { Level, Objective } from '../contract';
import { sitsAbove } from '../contract/levels';

/** Why a hierarchy is refused. Every error names each objective involved. */
export type HierarchyError =
  | { code: 'UNKNOWN_LEVEL'; objectiveIds: [string]; levelId: string; message: string }
  | { code: 'UNKNOWN_PARENT'; objectiveIds: [string]; parentId: string; message: string }
  | { code: 'PARENT_NOT_HIGHER'; objectiveIds: [string, string]; message: string }
  | { code: 'ALIGNMENT_TO_LOWER_LEVEL'; objectiveIds: [string, string]; message: string }
  | { code: 'DUPLICATE_ALIGNMENT'; objectiveIds: [string, string]; message: string }
  | { code: 'SELF_ALIGNMENT'; objectiveIds: [string]; message: string }
  | { code: 'CYCLE'; objectiveIds: string[]; message: string };

type Node = Pick<Objective, 'id' | 'key' | 'levelId' | 'parentId' | 'alignments'>;

/** Every objective an objective contributes to: its primary parent first, then its alignments. */
export function targetsOf(o: Pick<Objective, 'parentId' | 'alignments'>): string[] {
  const out = o.parentId === null ? [] : [o.parentId];
  for (const a of o.alignments) out.push(a.objectiveId);
  return out;
}

/**
 * Checks the rules of the hierarchy:
 * - a primary parent sits at a strictly higher level (lower index in `levels`);
 * - an additional alignment points to the same or a higher level, never to itself, once per target;
 * - primary parents and alignments together never form a cycle.
 */
export function validateHierarchy(levels: readonly Pick<Level, 'id'>[], objectives: readonly Node[]): HierarchyError[] {
  const errors: HierarchyError[] = [];
  const rank = new Map(levels.map((l, i) => [l.id, i]));
  const byId = new Map(objectives.map((o) => [o.id, o]));
  const name = (id: string) => byId.get(id)?.key ?? id;

  for (const o of objectives) {
    const own = rank.get(o.levelId);
    if (own === undefined) {
      errors.push({
        code: 'UNKNOWN_LEVEL',
        objectiveIds: [o.id],
        levelId: o.levelId,
        message: `${o.key} is at level "${o.levelId}", which does not exist`,
      });
    }
    if (o.parentId !== null) {
      const parent = byId.get(o.parentId);
      if (!parent) {
        errors.push({
          code: 'UNKNOWN_PARENT',
          objectiveIds: [o.id],
          parentId: o.parentId,
          message: `${o.key} aligns to ${o.parentId}, which does not exist`,
        });
      } else if (o.parentId === o.id) {
        errors.push({ code: 'SELF_ALIGNMENT', objectiveIds: [o.id], message: `${o.key} cannot be its own parent` });
      } else {
        const theirs = rank.get(parent.levelId);
        if (own !== undefined && theirs !== undefined && !sitsAbove(levels, parent.levelId, o.levelId)) {
          errors.push({
            code: 'PARENT_NOT_HIGHER',
            objectiveIds: [o.id, parent.id],
            message: `${o.key}'s parent ${parent.key} must sit at a higher level than ${o.key}`,
          });
        }
      }
    }
    const seen = new Set<string>(o.parentId === null ? [] : [o.parentId]);
    for (const a of o.alignments) {
      const target = byId.get(a.objectiveId);
      if (a.objectiveId === o.id) {
        errors.push({ code: 'SELF_ALIGNMENT', objectiveIds: [o.id], message: `${o.key} cannot contribute to itself` });
        continue;
      }
      if (!target) {
        errors.push({
          code: 'UNKNOWN_PARENT',
          objectiveIds: [o.id],
          parentId: a.objectiveId,
          message: `${o.key} contributes to ${a.objectiveId}, which does not exist`,
        });
        continue;
      }
      if (seen.has(a.objectiveId)) {
        errors.push({
          code: 'DUPLICATE_ALIGNMENT',
          objectiveIds: [o.id, target.id],
          message: `${o.key} is aligned to ${target.key} more than once`,
        });
      }
      seen.add(a.objectiveId);
      const theirs = rank.get(target.levelId);
      if (own !== undefined && theirs !== undefined && theirs > own) {
        errors.push({
          code: 'ALIGNMENT_TO_LOWER_LEVEL',
          objectiveIds: [o.id, target.id],
          message: `${o.key} cannot contribute to ${target.key}, which sits at a lower level`,
        });
      }
    }
  }

  for (const cycle of findCycles(objectives, byId)) {
    errors.push({
      code: 'CYCLE',
      objectiveIds: cycle,
      message: `these objectives align to each other in a circle: ${cycle.map(name).join(' → ')} → ${name(cycle[0] as string)}`,
    });
  }
  return errors;
}

/**
 * Strongly connected components of the "contributes to" graph that contain a cycle, each
 * listed in the order of one walk around the cycle, starting from its smallest id
 * (iterative Tarjan, so deep hierarchies cannot overflow the stack).
 */
function findCycles(objectives: readonly Node[], byId: Map<string, Node>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let counter = 0;
  const edges = (id: string) => targetsOf(byId.get(id) as Node).filter((t) => byId.has(t) && t !== id);

  for (const start of [...objectives.map((o) => o.id)].sort()) {
    if (index.has(start)) continue;
    const work: { id: string; next: number; targets: string[] }[] = [];
    const open = (id: string) => {
      index.set(id, counter);
      low.set(id, counter);
      counter += 1;
      stack.push(id);
      onStack.add(id);
      work.push({ id, next: 0, targets: edges(id) });
    };
    open(start);
    while (work.length > 0) {
      const frame = work[work.length - 1] as (typeof work)[number];
      if (frame.next < frame.targets.length) {
        const t = frame.targets[frame.next++] as string;
        if (!index.has(t)) open(t);
        else if (onStack.has(t)) low.set(frame.id, Math.min(low.get(frame.id) as number, index.get(t) as number));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id) as number, low.get(frame.id) as number));
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop() as string;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.id);
        if (component.length > 1) cycles.push(walkCycle(component, edges));
      }
    }
  }
  return cycles;
}

/** Orders a cyclic component along one cycle through its smallest member, then the rest. */
function walkCycle(component: string[], edges: (id: string) => string[]): string[] {
  const members = new Set(component);
  const first = [...component].sort()[0] as string;
  // breadth-first from `first` inside the component, back to `first`
  const prev = new Map<string, string>();
  const queue = [first];
  let closing: string | null = null;
  while (queue.length > 0 && closing === null) {
    const at = queue.shift() as string;
    for (const t of edges(at)) {
      if (!members.has(t)) continue;
      if (t === first) {
        closing = at;
        break;
      }
      if (!prev.has(t)) {
        prev.set(t, at);
        queue.push(t);
      }
    }
  }
  const path: string[] = [];
  for (let at: string | undefined = closing ?? undefined; at !== undefined && at !== first; at = prev.get(at))
    path.push(at);
  const cycle = [first, ...path.reverse()];
  const rest = component.filter((id) => !cycle.includes(id)).sort();
  return [...cycle, ...rest];
}

/** The objectives in an order where every objective comes after all that contribute to it. */
export function bottomUpOrder(objectives: readonly Node[]): string[] {
  const byId = new Map(objectives.map((o) => [o.id, o]));
  const pending = new Map<string, number>();
  for (const o of objectives) pending.set(o.id, 0);
  for (const o of objectives) {
    for (const t of new Set(targetsOf(o)))
      if (byId.has(t) && t !== o.id) pending.set(t, (pending.get(t) as number) + 1);
  }
  const ready = [...pending].filter(([, n]) => n === 0).map(([id]) => id);
  const out: string[] = [];
  while (ready.length > 0) {
    const id = ready.pop() as string;
    out.push(id);
    for (const t of new Set(targetsOf(byId.get(id) as Node))) {
      if (!byId.has(t) || t === id) continue;
      const left = (pending.get(t) as number) - 1;
      pending.set(t, left);
      if (left === 0) ready.push(t);
    }
  }
  if (out.length !== objectives.length) throw new Error('bottomUpOrder: the hierarchy has a cycle; validate it first');
  return out;
}

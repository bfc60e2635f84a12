/**
 * The organisation's objectives as a tree (the organisation page, the dashboard gadget): the page's
 * entries under their primary parents, with the parents the reply adds for context. Pure: no DOM,
 * no React. Siblings by level (highest first), then key; the tree rules are parent-tree.ts's.
 */
import type { OrganisationEntry } from '@contract/api';
import { compareObjectiveKeys } from '@contract/key-order';
import type { Level } from '@contract/levels';
import { buildTree } from './parent-tree';

export interface OutlineNode {
  entry: OrganisationEntry;
  /** Shown for context only: above a matching objective, not matching itself (or on another page). */
  context: boolean;
  children: OutlineNode[];
}

export function organisationTree(
  entries: readonly OrganisationEntry[],
  context: readonly OrganisationEntry[],
  levels: readonly Pick<Level, 'id'>[],
): OutlineNode[] {
  const levelIndex = new Map(levels.map((l, i) => [l.id, i]));
  const levelOf = (e: OrganisationEntry) => levelIndex.get(e.objective.levelId) ?? levels.length;
  const matching = new Set(entries.map((e) => e.objective.id));
  const all = [...context.filter((e) => !matching.has(e.objective.id)), ...entries];
  return buildTree(
    all,
    {
      id: (e) => e.objective.id,
      parentId: (e) => e.objective.parentId,
      compare: (a, b) => levelOf(a) - levelOf(b) || compareObjectiveKeys(a.objective.key, b.objective.key),
    },
    (entry, children): OutlineNode => ({ entry, context: !matching.has(entry.objective.id), children }),
  );
}

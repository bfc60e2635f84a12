/**
 * "Move to…"'s choices, computed: the parents an objective may be hung under at the level it will
 * have (its own, or the one chosen), by the server's own rule (`sitsAbove`, src/contract/levels.ts:
 * a parent sits at a strictly higher level). Pure: no React, no DOM.
 */
import { sitsAbove, type Level } from '@contract/levels';

export function parentChoices<O extends { levelId: string }>(
  levels: readonly Pick<Level, 'id'>[],
  candidates: readonly O[],
  levelId: string,
): O[] {
  return candidates.filter((c) => sitsAbove(levels, c.levelId, levelId));
}

/** The levels the objective may move to with the parent chosen (any, without a parent). */
export function levelChoices<L extends Pick<Level, 'id'>>(levels: readonly L[], parentLevelId: string | null): L[] {
  return parentLevelId === null ? [...levels] : levels.filter((l) => sitsAbove(levels, parentLevelId, l.id));
}

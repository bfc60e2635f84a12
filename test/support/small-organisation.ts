import fc from 'fast-check';
import type { IssueState } from '../../src/contract';
import { aKeyResult, anIssue, anObjective, DAY, T0 } from './builders';

/**
 * A small organisation: two top objectives, three below them (one also aligned to the other
 * top objective), key results of the computed kinds, and a dozen issues. Small, so that random
 * change sequences hit the same issues again and again: epics gaining and losing children,
 * points appearing under containers, links overlapping.
 */
const top1 = anObjective({ id: 'top1', key: 'O-101', levelId: 'organisation' });
const top2 = anObjective({ id: 'top2', key: 'O-102', levelId: 'organisation' });
const mid = anObjective({
  id: 'mid',
  key: 'O-103',
  levelId: 'strategic',
  parentId: 'top1',
  weight: 2,
  alignments: [{ objectiveId: 'top2', weight: 0.5 }],
});
const low1 = anObjective({ id: 'low1', key: 'O-104', parentId: 'mid' });
const low2 = anObjective({ id: 'low2', key: 'O-105', parentId: 'top2' });
export const OBJECTIVES = [top1, top2, mid, low1, low2];
export const KEY_RESULTS = [
  aKeyResult({ id: 'kr-count', objectiveId: 'low1', kind: 'completion', measure: 'count' }),
  aKeyResult({ id: 'kr-points', objectiveId: 'low1', kind: 'completion', measure: 'story-points', weight: 3 }),
  aKeyResult({ id: 'kr-ontime', objectiveId: 'low2', kind: 'delivery-quality', measure: 'on-time-rate', target: 0.8 }),
  aKeyResult({
    id: 'kr-cycle',
    objectiveId: 'low2',
    kind: 'delivery-quality',
    measure: 'median-cycle-time',
    target: 5,
    scope: 'key-result',
  }),
  aKeyResult({ id: 'kr-mid', objectiveId: 'mid', kind: 'completion', scope: 'objective' }),
];
export const TARGETS: { objectiveId: string; keyResultId: string | null }[] = [
  { objectiveId: 'low1', keyResultId: 'kr-count' },
  { objectiveId: 'low1', keyResultId: 'kr-points' },
  { objectiveId: 'low1', keyResultId: null },
  { objectiveId: 'low2', keyResultId: 'kr-ontime' },
  { objectiveId: 'low2', keyResultId: 'kr-cycle' },
  { objectiveId: 'mid', keyResultId: null },
  { objectiveId: 'mid', keyResultId: 'kr-mid' },
];
export const KEYS = Array.from({ length: 12 }, (_, i) => `ABC-${i + 1}`);
export const NOW = T0 + 40 * DAY;

export const issueFields = (i: number) =>
  fc.record({
    parent: fc.option(fc.integer({ min: 0, max: Math.max(0, i - 1) }), { nil: null }),
    statusCategory: fc.constantFrom('new' as const, 'indeterminate' as const, 'done' as const),
    storyPoints: fc.option(fc.constantFrom(0, 0.5, 1, 2, 3, 5, 8, 13), { nil: null }),
    isBug: fc.boolean(),
    resolvedDay: fc.integer({ min: 0, max: 39 }),
    dueDay: fc.option(fc.integer({ min: 0, max: 45 }), { nil: null }),
  });

type Fields = {
  parent: number | null;
  statusCategory: IssueState['statusCategory'];
  storyPoints: number | null;
  isBug: boolean;
  resolvedDay: number;
  dueDay: number | null;
};

export function makeIssue(i: number, f: Fields, updated: number): IssueState {
  return anIssue({
    key: KEYS[i] as string,
    // a parent always has a smaller number: Jira hierarchies have no cycles
    parentKey: f.parent === null || f.parent >= i ? null : (KEYS[f.parent] as string),
    statusCategory: f.statusCategory,
    storyPoints: f.storyPoints,
    isBug: f.isBug,
    resolved: f.statusCategory === 'done' ? T0 + f.resolvedDay * DAY : null,
    dueDate: f.dueDay === null ? null : new Date(T0 + f.dueDay * DAY).toISOString().slice(0, 10),
    updated,
  });
}

export const change = fc.oneof(
  fc
    .integer({ min: 0, max: 11 })
    .chain((i) => issueFields(i).map((f) => ({ type: 'upsert' as const, i, f, keepParent: false }))),
  // an edit in place (status, points, dates) under the same parent: the common Jira event
  fc
    .integer({ min: 0, max: 11 })
    .chain((i) => issueFields(i).map((f) => ({ type: 'upsert' as const, i, f, keepParent: true }))),
  fc.integer({ min: 0, max: 11 }).map((i) => ({ type: 'delete' as const, i })),
  fc.record({
    type: fc.constantFrom('link' as const, 'unlink' as const),
    i: fc.integer({ min: 0, max: 11 }),
    t: fc.integer({ min: 0, max: TARGETS.length - 1 }),
  }),
);

export const initial = fc.record({
  issues: fc.tuple(...KEYS.map((_, i) => fc.option(issueFields(i), { nil: null }))),
  links: fc.array(
    fc.record({ i: fc.integer({ min: 0, max: 11 }), t: fc.integer({ min: 0, max: TARGETS.length - 1 }) }),
    { maxLength: 10 },
  ),
});

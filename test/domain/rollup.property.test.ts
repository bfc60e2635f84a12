import fc from 'fast-check';
import type { Contribution, IssueState, ObjectiveRollup } from '../../src/contract';
import { applyContributionChange, applyIssueChange, fullRollup } from '../../src/domain/rollup';
import type { RollupInput, RollupModel } from '../../src/domain/rollup-model';
import { aContribution, aKeyResult, anIssue, anObjective, aRollupInput, DAY, T0 } from '../support/builders';

/**
 * A small organisation: two top objectives, three below them (one also aligned to the other
 * top objective), key results of the computed kinds, and a dozen issues. Small, so that random
 * change sequences hit the same issues again and again: epics gaining and losing children,
 * points appearing under containers, links overlapping.
 */
const top1 = anObjective({ id: 'top1', key: 'O-101', levelId: 'organisation' });
const top2 = anObjective({ id: 'top2', key: 'O-102', levelId: 'organisation' });
const mid = anObjective({ id: 'mid', key: 'O-103', levelId: 'strategic', parentId: 'top1', weight: 2, alignments: [{ objectiveId: 'top2', weight: 0.5 }] });
const low1 = anObjective({ id: 'low1', key: 'O-104', parentId: 'mid' });
const low2 = anObjective({ id: 'low2', key: 'O-105', parentId: 'top2' });
const OBJECTIVES = [top1, top2, mid, low1, low2];
const KEY_RESULTS = [
  aKeyResult({ id: 'kr-count', objectiveId: 'low1', kind: 'completion', measure: 'count' }),
  aKeyResult({ id: 'kr-points', objectiveId: 'low1', kind: 'completion', measure: 'story-points', weight: 3 }),
  aKeyResult({ id: 'kr-ontime', objectiveId: 'low2', kind: 'delivery-quality', measure: 'on-time-rate', target: 0.8 }),
  aKeyResult({ id: 'kr-cycle', objectiveId: 'low2', kind: 'delivery-quality', measure: 'median-cycle-time', target: 5, scope: 'key-result' }),
  aKeyResult({ id: 'kr-mid', objectiveId: 'mid', kind: 'completion', scope: 'objective' }),
];
const TARGETS: { objectiveId: string; keyResultId: string | null }[] = [
  { objectiveId: 'low1', keyResultId: 'kr-count' },
  { objectiveId: 'low1', keyResultId: 'kr-points' },
  { objectiveId: 'low1', keyResultId: null },
  { objectiveId: 'low2', keyResultId: 'kr-ontime' },
  { objectiveId: 'low2', keyResultId: 'kr-cycle' },
  { objectiveId: 'mid', keyResultId: null },
  { objectiveId: 'mid', keyResultId: 'kr-mid' },
];
const KEYS = Array.from({ length: 12 }, (_, i) => `ABC-${i + 1}`);
const NOW = T0 + 40 * DAY;

const issueFields = (i: number) =>
  fc.record({
    parent: fc.option(fc.integer({ min: 0, max: Math.max(0, i - 1) }), { nil: null }),
    statusCategory: fc.constantFrom('new' as const, 'indeterminate' as const, 'done' as const),
    storyPoints: fc.option(fc.constantFrom(0, 0.5, 1, 2, 3, 5, 8, 13), { nil: null }),
    isBug: fc.boolean(),
    resolvedDay: fc.integer({ min: 0, max: 39 }),
    dueDay: fc.option(fc.integer({ min: 0, max: 45 }), { nil: null }),
  });

type Fields = { parent: number | null; statusCategory: IssueState['statusCategory']; storyPoints: number | null; isBug: boolean; resolvedDay: number; dueDay: number | null };

function makeIssue(i: number, f: Fields, updated: number): IssueState {
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

const change = fc.oneof(
  fc.integer({ min: 0, max: 11 }).chain((i) => issueFields(i).map((f) => ({ type: 'upsert' as const, i, f, keepParent: false }))),
  // an edit in place (status, points, dates) under the same parent: the common Jira event
  fc.integer({ min: 0, max: 11 }).chain((i) => issueFields(i).map((f) => ({ type: 'upsert' as const, i, f, keepParent: true }))),
  fc.integer({ min: 0, max: 11 }).map((i) => ({ type: 'delete' as const, i })),
  fc.record({ type: fc.constantFrom('link' as const, 'unlink' as const), i: fc.integer({ min: 0, max: 11 }), t: fc.integer({ min: 0, max: TARGETS.length - 1 }) }),
);

const initial = fc.record({
  issues: fc.tuple(...KEYS.map((_, i) => fc.option(issueFields(i), { nil: null }))),
  links: fc.array(fc.record({ i: fc.integer({ min: 0, max: 11 }), t: fc.integer({ min: 0, max: TARGETS.length - 1 }) }), { maxLength: 10 }),
});

function records(model: RollupModel): Record<string, ObjectiveRollup> {
  return Object.fromEntries([...model.records.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}

function inputOf(issues: Map<string, IssueState>, contributions: Contribution[]): RollupInput {
  return aRollupInput({ objectives: OBJECTIVES, keyResults: KEY_RESULTS, issues: [...issues.values()], contributions, now: NOW });
}

describe('incremental rollup', () => {
  it('equals a full recompute after any sequence of issue and link changes', () => {
    fc.assert(
      fc.property(initial, fc.array(change, { maxLength: 25 }), (start, changes) => {
        const issues = new Map<string, IssueState>();
        start.issues.forEach((f, i) => {
          if (f !== null) issues.set(KEYS[i] as string, makeIssue(i, f, T0));
        });
        let contributions = start.links.map(({ i, t }) => aContribution({ issueKey: KEYS[i] as string, ...TARGETS[t]! }));
        const model = fullRollup(inputOf(issues, contributions));
        let clock = T0;
        for (const c of changes) {
          clock += 1000;
          if (c.type === 'upsert') {
            const current = issues.get(KEYS[c.i] as string);
            const keep = c.keepParent && current !== undefined;
            const issue = { ...makeIssue(c.i, c.f, clock), ...(keep ? { parentKey: current.parentKey } : {}) };
            issues.set(issue.key, issue);
            applyIssueChange(model, { type: 'upsert', issue });
          } else if (c.type === 'delete') {
            issues.delete(KEYS[c.i] as string);
            applyIssueChange(model, { type: 'delete', key: KEYS[c.i] as string });
          } else {
            const link = { issueKey: KEYS[c.i] as string, ...TARGETS[c.t]! };
            const at = contributions.findIndex((x) => x.issueKey === link.issueKey && x.objectiveId === link.objectiveId && x.keyResultId === link.keyResultId);
            if (c.type === 'link') contributions = [...contributions, aContribution(link)];
            else if (at >= 0) contributions = contributions.filter((_, j) => j !== at);
            else continue;
            applyContributionChange(model, { type: c.type, contribution: link });
          }
          expect(records(model)).toEqual(records(fullRollup(inputOf(issues, contributions))));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('returns exactly the records that changed', () => {
    fc.assert(
      fc.property(initial, fc.integer({ min: 0, max: 11 }).chain((i) => issueFields(i).map((f) => ({ i, f }))), (start, { i, f }) => {
        const issues = new Map<string, IssueState>();
        start.issues.forEach((fields, j) => {
          if (fields !== null) issues.set(KEYS[j] as string, makeIssue(j, fields, T0));
        });
        const contributions = start.links.map(({ i: j, t }) => aContribution({ issueKey: KEYS[j] as string, ...TARGETS[t]! }));
        const model = fullRollup(inputOf(issues, contributions));
        const before = records(model);
        const changed = applyIssueChange(model, { type: 'upsert', issue: makeIssue(i, f, T0 + 1000) });
        const after = records(model);
        const reallyChanged = Object.keys(after).filter((id) => JSON.stringify(after[id]) !== JSON.stringify(before[id]));
        expect(changed.map((r) => r.objectiveId).sort()).toEqual(reallyChanged.sort());
      }),
      { numRuns: 300 },
    );
  });
});

describe('full rollup', () => {
  it('does not depend on the order of its input', () => {
    fc.assert(
      fc.property(initial, fc.integer(), (start, seed) => {
        const issues: IssueState[] = [];
        start.issues.forEach((f, i) => {
          if (f !== null) issues.push(makeIssue(i, f, T0));
        });
        const contributions = start.links.map(({ i, t }) => aContribution({ issueKey: KEYS[i] as string, ...TARGETS[t]! }));
        const shuffle = <T>(xs: readonly T[]): T[] => {
          const out = [...xs];
          let s = seed;
          for (let k = out.length - 1; k > 0; k--) {
            s = (s * 1103515245 + 12345) & 0x7fffffff;
            const j = s % (k + 1);
            [out[k], out[j]] = [out[j] as T, out[k] as T];
          }
          return out;
        };
        const a = fullRollup(aRollupInput({ objectives: OBJECTIVES, keyResults: KEY_RESULTS, issues, contributions, now: NOW }));
        const b = fullRollup(
          aRollupInput({ objectives: shuffle(OBJECTIVES), keyResults: shuffle(KEY_RESULTS), issues: shuffle(issues), contributions: shuffle(contributions), now: NOW }),
        );
        expect(records(b)).toEqual(records(a));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps every progress in [0, 1] or null', () => {
    fc.assert(
      fc.property(initial, (start) => {
        const issues: IssueState[] = [];
        start.issues.forEach((f, i) => {
          if (f !== null) issues.push(makeIssue(i, f, T0));
        });
        const contributions = start.links.map(({ i, t }) => aContribution({ issueKey: KEYS[i] as string, ...TARGETS[t]! }));
        const model = fullRollup(aRollupInput({ objectives: OBJECTIVES, keyResults: KEY_RESULTS, issues, contributions, now: NOW }));
        for (const r of model.records.values()) {
          for (const p of [r.progress, ...r.keyResults.map((k) => k.progress)]) {
            if (p !== null) {
              expect(p).toBeGreaterThanOrEqual(0);
              expect(p).toBeLessThanOrEqual(1);
            }
          }
          if (r.measuredInputs === 0) expect(r.progress).toBeNull();
        }
      }),
      { numRuns: 200 },
    );
  });
});

import fc from 'fast-check';
import type { IssueState } from '../../../src/contract';
import { applyIssueEvent } from '../../../src/app/rollup/apply-issue-event';
import { MemoryRollupStore } from '../../support/memory-rollup-store';
import { expectSameAsFullRecompute } from '../../support/rollup-oracle';
import { recordsOf, storedRecords } from '../../support/rollup-records';
import {
  aContribution,
  aKeyResult,
  anIssue,
  anObjective,
  aPeriod,
  aPolicy,
  aRollupInput,
  DAY,
  T0,
} from '../../support/builders';

const top = anObjective({ id: 'top', key: 'O-201', levelId: 'organisation' });
const side = anObjective({ id: 'side', key: 'O-202', levelId: 'organisation' });
const mid = anObjective({
  id: 'mid',
  key: 'O-203',
  levelId: 'strategic',
  parentId: 'top',
  weight: 2,
  alignments: [{ objectiveId: 'side', weight: 0.5 }],
});
const low = anObjective({ id: 'low', key: 'O-204', parentId: 'mid' });
const other = anObjective({ id: 'other', key: 'O-205', parentId: 'side' });
const OBJECTIVES = [top, side, mid, low, other];
const KEY_RESULTS = [
  aKeyResult({ id: 'kr-count', objectiveId: 'low', kind: 'completion' }),
  aKeyResult({ id: 'kr-points', objectiveId: 'low', kind: 'completion', measure: 'story-points' }),
  aKeyResult({
    id: 'kr-cycle',
    objectiveId: 'other',
    kind: 'delivery-quality',
    measure: 'median-cycle-time',
    target: 4,
    scope: 'key-result',
  }),
  aKeyResult({ id: 'kr-ontime', objectiveId: 'other', kind: 'delivery-quality', measure: 'on-time-rate', target: 0.8 }),
];
const TARGETS = [
  { objectiveId: 'low', keyResultId: 'kr-count' },
  { objectiveId: 'low', keyResultId: 'kr-points' },
  { objectiveId: 'low', keyResultId: null },
  { objectiveId: 'other', keyResultId: 'kr-cycle' },
  { objectiveId: 'other', keyResultId: null },
  { objectiveId: 'mid', keyResultId: null },
];
const KEYS = Array.from({ length: 10 }, (_, i) => `EV-${i + 1}`);
const NOW = T0 + 40 * DAY;
const settings = { policy: aPolicy(), periods: [aPeriod()] };

const fields = (i: number) =>
  fc.record({
    parent: fc.option(fc.integer({ min: 0, max: Math.max(0, i - 1) }), { nil: null }),
    statusCategory: fc.constantFrom('new' as const, 'indeterminate' as const, 'done' as const),
    storyPoints: fc.option(fc.constantFrom(1, 2, 3, 5, 8), { nil: null }),
    resolvedDay: fc.integer({ min: 0, max: 39 }),
    dueDay: fc.option(fc.integer({ min: 0, max: 45 }), { nil: null }),
  });
type Fields = {
  parent: number | null;
  statusCategory: IssueState['statusCategory'];
  storyPoints: number | null;
  resolvedDay: number;
  dueDay: number | null;
};

function issue(i: number, f: Fields, updated: number): IssueState {
  return anIssue({
    key: KEYS[i] as string,
    parentKey: f.parent === null || f.parent >= i ? null : (KEYS[f.parent] as string),
    statusCategory: f.statusCategory,
    storyPoints: f.storyPoints,
    resolved: f.statusCategory === 'done' ? T0 + f.resolvedDay * DAY : null,
    dueDate: f.dueDay === null ? null : new Date(T0 + f.dueDay * DAY).toISOString().slice(0, 10),
    updated,
  });
}

const event = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .integer({ min: 0, max: 9 })
      .chain((i) => fields(i).map((f) => ({ type: 'upsert' as const, i, f, keepParent: true }))),
  },
  {
    weight: 2,
    arbitrary: fc
      .integer({ min: 0, max: 9 })
      .chain((i) => fields(i).map((f) => ({ type: 'upsert' as const, i, f, keepParent: false }))),
  },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 9 }).map((i) => ({ type: 'delete' as const, i })) },
);

describe('the live rollup over stored records', () => {
  it('lands on exactly what a full recompute gives, after any sequence of issue events', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(...KEYS.map((_, i) => fc.option(fields(i), { nil: null }))),
        fc.array(fc.record({ i: fc.integer({ min: 0, max: 9 }), t: fc.integer({ min: 0, max: TARGETS.length - 1 }) }), {
          maxLength: 8,
        }),
        fc.array(event, { maxLength: 20 }),
        async (start, links, events) => {
          const issues = new Map<string, IssueState>();
          start.forEach((f, i) => {
            if (f !== null) issues.set(KEYS[i] as string, issue(i, f, T0));
          });
          const contributions = links.map(({ i, t }) => aContribution({ issueKey: KEYS[i] as string, ...TARGETS[t]! }));
          const input = () =>
            aRollupInput({
              objectives: OBJECTIVES,
              keyResults: KEY_RESULTS,
              issues: [...issues.values()],
              contributions,
              now: NOW,
            });
          const initial = storedRecords(input());
          const store = new MemoryRollupStore(initial.issues, initial.rollups, contributions);
          let clock = T0;
          for (const e of events) {
            clock += 1000;
            if (e.type === 'delete') {
              issues.delete(KEYS[e.i] as string);
              await applyIssueEvent(store, { type: 'delete', key: KEYS[e.i] as string }, settings, NOW);
            } else {
              const current = issues.get(KEYS[e.i] as string);
              const next = {
                ...issue(e.i, e.f, clock),
                ...(e.keepParent && current ? { parentKey: current.parentKey } : {}),
              };
              issues.set(next.key, next);
              await applyIssueEvent(store, { type: 'upsert', issue: next }, settings, NOW);
            }
            const expected = recordsOf(input());
            for (const o of OBJECTIVES) expect(store.rollups.get(o.id)!.record).toEqual(expected.get(o.id));
            // every record kept (issues and rollups) is the full recompute's, and the records shown the reference's
            expectSameAsFullRecompute(store, input());
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('ignores an event older than the stored state', async () => {
    const contributions = [aContribution({ issueKey: 'EV-1', objectiveId: 'low', keyResultId: 'kr-count' })];
    const initial = storedRecords(
      aRollupInput({
        objectives: OBJECTIVES,
        keyResults: KEY_RESULTS,
        issues: [anIssue({ key: 'EV-1', updated: T0 + 5000 })],
        contributions,
        now: NOW,
      }),
    );
    const store = new MemoryRollupStore(initial.issues, initial.rollups, contributions);
    const outcome = await applyIssueEvent(
      store,
      { type: 'upsert', issue: anIssue({ key: 'EV-1', statusCategory: 'done', updated: T0 + 1000 }) },
      settings,
      NOW,
    );
    expect(outcome).toEqual({ ignored: true, changed: [] });
    expect(store.rollups.get('low')!.record.work.done).toBe(0);
  });
});

describe('concurrent events', () => {
  it('lose no update: a conflicting write is refused and the event is applied again on fresh data', async () => {
    const contributions = [aContribution({ issueKey: 'EV-1', objectiveId: 'low', keyResultId: 'kr-count' })];
    const issues = [
      anIssue({ key: 'EV-1' }),
      anIssue({ key: 'EV-2', parentKey: 'EV-1' }),
      anIssue({ key: 'EV-3', parentKey: 'EV-1' }),
    ];
    const initial = storedRecords(
      aRollupInput({ objectives: OBJECTIVES, keyResults: KEY_RESULTS, issues, contributions, now: NOW }),
    );
    const store = new MemoryRollupStore(initial.issues, initial.rollups, contributions);
    // EV-2's event has read everything and is about to write when EV-3's event runs start to end
    let saves = 0;
    store.beforeSave = async () => {
      saves += 1;
      if (saves !== 1) return;
      await applyIssueEvent(
        store,
        {
          type: 'upsert',
          issue: anIssue({ key: 'EV-3', parentKey: 'EV-1', statusCategory: 'done', updated: T0 + 2000 }),
        },
        settings,
        NOW,
      );
    };
    await applyIssueEvent(
      store,
      {
        type: 'upsert',
        issue: anIssue({ key: 'EV-2', parentKey: 'EV-1', statusCategory: 'done', updated: T0 + 1000 }),
      },
      settings,
      NOW,
    );
    // EV-2's first write was refused and it was applied again: three saves in all
    expect(saves).toBe(3);
    expect(store.rollups.get('low')!.record.work).toMatchObject({ issues: 2, done: 2 });
  });
});

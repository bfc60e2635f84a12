import fc from 'fast-check';
import { objectiveRecord, type ContributorInput } from '../../src/domain/rollup/objective-record';
import { figureBreakdown, type ContributorFacts } from '../../src/domain/figure-breakdown';
import { boundsOf } from '../../src/domain/pace';
import { emptyTally } from '../../src/domain/tally';
import { aKeyResult, anObjective, aPeriod, aPolicy, DAY, T0 } from '../support/builders';

const period = boundsOf(aPeriod());
const now = T0 + 40 * DAY;

function facts(id: string, over: Partial<ContributorFacts> = {}): ContributorFacts {
  return {
    key: id,
    title: `Objective ${id}`,
    child: true,
    status: 'active',
    periodStart: period.start,
    startsOn: null,
    ...over,
  };
}

/** An objective with milestone key results (done or not) and contributors, its record made by the engine. */
function rolledUp(
  krs: Array<{ done: boolean; weight: number | null }>,
  contributors: Record<string, ContributorInput>,
  policy = aPolicy(),
) {
  const o = anObjective({ id: 'top', key: 'O-1', levelId: 'strategic' });
  const keyResults = krs.map((k, i) =>
    aKeyResult({ id: `kr-${i}`, key: `KR-${i + 1}`, objectiveId: 'top', kind: 'milestone', ...k }),
  );
  // the rollup's list: in objective id order, as a rollup keeps it
  const list = Object.keys(contributors)
    .sort()
    .map((objectiveId) => ({ objectiveId, ...(contributors[objectiveId] as ContributorInput) }));
  const record = objectiveRecord({
    objective: o,
    keyResults,
    ownTally: emptyTally(),
    keyResultTallies: {},
    measurements: {},
    contributors: list,
    period,
    lastCheckIn: null,
    policy,
    now,
  });
  return { keyResults, contributors: list, record, policy };
}

describe('the breakdown of an objective’s figure', () => {
  it('lists each key result and contributing objective with its weight and share, in the engine’s figure', () => {
    const r = rolledUp([{ done: true, weight: 2 }], {
      'O-2': { weight: null, progress: 0.5, counts: true },
      'O-3': { weight: 1, progress: null, counts: true },
      'O-4': { weight: 0, progress: 0.9, counts: true },
      'O-9': { weight: 1, progress: 0.2, counts: true },
    });
    const b = figureBreakdown(r, r.policy, now, (id) => (id === 'O-9' ? facts(id, { child: false }) : facts(id)));
    // KR-1 1.0 × 2, O-2 0.5 × 1 (the default), O-9 0.2 × 1: (2 + 0.5 + 0.2) / 4
    expect(b.progress).toBeCloseTo(2.7 / 4);
    expect(b.lines.map((l) => [l.kind, l.key, l.weight, l.weightIsDefault, l.share, l.notCounted])).toEqual([
      ['key-result', 'KR-1', 2, false, 0.5, null],
      ['child', 'O-2', 1, true, 0.25, null],
      ['child', 'O-3', 1, false, null, 'no-measure'],
      ['child', 'O-4', 0, false, null, 'weight-zero'],
      ['aligned', 'O-9', 1, false, 0.25, null],
    ]);
    expect(b.hidden).toBeNull();
  });

  it('names a child of a period not begun, drafts and cancelled ones, and the key-results-only policy', () => {
    const r = rolledUp([{ done: false, weight: null }], {
      'O-12': { weight: null, progress: null, counts: true },
      'O-13': { weight: null, progress: 0.4, counts: false },
      'O-14': { weight: null, progress: 0.4, counts: false },
    });
    const jan1 = Date.parse('2027-01-01T00:00:00Z');
    const b = figureBreakdown(r, r.policy, now, (id) =>
      id === 'O-12'
        ? facts(id, { periodStart: jan1, startsOn: '2027-01-01' })
        : facts(id, { status: id === 'O-13' ? 'draft' : 'cancelled' }),
    );
    expect(b.lines.slice(1).map((l) => [l.key, l.notCounted, l.startsOn])).toEqual([
      ['O-12', 'not-started', '2027-01-01'],
      ['O-13', 'draft', null],
      ['O-14', 'cancelled', null],
    ]);
    const only = rolledUp(
      [{ done: true, weight: null }],
      { 'O-2': { weight: 1, progress: 0.5, counts: true } },
      aPolicy({ include: 'key-results-only' }),
    );
    const lines = figureBreakdown(only, only.policy, now, facts).lines;
    expect(lines.map((l) => [l.key, l.share, l.notCounted])).toEqual([
      ['KR-1', 1, null],
      ['O-2', null, 'key-results-only'],
    ]);
  });

  it('shows the objectives the caller may not see as one line with their combined share, naming none', () => {
    const r = rolledUp([{ done: true, weight: 1 }], {
      'O-2': { weight: 1, progress: 0.5, counts: true },
      'O-7': { weight: 1, progress: 0.1, counts: true },
      'O-8': { weight: 2, progress: 0.3, counts: true },
    });
    const b = figureBreakdown(r, r.policy, now, (id) => (id === 'O-2' ? facts(id) : null));
    expect(b.lines.map((l) => l.key)).toEqual(['KR-1', 'O-2']);
    expect(b.hidden?.count).toBe(2);
    expect(b.hidden?.share).toBeCloseTo(0.6);
    expect(JSON.stringify(b)).not.toMatch(/O-7|O-8/);
  });

  it('has shares that sum to 1 over what counts, and add up to the figure the engine made', () => {
    const weight = fc.option(fc.integer({ min: 0, max: 5 }), { nil: null });
    const progress = fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null });
    fc.assert(
      fc.property(
        fc.array(fc.record({ done: fc.boolean(), weight }), { maxLength: 4 }),
        fc.array(fc.record({ weight, progress, counts: fc.boolean(), hidden: fc.boolean() }), { maxLength: 6 }),
        fc.constantFrom('key-results-and-children' as const, 'key-results-only' as const),
        (krs, cs, include) => {
          const contributors = Object.fromEntries(cs.map((c, i) => [`O-${i + 2}`, c]));
          const r = rolledUp(krs, contributors, aPolicy({ include }));
          const b = figureBreakdown(r, r.policy, now, (id) => (contributors[id]?.hidden ? null : facts(id)));
          const counted = b.lines.filter((l) => l.share !== null);
          const shares = counted.reduce((s, l) => s + (l.share as number), 0) + (b.hidden?.share ?? 0);
          if (r.record.progress === null) {
            expect(shares).toBe(0);
            return;
          }
          expect(shares).toBeCloseTo(1, 9);
          const hiddenPart = cs
            .map((c, i) => ({ ...c, id: `O-${i + 2}` }))
            .filter((c) => c.hidden && c.counts && include === 'key-results-and-children' && c.progress !== null)
            .reduce((s, c) => s + (c.weight ?? r.policy.defaultChildWeight) * (c.progress as number), 0);
          const totalWeight =
            counted.reduce((s, l) => s + l.weight, 0) +
            cs
              .filter((c) => c.hidden && c.counts && include === 'key-results-and-children' && c.progress !== null)
              .reduce((s, c) => s + (c.weight ?? r.policy.defaultChildWeight), 0);
          const figure =
            counted.reduce((s, l) => s + (l.share as number) * (l.progress as number), 0) + hiddenPart / totalWeight;
          expect(figure).toBeCloseTo(r.record.progress, 9);
          for (const l of b.lines) expect(l.share === null).toBe(l.notCounted !== null);
        },
      ),
      { numRuns: 300 },
    );
  });
});

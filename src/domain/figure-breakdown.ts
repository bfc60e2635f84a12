import type { BreakdownLine, FigureBreakdown, NotCounted, Objective, RollupPolicy } from '../contract';
import { compareObjectiveKeys } from '../contract/key-order';
import { contributorCounts, contributorWeight, keyResultWeight } from './rollup/objective-record';
import { hasBegun } from './pace';
import type { ContributorRecord, RollupRecord } from './rollup/records';
import { isCounted, type WeightedInput } from './weighted-mean';

/** What the caller may know of a contributing objective; null for one they may not see. */
export interface ContributorFacts {
  key: string;
  title: string;
  /** It contributes as a child (through its primary parent), not as a further alignment. */
  child: boolean;
  status: Objective['status'];
  /** The first instant and first day of its period (null: no period known). */
  periodStart: number | null;
  startsOn: string | null;
}

/**
 * Each input of an objective's figure with its weight and its share of the figure, from the rollup
 * record that made the figure, with the engine's own rules (objective-record.ts: the weights and
 * which contributors are inputs; weighted-mean.ts: which inputs count). The counted lines' shares
 * (with the hidden line's) sum to 1, and the sum of share × progress is the figure.
 */
export function figureBreakdown(
  r: Pick<RollupRecord, 'keyResults' | 'contributors' | 'record'>,
  policy: RollupPolicy,
  now: number,
  factsOf: (objectiveId: string) => ContributorFacts | null,
): FigureBreakdown {
  const rows: Array<{ line: BreakdownLine; input: WeightedInput | null; hidden: boolean }> = [];
  for (const kr of r.keyResults) {
    const rollup = r.record.keyResults.find((k) => k.keyResultId === kr.id);
    const input = { weight: keyResultWeight(kr, policy), progress: rollup?.progress ?? null };
    rows.push({
      line: {
        kind: 'key-result',
        key: kr.key,
        title: kr.title,
        progress: input.progress,
        overshoot: rollup?.overshoot ?? 0,
        weight: input.weight,
        weightIsDefault: kr.weight === null,
        share: null,
        notCounted: isCounted(input) ? null : input.progress === null ? 'no-measure' : 'weight-zero',
        startsOn: null,
      },
      input,
      hidden: false,
    });
  }
  const contributorRows: typeof rows = [];
  for (const c of r.contributors) {
    const facts = factsOf(c.objectiveId);
    const input = contributorCounts(c, policy) ? { weight: contributorWeight(c, policy), progress: c.progress } : null;
    contributorRows.push({
      line: {
        kind: facts?.child === false ? 'aligned' : 'child',
        key: facts?.key ?? '',
        title: facts?.title ?? '',
        progress: c.progress,
        overshoot: 0,
        weight: contributorWeight(c, policy),
        weightIsDefault: c.weight === null,
        share: null,
        notCounted: notCountedContributor(c, input, policy, facts, now),
        startsOn: null,
      },
      input,
      hidden: facts === null,
    });
    const last = contributorRows[contributorRows.length - 1];
    if (last !== undefined && last.line.notCounted === 'not-started') last.line.startsOn = facts?.startsOn ?? null;
  }
  // children before aligned objectives, each by key
  contributorRows.sort(
    (a, b) =>
      (a.line.kind === b.line.kind ? 0 : a.line.kind === 'child' ? -1 : 1) ||
      compareObjectiveKeys(a.line.key, b.line.key),
  );
  rows.push(...contributorRows);

  let total = 0;
  for (const row of rows) if (row.input !== null && isCounted(row.input)) total += row.input.weight;
  let hiddenCount = 0;
  let hiddenShare = 0;
  const lines: BreakdownLine[] = [];
  for (const row of rows) {
    const share = row.input !== null && isCounted(row.input) && total > 0 ? row.input.weight / total : null;
    if (row.hidden) {
      hiddenCount += 1;
      hiddenShare += share ?? 0;
    } else lines.push({ ...row.line, share });
  }
  return {
    progress: r.record.progress,
    include: policy.include,
    lines,
    hidden: hiddenCount === 0 ? null : { count: hiddenCount, share: Math.min(1, hiddenShare) },
  };
}

function notCountedContributor(
  c: ContributorRecord,
  input: WeightedInput | null,
  policy: RollupPolicy,
  facts: ContributorFacts | null,
  now: number,
): NotCounted | null {
  if (policy.include === 'key-results-only') return 'key-results-only';
  if (input === null) return facts?.status === 'cancelled' ? 'cancelled' : 'draft';
  if (isCounted(input)) return null;
  // a child of a period not begun hands up no progress (objective-record.ts progressHandedUp)
  if (
    input.progress === null &&
    facts !== null &&
    facts.periodStart !== null &&
    !hasBegun({ start: facts.periodStart }, now)
  )
    return 'not-started';
  return input.progress === null ? 'no-measure' : 'weight-zero';
}

import type { KeyResult, KeyResultRollup, Objective, ObjectiveRollup, Period, RollupPolicy } from '../../contract';
import * as delivery from '../delivery';
import * as keyResultProgress from '../key-result-progress';
import type { KeyResultInputs } from '../key-result-progress';
import * as pace from '../pace';
import type { PeriodBounds } from '../pace';
import { emptyTally, type WorkTally } from '../tally';
import * as weightedMean from '../weighted-mean';
import { DEFAULT_POLICY } from '../../contract';
import { keepShapeOf } from '../kept-shapes';
import type { LastCheckIn, RollupRecord, RollupSettings } from './records';

/** What objectiveRecord calls for every record, bound once (see the top of in-place-change.ts). */
const { deliveryFigures, workSummary } = delivery;
const { keyResultRollup } = keyResultProgress;
const { boundsOf, hasBegun, lowerByConfidence, paceOf, shareElapsed, staleWithin, statusOf } = pace;
const { WeightedSum } = weightedMean;

/** What contributes to an objective: another objective's latest progress and its weight here. */
export interface ContributorInput {
  /** Set weight, or null for the policy's default child weight. */
  weight: number | null;
  progress: number | null;
  /** Drafts and cancelled objectives do not count upward. */
  counts: boolean;
}

/** Everything one objective's record is computed from: plain data, so stored records and a full recompute feed it alike. */
export interface RecordInputs {
  objective: Objective;
  keyResults: readonly KeyResult[];
  /** The tally of all work serving the objective (`o:` set). */
  ownTally: WorkTally;
  /** The tally of the issues linked to each key result (`k:` sets); none: no work. */
  keyResultTallies: Readonly<Record<string, WorkTally>>;
  /** Latest value of metric (check-in) and query (refresh) key results. */
  measurements: Readonly<Record<string, number>>;
  contributors: readonly ContributorInput[];
  /** The objective's period, as instants (pace.ts boundsOf). */
  period: PeriodBounds | null;
  lastCheckIn: LastCheckIn | null;
  policy: RollupPolicy;
  now: number;
}

const NO_WORK = emptyTally();

/**
 * What one key result is computed from, filled for each in turn (keyResultRollup keeps nothing
 * of it): only what its kind reads — a tally for computed kinds, a measurement for metric and
 * query — so a record on an event's walk up looks up no set or value it does not use (each a
 * dictionary of a stored record, mostly not in the cache).
 */
const krInputs: KeyResultInputs = { tally: NO_WORK, measurement: null, now: 0 };

/** The record of one objective: key results, weighted progress, pace, status, work. */
export function objectiveRecord(input: RecordInputs): ObjectiveRollup {
  const { objective: o, policy, now } = input;
  const keyResults: KeyResultRollup[] = [];
  const inputs = new WeightedSum();
  const krs = input.keyResults;
  for (let i = 0; i < krs.length; i++) {
    const kr = krs[i] as KeyResult;
    const kind = kr.kind;
    krInputs.now = now;
    if (kind === 'completion' || kind === 'delivery-quality') {
      krInputs.tally = kr.scope === 'objective' ? input.ownTally : (input.keyResultTallies[kr.id] ?? NO_WORK);
      krInputs.measurement = null;
    } else {
      krInputs.tally = NO_WORK;
      krInputs.measurement = kind === 'milestone' ? null : (input.measurements[kr.id] ?? null);
    }
    const rollup = keyResultRollup(kr, krInputs);
    keyResults.push(rollup);
    inputs.add(keyResultWeight(kr, policy), rollup.progress);
  }
  const contributors = input.contributors;
  for (let i = 0; i < contributors.length; i++) {
    const c = contributors[i] as ContributorInput;
    if (contributorCounts(c, policy)) inputs.add(contributorWeight(c, policy), c.progress);
  }
  const mean = inputs.mean();

  const period = input.period;
  const expected = period === null ? null : shareElapsed(period, now);
  const last = input.lastCheckIn;
  const confidence = last?.confidence ?? null;
  const pace =
    mean.value === null
      ? null
      : lowerByConfidence(expected === null ? 'on-track' : paceOf(mean.value, expected, policy), confidence);
  const stale = staleWithin(last?.at ?? o.createdAt, period, now, policy.checkInCadenceDays);
  return {
    objectiveId: o.id,
    progress: mean.value,
    expected,
    status: statusOf({
      objectiveStatus: o.status,
      notStarted: !hasBegun(period, now),
      progress: mean.value,
      pace,
      stale,
    }),
    pace,
    stale,
    confidence,
    lastCheckInAt: last?.at ?? null,
    measuredInputs: mean.measured,
    work: workSummary(input.ownTally),
    delivery: deliveryFigures(input.ownTally, now),
    keyResults,
  };
}

/** A key result's weight in its objective's mean: its own, else the policy's default. */
export function keyResultWeight(kr: Pick<KeyResult, 'weight'>, policy: RollupPolicy): number {
  return kr.weight ?? policy.defaultKeyResultWeight;
}

/** A contributing objective's weight in the mean: the one set, else the policy's default child weight. */
export function contributorWeight(c: Pick<ContributorInput, 'weight'>, policy: RollupPolicy): number {
  return c.weight ?? policy.defaultChildWeight;
}

/** Whether a contributing objective is an input at all: the policy includes children, and it is not a draft or cancelled. */
export function contributorCounts(c: Pick<ContributorInput, 'counts'>, policy: RollupPolicy): boolean {
  return c.counts && policy.include === 'key-results-and-children';
}

/**
 * The progress an objective hands to the objectives it contributes to: none (left out, as "no
 * measure") while its period has not begun, so a child of a later period does not pull its parent
 * down before it starts; its figure otherwise, also after its period ended.
 */
export function progressHandedUp(record: Pick<ObjectiveRollup, 'status' | 'progress'>): number | null {
  return record.status === 'not-started' ? null : record.progress;
}

/** What the records computed together share: the policy, the time, and the periods as instants (see `periodBounds`). */
export interface RecordContext {
  policy: RollupPolicy;
  now: number;
  periods: readonly Period[];
  /** Period id → its instants (null: no such period), filled as records ask. */
  bounds: Map<string, PeriodBounds | null>;
}

export function recordContext(settings: RollupSettings, now: number): RecordContext {
  return { policy: settings.policy, now, periods: settings.periods, bounds: new Map() };
}

/**
 * A period's instants (the first period of that id), turned into instants when a record first
 * asks: an event's walk up computes a few records, in one or two of the organisation's periods.
 */
export function periodBounds(context: RecordContext, periodId: string): PeriodBounds | null {
  const known = context.bounds.get(periodId);
  if (known !== undefined) return known;
  const period = context.periods.find((p) => p.id === periodId);
  const bounds = period === undefined ? null : boundsOf(period);
  context.bounds.set(periodId, bounds);
  return bounds;
}

/** The record a rollup shows now, from what it holds. */
export function recordFor(r: Omit<RollupRecord, 'record'>, settings: RollupSettings, now: number): ObjectiveRollup {
  return recordIn(r, recordContext(settings, now));
}

/** recordFor, in a context made once for many records. */
export function recordIn(r: Omit<RollupRecord, 'record'>, context: RecordContext): ObjectiveRollup {
  // one inputs object, filled for each record in turn (objectiveRecord keeps nothing of it): its
  // hidden class lasts from one recompute to the next (kept-shapes.ts), and no object is made; the
  // contributors are the rollup's own list, already in id order
  const input = recordInputs;
  input.objective = r.objective;
  input.keyResults = r.keyResults;
  input.ownTally = r.own;
  input.keyResultTallies = r.keyResultTallies;
  input.measurements = r.measurements;
  input.contributors = r.contributors;
  input.period = periodBounds(context, r.objective.periodId);
  input.lastCheckIn = r.lastCheckIn;
  input.policy = context.policy;
  input.now = context.now;
  const record = objectiveRecord(input);
  input.contributors = NO_CONTRIBUTORS;
  return record;
}

const NO_CONTRIBUTORS: readonly ContributorInput[] = [];

/** The inputs recordIn fills for each record (see there). */
const recordInputs: RecordInputs = {
  objective: null as unknown as Objective,
  keyResults: [],
  ownTally: NO_WORK,
  keyResultTallies: {},
  measurements: {},
  contributors: NO_CONTRIBUTORS,
  period: null,
  lastCheckIn: null,
  policy: DEFAULT_POLICY,
  now: 0,
};

/** Whether an objective's progress counts inside the objectives it contributes to. */
export function countsUpward(o: Pick<Objective, 'status'>): boolean {
  return o.status === 'active' || o.status === 'done';
}

// What an event's walk up or a full recompute makes for its records and drops (a context with a
// period's instants, a weighted sum and its mean): one of each kept, holding the kinds of value
// real ones hold (instants, fractions), so that their hidden classes, and the code compiled
// against them, last from one recompute to the next (kept-shapes.ts).
const keptContext = keepShapeOf(recordContext({ policy: DEFAULT_POLICY, periods: [] }, Date.UTC(2026, 0, 1, 12)));
keptContext.bounds.set('', keepShapeOf(boundsOf({ start: '2026-01-01', end: '2026-03-31' })));
const keptSum = keepShapeOf(new WeightedSum());
keptSum.add(0.5, 0.25);
keepShapeOf(keptSum.mean());

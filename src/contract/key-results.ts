import { z } from 'zod';
import { AccountId, Instant, JiraFieldId, RecordId, Title, Weight } from './common';

/** Which contributing work a computed key result measures. */
export const WorkScope = z.enum([
  /** only the issues linked to this key result (and their descendants) */
  'key-result',
  /** all work contributing to the objective: linked to it or to any of its key results */
  'objective',
]);
export type WorkScope = z.infer<typeof WorkScope>;

const finite = z.number().finite();

/** Stable key of a key result inside its objective (`KR-1`), kept in the objectives file. */
export const KeyResultKey = z
  .string()
  .trim()
  .regex(/^KR-[1-9][0-9]{0,5}$/, 'a key-result key looks like KR-1');

/** The largest number a key-result key can have (KeyResultKey's six digits). */
export const MAX_KEY_RESULT_NUMBER = 999_999;

const base = {
  id: RecordId,
  key: KeyResultKey,
  objectiveId: RecordId,
  title: Title,
  owner: AccountId,
  /** Weight inside the objective's progress; null takes the rollup policy's default. */
  weight: Weight.nullable().default(null),
  createdAt: Instant,
  updatedAt: Instant,
  version: z.number().int().nonnegative().default(0),
};

/** Progress of the contributing Jira work, by issue count or by story points. */
export const CompletionKeyResult = z.object({
  ...base,
  kind: z.literal('completion'),
  measure: z.enum(['count', 'story-points']).default('count'),
  scope: WorkScope.default('key-result'),
});

export const Direction = z.enum(['increase', 'decrease', 'band']);
export type Direction = z.infer<typeof Direction>;

/** Shared by metric and query key results: where the number starts, where it should go. */
const targetShape = {
  unit: z.string().trim().max(20).default(''),
  direction: Direction,
  baseline: finite.nullable().default(null),
  target: finite.nullable().default(null),
  /** For direction "band": the value should stay within [bandMin, bandMax]. */
  bandMin: finite.nullable().default(null),
  bandMax: finite.nullable().default(null),
};

type TargetShape = {
  direction: Direction;
  baseline: number | null;
  target: number | null;
  bandMin: number | null;
  bandMax: number | null;
};

/** Checks the target fields that depend on the direction, naming the field at fault. */
function refineTarget(kr: TargetShape, ctx: z.RefinementCtx): void {
  if (kr.direction === 'band') {
    if (kr.bandMin === null)
      ctx.addIssue({ code: 'custom', path: ['bandMin'], message: 'a band needs its lower bound' });
    if (kr.bandMax === null)
      ctx.addIssue({ code: 'custom', path: ['bandMax'], message: 'a band needs its upper bound' });
    if (kr.bandMin !== null && kr.bandMax !== null && kr.bandMin > kr.bandMax)
      ctx.addIssue({
        code: 'custom',
        path: ['bandMax'],
        message: 'the upper bound of the band is below its lower bound',
      });
    return;
  }
  if (kr.baseline === null) ctx.addIssue({ code: 'custom', path: ['baseline'], message: 'a baseline is required' });
  if (kr.target === null) ctx.addIssue({ code: 'custom', path: ['target'], message: 'a target is required' });
  if (kr.baseline === null || kr.target === null) return;
  if (kr.direction === 'increase' && !(kr.target > kr.baseline))
    ctx.addIssue({ code: 'custom', path: ['target'], message: 'to increase, the target must be above the baseline' });
  if (kr.direction === 'decrease' && !(kr.target < kr.baseline))
    ctx.addIssue({ code: 'custom', path: ['target'], message: 'to decrease, the target must be below the baseline' });
}

/** A number with baseline and target, updated by check-ins. */
export const MetricKeyResult = z.object({ ...base, kind: z.literal('metric'), ...targetShape });

/** A number computed from a JQL query, refreshed automatically. */
export const QueryKeyResult = z.object({
  ...base,
  kind: z.literal('query'),
  ...targetShape,
  jql: z.string().trim().min(1, 'a query needs JQL').max(4000),
  aggregate: z.enum(['count', 'sum', 'avg']).default('count'),
  /** The numeric field summed or averaged (a Jira field id such as `customfield_10016`; Jira must have it, as a number). */
  field: JiraFieldId.nullable().default(null),
});

export const DeliveryMeasure = z.enum(['on-time-rate', 'median-cycle-time', 'throughput-per-week', 'bug-share']);
export type DeliveryMeasure = z.infer<typeof DeliveryMeasure>;

/** Computed from the outcomes of the contributing issues. */
export const DeliveryQualityKeyResult = z.object({
  ...base,
  kind: z.literal('delivery-quality'),
  measure: DeliveryMeasure,
  scope: WorkScope.default('objective'),
  target: finite.nonnegative(),
  /** Where the measure started; when absent a natural baseline is used (see docs/rollup.md). */
  baseline: finite.nonnegative().nullable().default(null),
  /** Throughput counts the issues resolved in the last N weeks. */
  windowWeeks: z.number().int().min(1).max(52).default(4),
});

export const MilestoneKeyResult = z.object({
  ...base,
  kind: z.literal('milestone'),
  done: z.boolean().default(false),
  doneAt: Instant.nullable().default(null),
});

/** Checks that hold across fields of one key result, whatever its kind. */
export function refineKeyResult(kr: KeyResultFields, ctx: z.RefinementCtx): void {
  if (kr.kind === 'metric' || kr.kind === 'query') refineTarget(kr, ctx);
  if (kr.kind === 'query' && kr.aggregate !== 'count' && kr.field === null)
    ctx.addIssue({
      code: 'custom',
      path: ['field'],
      message: `"${kr.aggregate}" needs the numeric field to aggregate`,
    });
  if (kr.kind === 'delivery-quality') {
    if (kr.measure === 'on-time-rate' || kr.measure === 'bug-share') {
      if (kr.target > 1)
        ctx.addIssue({ code: 'custom', path: ['target'], message: 'a rate is a share between 0 and 1' });
      if (kr.baseline !== null && kr.baseline > 1)
        ctx.addIssue({ code: 'custom', path: ['baseline'], message: 'a rate is a share between 0 and 1' });
    }
    const lowerIsBetter = LOWER_IS_BETTER[kr.measure];
    if (kr.baseline !== null && (lowerIsBetter ? !(kr.target < kr.baseline) : !(kr.target > kr.baseline)))
      ctx.addIssue({
        code: 'custom',
        path: ['target'],
        message: lowerIsBetter
          ? 'lower is better here: the target must be below the baseline'
          : 'higher is better here: the target must be above the baseline',
      });
    if (kr.baseline === null && !lowerIsBetter && kr.target === 0)
      ctx.addIssue({ code: 'custom', path: ['target'], message: 'higher is better here: the target must be above 0' });
  }
}

/** For which delivery measures a smaller number is the better one. */
export const LOWER_IS_BETTER: Record<DeliveryMeasure, boolean> = {
  'on-time-rate': false,
  'median-cycle-time': true,
  'throughput-per-week': false,
  'bug-share': true,
};

type KeyResultFields =
  | { kind: 'completion' }
  | { kind: 'milestone' }
  | ({ kind: 'metric' } & TargetShape)
  | ({ kind: 'query'; aggregate: 'count' | 'sum' | 'avg'; field: string | null } & TargetShape)
  | { kind: 'delivery-quality'; measure: DeliveryMeasure; target: number; baseline: number | null };

export const KeyResult = z
  .discriminatedUnion('kind', [
    CompletionKeyResult,
    MetricKeyResult,
    QueryKeyResult,
    DeliveryQualityKeyResult,
    MilestoneKeyResult,
  ])
  .superRefine(refineKeyResult);
export type KeyResult = z.infer<typeof KeyResult>;
export type KeyResultKind = KeyResult['kind'];
export type CompletionKeyResult = z.infer<typeof CompletionKeyResult>;
export type MetricKeyResult = z.infer<typeof MetricKeyResult>;
export type QueryKeyResult = z.infer<typeof QueryKeyResult>;
export type DeliveryQualityKeyResult = z.infer<typeof DeliveryQualityKeyResult>;
export type MilestoneKeyResult = z.infer<typeof MilestoneKeyResult>;

/** Key results whose value comes from people (check-ins) rather than from Jira. */
export function isCheckedInByHand(kind: KeyResultKind): boolean {
  return kind === 'metric' || kind === 'milestone';
}

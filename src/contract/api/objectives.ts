import { z } from 'zod';
import { AccountId, JiraFieldId, Note, RecordId, Title, Weight } from '../common';
import {
  CompletionKeyResult,
  DeliveryQualityKeyResult,
  KeyResult,
  MetricKeyResult,
  MilestoneKeyResult,
  QueryKeyResult,
  refineKeyResult,
} from '../key-results';
import { Objective, ObjectiveKey, ObjectiveStatus, Visibility } from '../objectives';
import { ObjectiveRollup } from '../rollup';
import { endpoint, refineUnique } from './endpoint';

/** An objective with its key results, as stored (one record) and shown. Its `id` is its key (`O-12`). */
export const ObjectiveView = Objective.extend({ keyResults: z.array(KeyResult) });
export type ObjectiveView = z.infer<typeof ObjectiveView>;

/** The objective after a change, with its rollup as recomputed by the change. */
export const ObjectiveChange = z.object({ objective: ObjectiveView, rollup: ObjectiveRollup.nullable() });
export type ObjectiveChange = z.infer<typeof ObjectiveChange>;

/** The version of the objective the caller read (1 or more: it exists). */
const ObjectiveVersion = z.number().int().min(1, 'name the version of the objective you read (1 or more)');

/** At most this many further alignments per objective. */
export const MAX_ALIGNMENTS = 20;
/** At most this many key results per objective (an objective has a handful; the record stays small). */
export const MAX_KEY_RESULTS = 25;

export const AlignmentInput = z.strictObject({ objectiveId: ObjectiveKey, weight: Weight.default(1) });
const Alignments = z
  .array(AlignmentInput)
  .max(MAX_ALIGNMENTS, `an objective has at most ${MAX_ALIGNMENTS} further alignments`)
  .superRefine((list, ctx) =>
    refineUnique(
      list,
      (a) => a.objectiveId,
      ctx,
      (a) => `alignment to ${a.objectiveId}`,
      (i) => [i, 'objectiveId'],
    ),
  );

/** A new objective. Its key (`O-n`) comes from the objective counter. */
export const ObjectivesCreatePayload = z.strictObject({
  title: Title,
  description: Note.default(''),
  levelId: RecordId,
  periodId: RecordId,
  /** Defaults to the caller. */
  owner: AccountId.optional(),
  workgroupId: RecordId.nullable().default(null),
  parentId: ObjectiveKey.nullable().default(null),
  weight: Weight.nullable().default(null),
  alignments: Alignments.default([]),
  status: z.enum(['draft', 'active']).default('active'),
  visibility: Visibility.default('public'),
});
export type ObjectivesCreatePayload = z.infer<typeof ObjectivesCreatePayload>;

/** Changes an objective read at `version`; only the fields given change (alignments are replaced whole). */
export const ObjectivesUpdatePayload = z
  .strictObject({
    key: ObjectiveKey,
    version: ObjectiveVersion,
    title: Title.optional(),
    description: Note.optional(),
    owner: AccountId.optional(),
    workgroupId: RecordId.nullable().optional(),
    parentId: ObjectiveKey.nullable().optional(),
    weight: Weight.nullable().optional(),
    alignments: Alignments.optional(),
    status: ObjectiveStatus.optional(),
    visibility: Visibility.optional(),
  })
  .refine((p) => Object.keys(p).some((k) => k !== 'key' && k !== 'version'), {
    message:
      'say what to change: title, description, owner, workgroupId, parentId, weight, alignments, status or visibility',
  });
export type ObjectivesUpdatePayload = z.infer<typeof ObjectivesUpdatePayload>;

/** Archives an objective: its status becomes `cancelled` and it stops counting in its parents. */
export const ObjectivesArchivePayload = z.strictObject({ key: ObjectiveKey, version: ObjectiveVersion });
export type ObjectivesArchivePayload = z.infer<typeof ObjectivesArchivePayload>;

/** Hangs an objective under another parent (null: no parent), optionally at another level. */
export const ObjectivesMovePayload = z.strictObject({
  key: ObjectiveKey,
  version: ObjectiveVersion,
  parentId: ObjectiveKey.nullable(),
  levelId: RecordId.optional(),
});
export type ObjectivesMovePayload = z.infer<typeof ObjectivesMovePayload>;

const serverSet = {
  id: true,
  key: true,
  objectiveId: true,
  createdAt: true,
  updatedAt: true,
  version: true,
  owner: true,
} as const;
const draftFields = { owner: AccountId.optional() };

/** A new key result: what the kind needs; the server sets id, key (`KR-n`), dates and, by default, the owner. */
export const KeyResultDraft = z
  .discriminatedUnion('kind', [
    z.strictObject({ ...CompletionKeyResult.omit(serverSet).shape, ...draftFields }),
    z.strictObject({ ...MetricKeyResult.omit(serverSet).shape, ...draftFields }),
    z.strictObject({ ...QueryKeyResult.omit(serverSet).shape, ...draftFields }),
    z.strictObject({ ...DeliveryQualityKeyResult.omit(serverSet).shape, ...draftFields }),
    z.strictObject({ ...MilestoneKeyResult.omit({ ...serverSet, doneAt: true }).shape, ...draftFields }),
  ])
  .superRefine(refineKeyResult);
export type KeyResultDraft = z.infer<typeof KeyResultDraft>;

export const KeyResultsCreatePayload = z.strictObject({
  objectiveKey: ObjectiveKey,
  version: ObjectiveVersion,
  keyResult: KeyResultDraft,
});
export type KeyResultsCreatePayload = z.infer<typeof KeyResultsCreatePayload>;

const finite = z.number().finite();

/**
 * The fields of a key result that may change (its kind may not). Each must belong to the key
 * result's kind; the merged key result is checked again as a whole.
 */
export const KEY_RESULT_PATCH_FIELDS = {
  title: Title,
  owner: AccountId,
  weight: Weight.nullable(),
  unit: z.string().trim().max(20),
  direction: z.enum(['increase', 'decrease', 'band']),
  baseline: finite.nullable(),
  target: finite.nullable(),
  bandMin: finite.nullable(),
  bandMax: finite.nullable(),
  measure: z.string().min(1).max(40),
  scope: z.enum(['key-result', 'objective']),
  jql: z.string().trim().min(1).max(4000),
  aggregate: z.enum(['count', 'sum', 'avg']),
  field: JiraFieldId.nullable(),
  windowWeeks: z.number().int().min(1).max(52),
  done: z.boolean(),
} as const;
export type KeyResultPatchField = keyof typeof KEY_RESULT_PATCH_FIELDS;

/** What an objective's owner (or the key result's owner) may change besides its leads: targets and milestone state. */
export const TARGET_FIELDS: readonly KeyResultPatchField[] = ['baseline', 'target', 'bandMin', 'bandMax', 'done'];

export const KeyResultsUpdatePayload = z
  .strictObject({
    objectiveKey: ObjectiveKey,
    version: ObjectiveVersion,
    keyResultId: RecordId,
    title: KEY_RESULT_PATCH_FIELDS.title.optional(),
    owner: KEY_RESULT_PATCH_FIELDS.owner.optional(),
    weight: KEY_RESULT_PATCH_FIELDS.weight.optional(),
    unit: KEY_RESULT_PATCH_FIELDS.unit.optional(),
    direction: KEY_RESULT_PATCH_FIELDS.direction.optional(),
    baseline: KEY_RESULT_PATCH_FIELDS.baseline.optional(),
    target: KEY_RESULT_PATCH_FIELDS.target.optional(),
    bandMin: KEY_RESULT_PATCH_FIELDS.bandMin.optional(),
    bandMax: KEY_RESULT_PATCH_FIELDS.bandMax.optional(),
    measure: KEY_RESULT_PATCH_FIELDS.measure.optional(),
    scope: KEY_RESULT_PATCH_FIELDS.scope.optional(),
    jql: KEY_RESULT_PATCH_FIELDS.jql.optional(),
    aggregate: KEY_RESULT_PATCH_FIELDS.aggregate.optional(),
    field: KEY_RESULT_PATCH_FIELDS.field.optional(),
    windowWeeks: KEY_RESULT_PATCH_FIELDS.windowWeeks.optional(),
    done: KEY_RESULT_PATCH_FIELDS.done.optional(),
  })
  .refine((p) => Object.keys(p).some((k) => k in KEY_RESULT_PATCH_FIELDS), {
    message: 'say what to change in the key result',
  });
export type KeyResultsUpdatePayload = z.infer<typeof KeyResultsUpdatePayload>;

export const KeyResultsDeletePayload = z.strictObject({
  objectiveKey: ObjectiveKey,
  version: ObjectiveVersion,
  keyResultId: RecordId,
});
export type KeyResultsDeletePayload = z.infer<typeof KeyResultsDeletePayload>;

export const KeyResultChange = ObjectiveChange.extend({ keyResult: KeyResult });
export type KeyResultChange = z.infer<typeof KeyResultChange>;

/** Every objective of one period (or, without `periodId`, of every period), for the admin page's tree. */
export const ObjectivesListPayload = z.strictObject({ periodId: RecordId.optional() });
export type ObjectivesListPayload = z.infer<typeof ObjectivesListPayload>;

export const ObjectiveList = z.object({
  periodId: RecordId.nullable(),
  /** The period's objectives (restricted ones included), by number. */
  objectives: z.array(ObjectiveView),
  /** The objectives of other periods that those align to, up the hierarchy (parents and alignments), by number. */
  ancestors: z.array(ObjectiveView),
});
export type ObjectiveList = z.infer<typeof ObjectiveList>;

export const objectiveEndpoints = {
  'objectives/list': endpoint(ObjectivesListPayload, ObjectiveList),
  'objectives/create': endpoint(ObjectivesCreatePayload, ObjectiveChange),
  'objectives/update': endpoint(ObjectivesUpdatePayload, ObjectiveChange),
  'objectives/archive': endpoint(ObjectivesArchivePayload, ObjectiveChange),
  'objectives/move': endpoint(ObjectivesMovePayload, ObjectiveChange),
  'key-results/create': endpoint(KeyResultsCreatePayload, KeyResultChange),
  'key-results/update': endpoint(KeyResultsUpdatePayload, KeyResultChange),
  'key-results/delete': endpoint(KeyResultsDeletePayload, ObjectiveChange),
};

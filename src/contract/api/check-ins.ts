import { z } from 'zod';
import { ListCursor, Note, RecordId } from '../common';
import { CheckIn, Confidence } from '../check-ins';
import { ObjectiveKey } from '../objectives';
import { ObjectiveRollup } from '../rollup';
import { endpoint, refineUnique } from './endpoint';

/** A check-in on an objective (keyResultId null) or one of its key results. */
export const CheckInsCreatePayload = z.strictObject({
  objectiveKey: ObjectiveKey,
  keyResultId: RecordId.nullable().default(null),
  /** The new value of a metric key result (required there, refused elsewhere). */
  value: z.number().finite().nullable().default(null),
  confidence: Confidence,
  note: Note.default(''),
});
export type CheckInsCreatePayload = z.infer<typeof CheckInsCreatePayload>;

export const CheckInChange = z.object({ checkIn: CheckIn, rollup: ObjectiveRollup.nullable() });
export type CheckInChange = z.infer<typeof CheckInChange>;

/** The most key results one check-ins/create-many call checks in on. */
export const CHECK_IN_MANY_MAX = 25;

/** One key result's check-in within check-ins/create-many. */
export const KeyResultCheckIn = z.strictObject({
  keyResultId: RecordId,
  /** The new value of a metric key result (required there, refused elsewhere). */
  value: z.number().finite().nullable().default(null),
  confidence: Confidence,
  note: Note.default(''),
});
export type KeyResultCheckIn = z.infer<typeof KeyResultCheckIn>;

/**
 * Check-ins on several key results of one objective, recorded together: all of them, or none when
 * any is refused. `requestId` is chosen once per submit; sending the same request again (a retry)
 * records nothing twice (docs/resolvers.md).
 */
export const CheckInsCreateManyPayload = z
  .strictObject({
    objectiveKey: ObjectiveKey,
    requestId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'a request id has 8 to 64 letters, digits and dashes'),
    checkIns: z
      .array(KeyResultCheckIn)
      .min(1, 'check in on at least one key result')
      .max(CHECK_IN_MANY_MAX, `at most ${CHECK_IN_MANY_MAX} key results are checked in on at once`),
  })
  .superRefine((p, ctx) =>
    refineUnique(
      p.checkIns,
      (c) => c.keyResultId,
      ctx,
      (c) => `key result ${c.keyResultId}`,
      (i) => ['checkIns', i, 'keyResultId'],
    ),
  );
export type CheckInsCreateManyPayload = z.infer<typeof CheckInsCreateManyPayload>;

/**
 * In a refusal of check-ins/create-many that came after part of the request was stored (storage
 * refusing half-way): one detail per check-in stored, at `checkIns.<i>` (the i-th asked), with this
 * message. Sending the same request again stores the others and answers these as `alreadyRecorded`.
 */
export const RECORDED_ALREADY = 'recorded already';

export const CheckInsRecorded = z.object({
  /** One per key result, in the order asked; a check-in an earlier attempt of the same request stored is given as stored. */
  checkIns: z.array(CheckIn),
  /** The key results whose check-in an earlier attempt of this request had already stored (nothing new written for them). */
  alreadyRecorded: z.array(RecordId),
  /** The objective's rollup after them; null when it could not be updated (the check-ins are kept). */
  rollup: ObjectiveRollup.nullable(),
});
export type CheckInsRecorded = z.infer<typeof CheckInsRecorded>;

/** An objective's check-ins, newest first; `cursor` from the previous page reads older ones. */
export const CheckInsListPayload = z.strictObject({
  objectiveKey: ObjectiveKey,
  limit: z.number().int().min(1).max(100).default(20),
  /** As the previous page gave it (`nextCursor`); sealed by the server, refused when forged or from another list. */
  cursor: ListCursor.optional(),
});
export type CheckInsListPayload = z.infer<typeof CheckInsListPayload>;

export const CheckInList = z.object({ checkIns: z.array(CheckIn), nextCursor: ListCursor.nullable() });
export type CheckInList = z.infer<typeof CheckInList>;

export const checkInEndpoints = {
  'check-ins/create': endpoint(CheckInsCreatePayload, CheckInChange),
  'check-ins/create-many': endpoint(CheckInsCreateManyPayload, CheckInsRecorded),
  'check-ins/list': endpoint(CheckInsListPayload, CheckInList),
};

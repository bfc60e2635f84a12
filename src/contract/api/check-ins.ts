import { z } from 'zod';
import { ListCursor, Note, RecordId } from '../common';
import { CheckIn, Confidence } from '../check-ins';
import { ObjectiveKey } from '../objectives';
import { ObjectiveRollup } from '../rollup';
import { endpoint } from './endpoint';

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
  'check-ins/list': endpoint(CheckInsListPayload, CheckInList),
};

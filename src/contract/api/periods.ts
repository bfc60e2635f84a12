import { z } from 'zod';
import { IsoDate, RecordId } from '../common';
import { ObjectiveKey, ObjectiveStatus } from '../objectives';
import { Period } from '../periods';
import { endpoint, ReadVersion } from './endpoint';
import { SettingsView } from './settings';

const PeriodName = Period.shape.name;

/** A new period (open). Its id is made from its name. */
export const PeriodsCreatePayload = z
  .strictObject({ version: ReadVersion, name: PeriodName, start: IsoDate, end: IsoDate })
  .refine((p) => p.start <= p.end, { message: 'a period ends on or after its start', path: ['end'] });
export type PeriodsCreatePayload = z.infer<typeof PeriodsCreatePayload>;

/** Renames or re-dates a period; only the fields given change. */
export const PeriodsUpdatePayload = z
  .strictObject({
    version: ReadVersion,
    id: RecordId,
    name: PeriodName.optional(),
    start: IsoDate.optional(),
    end: IsoDate.optional(),
  })
  .refine((p) => p.name !== undefined || p.start !== undefined || p.end !== undefined, {
    message: 'say what to change: name, start or end',
  });
export type PeriodsUpdatePayload = z.infer<typeof PeriodsUpdatePayload>;

/** Closes a period. Carrying unfinished objectives forward is a separate step. */
export const PeriodsClosePayload = z.strictObject({ version: ReadVersion, id: RecordId });
export type PeriodsClosePayload = z.infer<typeof PeriodsClosePayload>;

/** The settings after the change, and the period it was about. */
export const PeriodChange = z.object({ settings: SettingsView, period: Period });
export type PeriodChange = z.infer<typeof PeriodChange>;

/** Which objectives of period `id` would be carried forward into `toPeriodId` (nothing is written). */
export const CarryForwardPreviewPayload = z
  .strictObject({ id: RecordId, toPeriodId: RecordId })
  .refine((p) => p.id !== p.toPeriodId, {
    message: 'objectives are carried forward into another period',
    path: ['toPeriodId'],
  });
export type CarryForwardPreviewPayload = z.infer<typeof CarryForwardPreviewPayload>;

/** Carries the unfinished objectives of period `id` forward into `toPeriodId`, from the settings version read. */
export const CarryForwardPayload = z
  .strictObject({ version: ReadVersion, id: RecordId, toPeriodId: RecordId })
  .refine((p) => p.id !== p.toPeriodId, {
    message: 'objectives are carried forward into another period',
    path: ['toPeriodId'],
  });
export type CarryForwardPayload = z.infer<typeof CarryForwardPayload>;

/** Where a copy aligns: to the copy of an objective carried with it, or to an objective that stays where it is. */
export const CarriedReference = z.object({ key: ObjectiveKey, carried: z.boolean() });

/** One unfinished objective as it would be carried forward. */
export const CarryForwardItem = z.object({
  key: ObjectiveKey,
  title: z.string(),
  levelId: RecordId,
  workgroupId: RecordId.nullable(),
  status: ObjectiveStatus,
  /** Its progress in the period it leaves (stays with it). */
  progress: z.number().min(0).max(1).nullable(),
  /** The copy's primary parent; null when the parent stays behind in the period left. */
  parent: CarriedReference.nullable(),
  alignments: z.array(CarriedReference),
  /** Parent and alignments that stay behind in the period left, so the copy does not keep them. */
  dropped: z.array(ObjectiveKey),
  keyResults: z.number().int().nonnegative(),
  /** Issues counted in its work in the period left; its links stay with the original, the copy starts with none. */
  workIssues: z.number().int().nonnegative(),
});
export type CarryForwardItem = z.infer<typeof CarryForwardItem>;

export const CarryForwardPlan = z.object({
  from: Period,
  to: Period,
  /** Parents before children. */
  objectives: z.array(CarryForwardItem),
  /** Unfinished objectives carried forward into `to` before: `copy` is the objective there. */
  alreadyCarried: z.array(z.object({ key: ObjectiveKey, copy: ObjectiveKey })),
});
export type CarryForwardPlan = z.infer<typeof CarryForwardPlan>;

export const CarryForwardResult = z.object({
  from: Period,
  to: Period,
  /** Each objective carried now and its copy in `to`. */
  carried: z.array(z.object({ from: ObjectiveKey, to: ObjectiveKey })),
  alreadyCarried: z.array(z.object({ key: ObjectiveKey, copy: ObjectiveKey })),
  /** Unfinished objectives left for the next call (at most 60 are carried per call). */
  remaining: z.number().int().nonnegative(),
});
export type CarryForwardResult = z.infer<typeof CarryForwardResult>;

export const periodEndpoints = {
  'periods/create': endpoint(PeriodsCreatePayload, PeriodChange),
  'periods/update': endpoint(PeriodsUpdatePayload, PeriodChange),
  'periods/close': endpoint(PeriodsClosePayload, PeriodChange),
  'carry-forward/preview': endpoint(CarryForwardPreviewPayload, CarryForwardPlan),
  'carry-forward/apply': endpoint(CarryForwardPayload, CarryForwardResult),
};

import { z } from 'zod';
import { IsoDate, RecordId } from '../common';
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
  .strictObject({ version: ReadVersion, id: RecordId, name: PeriodName.optional(), start: IsoDate.optional(), end: IsoDate.optional() })
  .refine((p) => p.name !== undefined || p.start !== undefined || p.end !== undefined, { message: 'say what to change: name, start or end' });
export type PeriodsUpdatePayload = z.infer<typeof PeriodsUpdatePayload>;

/** Closes a period. Carrying unfinished objectives forward is a separate step. */
export const PeriodsClosePayload = z.strictObject({ version: ReadVersion, id: RecordId });
export type PeriodsClosePayload = z.infer<typeof PeriodsClosePayload>;

/** The settings after the change, and the period it was about. */
export const PeriodChange = z.object({ settings: SettingsView, period: Period });
export type PeriodChange = z.infer<typeof PeriodChange>;

export const periodEndpoints = {
  'periods/create': endpoint(PeriodsCreatePayload, PeriodChange),
  'periods/update': endpoint(PeriodsUpdatePayload, PeriodChange),
  'periods/close': endpoint(PeriodsClosePayload, PeriodChange),
};

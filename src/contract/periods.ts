import { z } from 'zod';
import { IsoDate, RecordId } from './common';

/** A named time box. `start` and `end` are inclusive calendar dates (UTC). */
export const Period = z
  .object({
    id: RecordId,
    name: z.string().trim().min(1, 'a period needs a name').max(80),
    start: IsoDate,
    end: IsoDate,
    state: z.enum(['open', 'closed']).default('open'),
  })
  .refine((p) => p.start <= p.end, { message: 'a period ends on or after its start', path: ['end'] });
export type Period = z.infer<typeof Period>;

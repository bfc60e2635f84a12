import { z } from 'zod';
import { AccountId, Instant, Note, RecordId } from './common';

/** How sure the owner is that the key result will be met. Ordered: high > medium > low. */
export const Confidence = z.enum(['high', 'medium', 'low']);
export type Confidence = z.infer<typeof Confidence>;

export const CONFIDENCE_STEPS: Record<Confidence, number> = { high: 2, medium: 1, low: 0 };

/** An owner's update of a key result, kept as history. */
export const CheckIn = z.object({
  id: RecordId,
  objectiveId: RecordId,
  keyResultId: RecordId.nullable().default(null),
  /** The new value of a metric key result; null where the value is computed. */
  value: z.number().finite().nullable().default(null),
  confidence: Confidence,
  note: Note.default(''),
  author: AccountId,
  at: Instant,
});
export type CheckIn = z.infer<typeof CheckIn>;
export type { AccountId };

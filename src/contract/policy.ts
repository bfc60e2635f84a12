import { z } from 'zod';
import { Weight } from './common';

/**
 * How progress rolls up and when status changes. Defaults are explained in docs/rollup.md.
 */
export const RollupPolicy = z
  .object({
    /** Whether an objective's progress includes the objectives aligned to it, or only its own key results. */
    include: z.enum(['key-results-and-children', 'key-results-only']).default('key-results-and-children'),
    /** Weight of a key result that sets none. */
    defaultKeyResultWeight: Weight.default(1),
    /** Weight of an aligned child objective that sets none. */
    defaultChildWeight: Weight.default(1),
    /** Lag behind the calendar (expected − actual progress) above which an objective is at risk. */
    atRiskLag: z.number().min(0).max(1).default(0.1),
    /** Lag behind the calendar above which an objective is off track. */
    offTrackLag: z.number().min(0).max(1).default(0.25),
    /** Days without a check-in after which an objective is stale. */
    checkInCadenceDays: z.number().int().min(1).max(90).default(7),
  })
  .refine((p) => p.offTrackLag >= p.atRiskLag, {
    message: 'the off-track lag must be at least the at-risk lag',
    path: ['offTrackLag'],
  });
export type RollupPolicy = z.infer<typeof RollupPolicy>;

export const DEFAULT_POLICY: RollupPolicy = RollupPolicy.parse({});

import { z } from 'zod';
import { AccountId, Instant, Note, RecordId, Title, Weight } from './common';

/** Human key of an objective, used in the UI and in JQL (`objective = O-12`): O-1 to O-999999999. */
export const ObjectiveKey = z
  .string()
  .trim()
  .regex(/^O-[1-9][0-9]{0,8}$/, 'an objective key looks like O-12');
export type ObjectiveKey = z.infer<typeof ObjectiveKey>;

/** The largest number an objective key can have (ObjectiveKey's nine digits). */
export const MAX_OBJECTIVE_NUMBER = 999_999_999;

/**
 * The largest key an objectives file may give an objective: O-99999999 (eight digits). The
 * objective counter moves past the highest key an import writes, so the keys above are kept for
 * objectives created afterwards: no file can use the keys up, or move the counter past the
 * pattern (docs/security.md).
 */
export const MAX_FILE_OBJECTIVE_NUMBER = 99_999_999;

export const ObjectiveStatus = z.enum(['draft', 'active', 'done', 'cancelled']);
export type ObjectiveStatus = z.infer<typeof ObjectiveStatus>;

export const Visibility = z.enum(['public', 'restricted']);
export type Visibility = z.infer<typeof Visibility>;

/** An additional, weighted alignment to another objective (besides the primary parent). */
export const Alignment = z.object({
  objectiveId: RecordId,
  weight: Weight.default(1),
});
export type Alignment = z.infer<typeof Alignment>;

export const Objective = z.object({
  id: RecordId,
  key: ObjectiveKey,
  title: Title,
  description: Note.default(''),
  levelId: RecordId,
  periodId: RecordId,
  owner: AccountId,
  /** Required at the lowest (workgroup) level, optional above it. */
  workgroupId: RecordId.nullable().default(null),
  /** The primary parent: the organisational driver this objective serves. Sits at a strictly higher level. */
  parentId: RecordId.nullable().default(null),
  /** Weight of this objective inside its primary parent's progress; null takes the policy's default. */
  weight: Weight.nullable().default(null),
  /** Further objectives this one also contributes to, each with its own weight. */
  alignments: z.array(Alignment).default([]),
  status: ObjectiveStatus.default('active'),
  visibility: Visibility.default('public'),
  /** The objective of an earlier period this one was carried forward from (carry-forward/apply); it keeps its own history. */
  carriedFrom: ObjectiveKey.nullable().default(null),
  createdAt: Instant,
  updatedAt: Instant,
  /** Optimistic concurrency: bumped on every write; a stale writer gets CONFLICT. */
  version: z.number().int().nonnegative().default(0),
});
export type Objective = z.infer<typeof Objective>;

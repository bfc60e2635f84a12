import { z } from 'zod';

/** An Atlassian account id (opaque; Jira Cloud ids look like `5b10a2844c20165700ede21g` or `712020:uuid`). */
export const AccountId = z.string().trim().min(1, 'an account id is required').max(128);
export type AccountId = z.infer<typeof AccountId>;

/** A Jira issue key such as `ABC-123`. */
export const IssueKey = z
  .string()
  .trim()
  .regex(/^[A-Z][A-Z0-9_]{0,254}-[1-9][0-9]*$/, 'an issue key looks like ABC-123');
export type IssueKey = z.infer<typeof IssueKey>;

/** A Jira project key such as `ABC`. */
export const ProjectKey = z
  .string()
  .trim()
  .regex(/^[A-Z][A-Z0-9_]{0,254}$/, 'a project key is upper-case letters, digits and _ , starting with a letter');
export type ProjectKey = z.infer<typeof ProjectKey>;

/**
 * Internal record id: short and safe inside a Forge storage key. No `:`, so that ids joined with
 * `:` (prompt ids, storage keys) split back unambiguously even around an account id holding `:`.
 */
export const RecordId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/, 'an id uses letters, digits and . _ -');
export type RecordId = z.infer<typeof RecordId>;

/** An instant, as milliseconds since the epoch. Domain functions take time as a parameter of this type. */
export const Instant = z.number().int().nonnegative();
export type Instant = z.infer<typeof Instant>;

/** A calendar date `YYYY-MM-DD` (periods, due dates). */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is written YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'not a real calendar date');
export type IsoDate = z.infer<typeof IsoDate>;

/** A relative weight. 0 means "shown but not counted". */
export const Weight = z.number().finite().min(0).max(1000);
export type Weight = z.infer<typeof Weight>;

export const Title = z.string().trim().min(1, 'a title is required').max(255, 'a title has at most 255 characters');
export const Note = z.string().max(10_000, 'a note has at most 10,000 characters');

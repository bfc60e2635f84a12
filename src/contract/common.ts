import { z } from 'zod';

/*
 * Every id, key and cursor below has a pattern and a bound. They end up in Forge storage keys and
 * index values (whose keys take only letters, digits, `:._-#` and whitespace, at most 500
 * characters) and in deterministic ids joined with `:`; anything else is refused here, as
 * VALIDATION at its path, before it reaches a store (docs/security.md, "Inputs").
 */

/**
 * An Atlassian account id: opaque, at most 128 characters (Jira's own bound). Jira Cloud ids look
 * like `5b10a2844c20165700ede21g`, `557058:f58131cb-b67d-43c7-b30d-6b58d40bd077` or `qm:…:…`:
 * letters, digits, `:` and `-` (and `.` `_`, to be safe). Whether the account exists is asked of
 * Jira before it is stored (src/app/references).
 */
export const AccountId = z
  .string()
  .trim()
  .min(1, 'an account id is required')
  .max(128, 'an account id has at most 128 characters')
  .regex(/^[A-Za-z0-9._:-]*$/, 'an account id has only letters, digits and . _ : -');
export type AccountId = z.infer<typeof AccountId>;

/** A Jira issue key such as `ABC-123`: a project key and a number of at most 15 digits. */
export const IssueKey = z
  .string()
  .trim()
  .regex(/^[A-Z][A-Z0-9_]{0,254}-[1-9][0-9]{0,14}$/, 'an issue key looks like ABC-123');
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

/** A Jira field id: `customfield_10016`, `timeestimate`, … (whether Jira has it is asked before it is stored). */
export const JiraFieldId = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]{0,99}$/, 'a Jira field id such as customfield_10016');
export type JiraFieldId = z.infer<typeof JiraFieldId>;

/**
 * A cursor a list gave for its next page, to be passed back as it is. Opaque, but sealed by the
 * server (src/app/list-cursor.ts): its body and a 43-character signature, base64url, so a cursor
 * the server did not make is refused before it reaches storage.
 */
export const ListCursor = z
  .string()
  .max(3000, 'not a cursor this list gave')
  .regex(/^[A-Za-z0-9_-]{1,2955}\.[A-Za-z0-9_-]{43}$/, 'not a cursor this list gave');
export type ListCursor = z.infer<typeof ListCursor>;

/** An instant, as milliseconds since the epoch. Domain functions take time as a parameter of this type. */
export const Instant = z.number().int().nonnegative();
export type Instant = z.infer<typeof Instant>;

/** A calendar date `YYYY-MM-DD` (periods, due dates). */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is written YYYY-MM-DD')
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    'not a real calendar date',
  );
export type IsoDate = z.infer<typeof IsoDate>;

/** A relative weight. 0 means "shown but not counted". */
export const Weight = z.number().finite().min(0).max(1000);
export type Weight = z.infer<typeof Weight>;

export const Title = z.string().trim().min(1, 'a title is required').max(255, 'a title has at most 255 characters');
export const Note = z.string().max(10_000, 'a note has at most 10,000 characters');

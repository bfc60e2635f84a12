/**
 * Zod schemas for issues as Jira exports them: REST v2 and v3 (`/issue`, `/search`, `/search/jql`)
 * and the agile API (`/rest/agile/1.0/board/{id}/issue`), Cloud or Server. Only what the import
 * uses is checked; everything else in a record is ignored. `fields` keeps its other members (custom
 * fields), which `custom-fields.ts` reads.
 */
import { z } from 'zod';
import { adfToText, parseJiraDate, parseJiraDateTime, type AdfNode } from './jira-values';

/** Jira writes ids as strings; the agile API's `epic.id` is a number. */
const Id = z.union([z.string().min(1), z.number().int()]).transform(String);

const NonEmpty = z.string().trim().min(1);

export const RawUser = z
  .object({
    accountId: NonEmpty.nullish(),
    key: NonEmpty.nullish(),
    name: NonEmpty.nullish(),
    displayName: z.string().nullish(),
    emailAddress: z.string().nullish(),
    active: z.boolean().nullish(),
    timeZone: z.string().nullish(),
  })
  .refine((u) => Boolean(u.accountId || u.key || u.name || u.displayName?.trim()), {
    message: 'a user needs an accountId (Cloud), a key or name (Server), or a displayName',
  });
export type RawUser = z.infer<typeof RawUser>;

const Named = z.object({ id: Id.nullish(), name: NonEmpty, description: z.string().nullish() });

export const RawStatus = Named.extend({
  /** `new`, `indeterminate`, `done` (Jira's `undefined` category and unknown keys are read as missing). */
  statusCategory: z.object({ key: z.string() }).nullish(),
});
export type RawStatus = z.infer<typeof RawStatus>;

export const RawIssueType = Named.extend({
  subtask: z.boolean().nullish(),
  /** v3 only: 1 epic, 0 standard, -1 sub-task (higher for levels above epic). */
  hierarchyLevel: z.number().int().nullish(),
});
export type RawIssueType = z.infer<typeof RawIssueType>;

export const RawProject = z.object({
  id: Id.nullish(),
  key: z
    .string()
    .trim()
    .transform((k) => k.toUpperCase())
    .pipe(
      z.string().regex(/^[A-Z][A-Z0-9_]{0,254}$/, 'a project key is letters, digits and _, starting with a letter'),
    ),
  name: z.string().nullish(),
  description: z.string().nullish(),
});
export type RawProject = z.infer<typeof RawProject>;

/** A reference to another issue (`parent`, `subtasks[]`): key, id or both. */
export const IssueRef = z
  .object({ id: Id.nullish(), key: z.string().trim().toUpperCase().nullish() })
  .refine((r) => Boolean(r.id || r.key), { message: 'an issue reference needs a key or an id' });
export type IssueRef = z.infer<typeof IssueRef>;

/** The agile API's `fields.epic`: `{id, key, self, name, summary, color, done}`. */
export const RawEpic = z.object({
  id: Id.nullish(),
  key: z.string().trim().toUpperCase(),
  name: z.string().nullish(),
  done: z.boolean().nullish(),
});

/** A date-time in any format Jira has used, read as epoch milliseconds. */
export const JiraDateTime = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const ms = parseJiraDateTime(value);
  if (ms === null) {
    ctx.addIssue({ code: 'custom', message: `not a date-time: ${JSON.stringify(value)}` });
    return z.NEVER;
  }
  return ms;
});

export const JiraDate = z.string().transform((value, ctx) => {
  const date = parseJiraDate(value);
  if (date === null) {
    ctx.addIssue({ code: 'custom', message: `not a date: ${JSON.stringify(value)}` });
    return z.NEVER;
  }
  return date;
});

export const AdfNodeSchema: z.ZodType<AdfNode> = z.lazy(() =>
  z.object({
    type: z.string(),
    text: z.string().optional(),
    attrs: z.record(z.string(), z.unknown()).optional(),
    content: z.array(AdfNodeSchema).optional(),
  }),
);

/** v2 (wiki markup string) or v3 (ADF document) description, as plain text; CRLF becomes LF. */
export const RawDescription = z.union([z.string(), AdfNodeSchema]).transform((d) => {
  const text = typeof d === 'string' ? d.replace(/\r\n?/g, '\n') : adfToText(d);
  return text.trim() === '' ? null : text;
});

export const RawFields = z.looseObject({
  summary: z.string().nullish(),
  description: RawDescription.nullish(),
  issuetype: RawIssueType,
  status: RawStatus,
  project: RawProject.nullish(),
  priority: Named.nullish(),
  resolution: Named.nullish(),
  assignee: RawUser.nullish(),
  reporter: RawUser.nullish(),
  creator: RawUser.nullish(),
  created: JiraDateTime.nullish(),
  updated: JiraDateTime.nullish(),
  resolutiondate: JiraDateTime.nullish(),
  statuscategorychangedate: JiraDateTime.nullish(),
  duedate: JiraDate.nullish(),
  labels: z.array(z.string()).nullish(),
  parent: IssueRef.nullish(),
  epic: RawEpic.nullish(),
  subtasks: z.array(IssueRef).nullish(),
});
export type RawFields = z.infer<typeof RawFields>;

/** The field-id → display-name map of `expand=names`, and the schemas of `expand=schema`. */
export const Names = z.record(z.string(), z.string());
export const FieldSchemas = z.record(z.string(), z.looseObject({ custom: z.string().nullish() }));

export const RawIssue = z.object({
  id: Id.nullish(),
  key: z
    .string()
    .trim()
    .transform((k) => k.toUpperCase())
    .pipe(z.string().regex(/^[A-Z][A-Z0-9_]*-[1-9]\d*$/, 'an issue key is PROJECT-number')),
  fields: RawFields,
  /** Issue properties, when the export asked for them (`properties=…`). */
  properties: z.record(z.string(), z.json()).nullish(),
});
export type RawIssue = z.infer<typeof RawIssue>;

/** A search or board reply: `{issues: [...]}` plus, with `expand=names,schema`, the field maps. */
export const RawReply = z.looseObject({ issues: z.array(z.unknown()) });

/** A short, one-line account of why a record did not parse: up to three problems with their paths. */
export function describeZodError(error: z.ZodError): string {
  const parts = error.issues.slice(0, 3).map((issue) => {
    const path = issue.path
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
      .join('')
      .replace(/^\./, '');
    return path === '' ? issue.message : `${path}: ${issue.message}`;
  });
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : '';
  return parts.join('; ') + more;
}

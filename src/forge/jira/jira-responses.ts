/**
 * What Tether reads from Jira's answers, as zod schemas (Jira Cloud REST v3 shapes, checked
 * against the OpenAPI spec's `SearchAndReconcileResults`, `IssueBean`, `FieldDetails`,
 * `Permissions` and `ErrorCollection`). Only the members we use are named; the rest is ignored.
 */
import { z } from 'zod';

/** Jira's error body: `{errorMessages: [...], errors: {field: message}}`. */
export const JiraErrorCollection = z
  .object({
    errorMessages: z.array(z.string()).default([]),
    errors: z.record(z.string(), z.string()).default({}),
  })
  .refine((b) => b.errorMessages.length > 0 || Object.keys(b.errors).length > 0, 'not an error collection');

/** One issue of a search page: `{id}` alone when only ids were asked for. */
export const SearchIssue = z.object({
  id: z.string(),
  key: z.string().optional(),
  fields: z.record(z.string(), z.unknown()).optional(),
});
export type SearchIssue = z.infer<typeof SearchIssue>;

/** POST /rest/api/3/search/jql. `nextPageToken` is present only when there is a next page. */
export const SearchPage = z.object({
  issues: z.array(SearchIssue).default([]),
  nextPageToken: z.string().min(1).nullish(),
  isLast: z.boolean().optional(),
});
export type SearchPage = z.infer<typeof SearchPage>;

const UserRef = z.object({ accountId: z.string() }).nullish();

/** The fields rollups need (the story-points fields are read separately: their ids vary by site). */
export const RollupFields = z.object({
  summary: z.string().nullish(),
  issuetype: z.object({ id: z.string(), name: z.string() }).nullish(),
  status: z.object({ statusCategory: z.object({ key: z.string() }).nullish() }).nullish(),
  parent: z.object({ key: z.string() }).nullish(),
  created: z.string(),
  updated: z.string(),
  resolutiondate: z.string().nullish(),
  duedate: z.string().nullish(),
  assignee: UserRef,
  reporter: UserRef,
});
export type RollupFields = z.infer<typeof RollupFields>;

/** GET /rest/api/3/field: every field of the site. */
export const FieldList = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    custom: z.boolean().optional(),
    schema: z.object({ type: z.string() }).partial().optional(),
  }),
);
export type FieldList = z.infer<typeof FieldList>;

/** GET /rest/api/3/mypermissions: `{permissions: {KEY: {havePermission, …}}}`. */
export const MyPermissions = z.object({
  permissions: z.record(z.string(), z.object({ havePermission: z.boolean().optional() })),
});

/** POST /rest/api/3/permissions/project: the projects (id and key) where the user holds every permission asked. */
export const PermittedProjects = z.object({
  projects: z.array(z.object({ id: z.number().optional(), key: z.string() })).optional(),
});

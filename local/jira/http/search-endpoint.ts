/**
 * GET and POST /rest/api/3/search/jql. Defaults as Jira Cloud: `fields` is `id` (ids only),
 * `maxResults` 50. Page size is capped at 5,000 for ids only and at 100 when fields are asked for
 * (Jira documents 5,000 as its maximum and returns fewer "where a large number of fields are
 * requested"). The old /rest/api/3/search answers 410 Gone, as it does on Jira Cloud since 2025.
 *
 * Search is eventually consistent when the Jira has a search lag (search-index.ts): recently
 * written issues are seen as they were, except those `reconcileIssues` names (at most 50 ids).
 */
import { z } from 'zod';
import { FIELDS, selectFields, splitList } from '../fields';
import { renderIssue } from '../issue-json';
import { JiraError } from '../jira-error';
import { searchIssues } from '../jql/search';
import { decodePageToken, encodePageToken } from './page-token';
import {
  errorResponse,
  IntParam,
  json,
  parseOr400,
  queryObject,
  type JiraResponse,
  type RouteContext,
} from './respond';

export const DEFAULT_MAX_RESULTS = 50;
export const MAX_RESULTS_IDS_ONLY = 5000;
export const MAX_RESULTS_WITH_FIELDS = 100;
const MAX_PROPERTIES = 5;
/** "Strong consistency issue ids to be reconciled with search results. Accepts max 50 ids." (OpenAPI). */
export const MAX_RECONCILE_ISSUES = 50;

const SearchQuery = z.object({
  jql: z.string().default(''),
  nextPageToken: z.string().optional(),
  maxResults: IntParam.optional(),
  fields: z.array(z.string()).default([]),
  properties: z.array(z.string()).default([]),
  expand: z.string().optional(),
  fieldsByKeys: z.string().optional(),
  failFast: z.string().optional(),
  reconcileIssues: z.array(z.string()).optional(),
});

/** SearchAndReconcileRequestBean: unknown members are refused. */
const SearchBody = z.strictObject({
  jql: z.string().default(''),
  nextPageToken: z.string().nullish(),
  maxResults: z.number().int().optional(),
  fields: z.array(z.string()).default([]),
  properties: z.array(z.string()).default([]),
  expand: z.string().optional(),
  fieldsByKeys: z.boolean().optional(),
  failFast: z.boolean().optional(),
  reconcileIssues: z.array(z.number().int()).optional(),
});

interface SearchInput {
  jql: string;
  reconcileIssues?: ReadonlyArray<string | number> | undefined;
  nextPageToken?: string | null | undefined;
  maxResults?: number | undefined;
  fields: string[];
  properties: string[];
  expand?: string | undefined;
}

export function searchGet(ctx: RouteContext): JiraResponse {
  const input = parseOr400(SearchQuery, queryObject(ctx.query, ['fields', 'properties', 'reconcileIssues']));
  return search(ctx, input);
}

export function searchPost(ctx: RouteContext): JiraResponse {
  return search(ctx, parseOr400(SearchBody, ctx.body ?? {}));
}

function search(ctx: RouteContext, input: SearchInput): JiraResponse {
  const { jira, actor } = ctx;
  const selection = selectFields(splitList(input.fields), 'id');
  const properties = splitList(input.properties);
  if (properties.length > MAX_PROPERTIES)
    throw new JiraError(400, [`At most ${MAX_PROPERTIES} issue properties can be requested.`]);
  const requested = input.maxResults ?? DEFAULT_MAX_RESULTS;
  if (requested < 1) throw new JiraError(400, ['maxResults must be greater than 0.']);
  const pageSize = Math.min(requested, selection.full ? MAX_RESULTS_WITH_FIELDS : MAX_RESULTS_IDS_ONLY);
  const offset = decodePageToken(input.jql, input.nextPageToken);
  const reconcile = reconcileSet(input.reconcileIssues ?? []);

  const seen = jira.searchIndex.issues(jira.store, jira.now(), reconcile);
  const matches = searchIssues({ store: jira.store, actor, now: jira.now(), indexes: jira.indexes }, input.jql, {
    requireBounded: true,
    issues: seen,
  });
  const page = matches.slice(offset, offset + pageSize);
  const nextOffset = offset + page.length;
  const more = nextOffset < matches.length;
  const expand = splitList(input.expand === undefined ? [] : [input.expand]);
  return json(200, {
    issues: page.map((issue) => renderIssue(jira.store, jira.site, issue, selection, properties)),
    ...(more ? { nextPageToken: encodePageToken(input.jql, nextOffset) } : {}),
    isLast: !more,
    ...(expand.includes('names') && selection.full ? { names: fieldNames(selection.fields) } : {}),
  });
}

/** The issue ids of `reconcileIssues` (GET: repeated or comma-separated; POST: numbers). */
function reconcileSet(raw: ReadonlyArray<string | number>): Set<string> {
  const ids = raw
    .flatMap((v) => String(v).split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
  const bad = ids.find((v) => !/^\d+$/.test(v));
  if (bad !== undefined) throw new JiraError(400, [`reconcileIssues takes issue ids (numbers); '${bad}' is not one.`]);
  const unique = new Set(ids);
  if (unique.size > MAX_RECONCILE_ISSUES)
    throw new JiraError(400, [
      `reconcileIssues accepts at most ${MAX_RECONCILE_ISSUES} issue ids; ${unique.size} were given.`,
    ]);
  return unique;
}

export function fieldNames(ids: readonly string[]): Record<string, string> {
  const names: Record<string, string> = {};
  for (const id of ids) {
    const f = FIELDS.find((x) => x.id === id);
    if (f) names[id] = f.name;
  }
  return names;
}

const REMOVED =
  'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046';

export function removedSearch(): JiraResponse {
  return errorResponse(410, [REMOVED]);
}

/** Request and response types of the local Jira's REST handler, and answers in Jira's shapes. */
import { z } from 'zod';
import { JiraError } from '../jira-error';
import type { LocalJira } from '../local-jira';
import type { Actor } from '../permissions';

export interface JiraRequest {
  method: string;
  /** Path with query string, e.g. `/rest/api/3/search/jql?jql=project%3DWEB`. */
  path: string;
  headers: Record<string, string>;
  /** A JSON string, or empty. */
  body: string | null | undefined;
  /** The user the app acts for (`asUser()`), or null for the app itself (`asApp()`). */
  asUser: string | null;
  /**
   * The app sends it (asApp, asUser, or requestJira from its Custom UI), so it draws on the
   * app's points budget when the Jira has one; a person's own requests (the Jira pages) do not.
   */
  viaApp?: boolean;
}

export interface JiraResponse {
  status: number;
  headers: Record<string, string>;
  /** A JSON string, or empty (204). */
  body: string;
}

/** What a route handler gets. */
export interface RouteContext {
  jira: LocalJira;
  actor: Actor;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The parsed JSON body, or undefined when there is none. */
  body: unknown;
  rawBody: string;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Matched against the decoded path; named groups become `params`. */
  pattern: RegExp;
  handle: (ctx: RouteContext) => JiraResponse;
}

const JSON_HEADERS = { 'content-type': 'application/json;charset=UTF-8' };

export function json(status: number, body: unknown): JiraResponse {
  return { status, headers: { ...JSON_HEADERS }, body: JSON.stringify(body) };
}

export function noContent(status = 204): JiraResponse {
  return { status, headers: {}, body: '' };
}

export function errorResponse(
  status: number,
  errorMessages: string[],
  errors: Record<string, string> = {},
): JiraResponse {
  return json(status, { errorMessages, errors });
}

/** Parses with zod, answering 400 with the problems (path: message) when the input is bad. */
export function parseOr400<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new JiraError(
    400,
    result.error.issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message)),
  );
}

/** Query parameters as zod input: single values as strings, repeated ones as arrays. */
export function queryObject(
  query: URLSearchParams,
  repeated: readonly string[] = [],
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(query.keys())) {
    out[key] = repeated.includes(key) ? query.getAll(key) : (query.get(key) ?? '');
  }
  return out;
}

/** An integer query parameter such as `maxResults=50`. */
export const IntParam = z
  .string()
  .regex(/^-?\d+$/, 'must be an integer')
  .transform(Number);

/** A boolean query parameter (`true`/`false`). */
export const BoolParam = z.enum(['true', 'false']).transform((v) => v === 'true');

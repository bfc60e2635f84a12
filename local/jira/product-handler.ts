/**
 * The local Jira's REST entry point. The runtime calls it for every product request the app
 * makes (`requestJira` from @forge/api or @forge/bridge):
 *
 *   handleJiraRequest(jira, {method, path, headers, body, asUser}) → {status, headers, body}
 *
 * `asUser` is an account id (`asUser()` / the bridge's user) or null for the app (`asApp()`).
 * Unknown endpoints answer 404 in Jira's error shape; bad JQL answers 400.
 */
import { errorResponse, type JiraRequest, type JiraResponse } from './http/respond';
import { ROUTES } from './http/routes';
import { JiraError } from './jira-error';
import { JqlError } from './jql/errors';
import type { LocalJira } from './local-jira';
import { actorFor } from './permissions';
import { pointsFor } from './rate-limit';
import { parseRequestJson, type RequestJson } from '../runtime/request-json';

export type { JiraRequest, JiraResponse } from './http/respond';

function parseBody(raw: string): RequestJson {
  if (raw.trim() === '') return { ok: true, value: undefined };
  return parseRequestJson(raw, 'The request body');
}

function decodeSegments(pathname: string): string {
  return pathname
    .split('/')
    .map((s) => {
      try {
        return decodeURIComponent(s).replace(/\//g, '%2F');
      } catch {
        return s;
      }
    })
    .join('/');
}

export async function handleJiraRequest(jira: LocalJira, request: JiraRequest): Promise<JiraResponse> {
  const budget = request.viaApp === true ? jira.appBudget : null;
  if (budget === null) return answer(jira, request);
  const refused = budget.refusal(jira.now());
  if (refused !== null) return refused;
  const response = await answer(jira, request);
  const near = budget.charge(pointsFor(request.method.toUpperCase(), request.path, response), jira.now());
  return { ...response, headers: { ...response.headers, ...near } };
}

async function answer(jira: LocalJira, request: JiraRequest): Promise<JiraResponse> {
  const url = new URL(request.path, 'http://local-jira');
  const pathname = url.pathname.replace(/\/+$/, '') || '/';
  const method = request.method.toUpperCase();
  const path = decodeSegments(pathname);

  let allowed = false;
  for (const route of ROUTES) {
    const m = route.pattern.exec(path);
    if (!m) continue;
    if (route.method !== method) {
      allowed = true;
      continue;
    }
    const actor = actorFor(jira.store, request.asUser);
    if (!actor)
      return errorResponse(401, ['You are not authenticated. Authentication required to perform this operation.']);
    const rawBody = request.body ?? '';
    const body = parseBody(rawBody);
    if (!body.ok) return errorResponse(400, [body.message]);
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(m.groups ?? {})) params[k] = v.replace(/%2F/g, '/');
    try {
      return route.handle({ jira, actor, params, query: url.searchParams, body: body.value, rawBody });
    } catch (e) {
      if (e instanceof JiraError) return errorResponse(e.status, e.errorMessages, e.errors);
      if (e instanceof JqlError) return errorResponse(400, [e.message]);
      return errorResponse(500, [`The local Jira failed: ${e instanceof Error ? e.message : String(e)}`]);
    }
  }
  if (allowed) return errorResponse(405, [`The method ${method} is not allowed for ${pathname}.`]);
  return errorResponse(404, [
    `The local Jira does not implement ${method} ${pathname}. See docs/local-jira.md for what it serves.`,
  ]);
}

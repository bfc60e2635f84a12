/** Calls the local Jira's REST handler the way the runtime does, and reads the JSON answer. */
import type { LocalJira } from '../../../local/jira/local-jira';
import { handleJiraRequest } from '../../../local/jira/product-handler';

export { at } from '../../support/at';

export interface Answer {
  status: number;
  headers: Record<string, string>;
  /** The parsed JSON body (undefined when empty). */
  json: unknown;
  raw: string;
}

export async function call(
  jira: LocalJira,
  method: string,
  path: string,
  options: { body?: unknown; asUser?: string | null; rawBody?: string } = {},
): Promise<Answer> {
  const body = options.rawBody ?? (options.body === undefined ? '' : JSON.stringify(options.body));
  const res = await handleJiraRequest(jira, {
    method,
    path,
    headers: { accept: 'application/json', ...(body === '' ? {} : { 'content-type': 'application/json' }) },
    body,
    asUser: options.asUser === undefined ? null : options.asUser,
  });
  const json: unknown = res.body === '' ? undefined : JSON.parse(res.body);
  return { status: res.status, headers: res.headers, json, raw: res.body };
}

export function q(params: Record<string, string | number | string[]>): string {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (Array.isArray(v)) for (const x of v) s.append(k, x);
    else s.append(k, String(v));
  }
  return s.toString();
}

/**
 * `tether jira <METHOD> <path> [--as persona] [--data json]`: one REST call to the local Jira,
 * as a persona (default admin), an account id, or `app`. Changes fire the app's triggers (run
 * before the command exits) and are saved to the data folder. Prints the response body; the
 * status goes to stderr. Exit 0 for 1xx–3xx, 1 otherwise.
 */
import type { CliIo } from '../cli-io';
import { invocationLine } from '../invocation-summary';
import { openHost, type HostFlags } from '../open-host';
import { accountFor } from '../personas';

const METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE']);

export interface JiraCommandInput extends HostFlags {
  method: string | undefined;
  path: string | undefined;
  as?: string | undefined;
  data?: string | undefined;
}

function pretty(body: string): string {
  if (body === '') return '';
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

export async function jiraCommand(input: JiraCommandInput, env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  const method = input.method?.toUpperCase();
  if (method === undefined || !METHODS.has(method) || input.path === undefined || !input.path.startsWith('/')) {
    io.err(
      'Usage: tether jira <GET|POST|PUT|DELETE> </rest/api/3/...> [--as admin|lead|member|outsider|app|<accountId>] [--data <json>]',
    );
    return 1;
  }
  if (input.data !== undefined) {
    try {
      JSON.parse(input.data);
    } catch (e) {
      io.err(`--data is not JSON: ${e instanceof Error ? e.message : String(e)}`);
      return 1;
    }
  }
  const host = openHost(input, env);
  try {
    const asUser = accountFor(host.jira, input.as ?? 'admin');
    const before = host.invocations().length;
    const res = await host.jiraRequest({
      method,
      path: input.path,
      asUser,
      ...(input.data === undefined ? {} : { body: input.data }),
    });
    await host.drain();
    io.err(`${res.status} ${method} ${input.path} as ${asUser ?? 'the app'}`);
    for (const r of host.invocations().slice(before)) io.err(invocationLine(r));
    const body = pretty(res.body);
    if (body !== '') io.out(body);
    return res.status < 400 ? 0 : 1;
  } finally {
    await host.close();
  }
}

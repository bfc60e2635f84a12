/**
 * Jira's REST API as the frontend reaches it: through @forge/bridge `requestJira` (as the user) in
 * production, a double in tests. A reply is its status and its parsed JSON body, never trusted:
 * callers parse the body with zod.
 */
export interface JiraReply {
  status: number;
  body: unknown;
}

export interface JiraRequestInit {
  method?: 'GET' | 'POST';
  /** Sent as JSON. */
  body?: unknown;
}

export type JiraRequest = (path: string, init?: JiraRequestInit) => Promise<JiraReply>;

/** A Jira failure in words: Jira's own messages when it gave any. */
export function jiraFailure(reply: JiraReply, what: string): string {
  const body = reply.body;
  if (typeof body === 'object' && body !== null && 'errorMessages' in body && Array.isArray(body.errorMessages)) {
    const messages = body.errorMessages.filter((m): m is string => typeof m === 'string');
    if (messages.length > 0) return `Jira could not ${what}: ${messages.join(' ')}`;
  }
  return `Jira could not ${what} (HTTP ${reply.status}).`;
}

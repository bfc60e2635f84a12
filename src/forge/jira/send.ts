/** How the adapter's operations send a request: through the retry policy, named by endpoint. */
import type { APIResponse } from '@forge/api';
import { sendWithRetries, type JiraAnswer, type RetryPolicy } from './retry';

/** `endpoint` names the call in errors (method and path template, no query values). */
export type Send = (endpoint: string, request: () => Promise<APIResponse>) => Promise<JiraAnswer>;

export const JSON_HEADERS = { Accept: 'application/json', 'Content-Type': 'application/json' } as const;

export function sender(policy: RetryPolicy): Send {
  return (endpoint, request) => sendWithRetries(endpoint, request, policy);
}

/**
 * Jira's refusals as failures the use cases and resolvers already understand (`AppFailure`:
 * code, message, details). The code says what the caller can do: VALIDATION (fix the input,
 * Jira's messages attached), NOT_FOUND, FORBIDDEN, CONFLICT, LIMIT, UNAVAILABLE (try later),
 * INTERNAL (our request was wrong).
 */
import type { ErrorCode, ErrorDetail } from '../../contract';
import { AppFailure, type ServiceBusy } from '../../app/app-failure';
import { JiraErrorCollection } from './jira-responses';

export class JiraRequestFailure extends AppFailure {
  override readonly name = 'JiraRequestFailure';

  constructor(
    code: ErrorCode,
    message: string,
    /** e.g. `GET /rest/api/3/mypermissions`: what was called, without query values. */
    readonly endpoint: string,
    /** Jira's HTTP status; null when no answer came (the request itself failed). */
    readonly status: number | null,
    /** Jira's `errorMessages` followed by its per-field `errors`, as Jira worded them. */
    readonly jiraMessages: readonly string[],
    details?: ErrorDetail[],
    busy?: ServiceBusy,
  ) {
    super(code, message, details, busy);
  }
}

/** The error code for a final (not retried) Jira status. */
export function codeForStatus(status: number): ErrorCode {
  if (status === 400 || status === 422) return 'VALIDATION';
  if (status === 401 || status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 413) return 'LIMIT';
  if (status === 429 || status >= 500) return 'UNAVAILABLE';
  return 'INTERNAL';
}

/** Jira's messages from an error body (`ErrorCollection`); none when the body is something else. */
export function jiraMessagesOf(body: string): { messages: string[]; details: ErrorDetail[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    return { messages: [], details: [] };
  }
  const parsed = JiraErrorCollection.safeParse(raw);
  if (!parsed.success) return { messages: [], details: [] };
  const details = Object.entries(parsed.data.errors).map(([path, message]) => ({ path, message }));
  return { messages: [...parsed.data.errorMessages, ...details.map((d) => d.message)], details };
}

/** A failure for a final Jira answer with this status and body. */
export function failureForResponse(endpoint: string, status: number, body: string): JiraRequestFailure {
  const { messages, details } = jiraMessagesOf(body);
  const said = messages.length > 0 ? `: ${messages.join(' ')}` : '';
  return new JiraRequestFailure(
    codeForStatus(status),
    `Jira ${endpoint} answered ${status}${said}`,
    endpoint,
    status,
    messages,
    details.length > 0 ? details : undefined,
  );
}

/**
 * Jira kept refusing (429, 5xx) or did not answer, and there is no time or attempt left to wait;
 * `waitMs` is what Jira's `Retry-After` asked for, when it named a time.
 */
export function unavailable(
  endpoint: string,
  status: number | null,
  why: string,
  waitMs: number | null = null,
): JiraRequestFailure {
  const what = status === null ? 'could not be reached' : `answered ${status}`;
  return new JiraRequestFailure(
    'UNAVAILABLE',
    `Jira ${endpoint} ${what}; ${why}. Try again later.`,
    endpoint,
    status,
    [],
    undefined,
    { service: 'jira', waitMs },
  );
}

/** Jira answered 2xx with a body we cannot read: a contract problem, not the user's. */
export function unreadable(endpoint: string, problem: string): JiraRequestFailure {
  return new JiraRequestFailure(
    'INTERNAL',
    `Jira ${endpoint} answered with a body Tether cannot read: ${problem}`,
    endpoint,
    200,
    [],
  );
}

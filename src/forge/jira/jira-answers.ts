/** Reading a Jira answer: a final refusal becomes a typed failure; a body is parsed with zod. */
import type { z } from 'zod';
import { failureForResponse, unreadable } from './jira-errors';
import type { JiraAnswer } from './retry';

export function isOk(answer: JiraAnswer): boolean {
  return answer.status >= 200 && answer.status < 300;
}

/** Throws the typed failure for a non-2xx answer. */
export function ensureOk(answer: JiraAnswer): void {
  if (!isOk(answer)) throw failureForResponse(answer.endpoint, answer.status, answer.body);
}

/** The body of a 2xx answer, parsed with `schema`; any other answer throws its typed failure. */
export function okJson<S extends z.ZodType>(answer: JiraAnswer, schema: S): z.infer<S> {
  ensureOk(answer);
  let raw: unknown;
  try {
    raw = JSON.parse(answer.body);
  } catch {
    throw unreadable(answer.endpoint, 'not JSON');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw unreadable(
      answer.endpoint,
      first ? `${first.path.join('.') || '(body)'}: ${first.message}` : 'unexpected shape',
    );
  }
  return parsed.data;
}

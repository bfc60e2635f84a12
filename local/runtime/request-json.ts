/**
 * Reads the JSON body of a request to the local host (the bridge, the local Jira's REST API) so
 * that any text gets an answer a person can read: not JSON, nested deeper than
 * `MAX_JSON_DEPTH`, or holding a number JSON.parse turns into Infinity (`1e309`) are refused
 * with one plain sentence, before anything recursive (zod, a handler, JSON.stringify) meets the
 * value and fails with a stack overflow or a schema dump.
 *
 * V8's JSON.parse itself copes with deep nesting; the walk below is iterative, so it does too.
 */

/**
 * The deepest nesting of arrays and objects a request body may have. Jackson, which Atlassian's
 * services parse JSON with, refuses documents nested past 1,000 by default; the host's own
 * schemas (recursive) stay far from a stack overflow at this depth, and no payload of the app or
 * the local Jira comes near it.
 */
export const MAX_JSON_DEPTH = 500;

export type RequestJson = { ok: true; value: unknown } | { ok: false; message: string };

/** Where a value sits in the body, for the message: `payload.version`, `items.3`, or `the body`. */
function shown(path: readonly (string | number)[]): string {
  return path.length === 0 ? 'the body itself' : path.join('.');
}

/**
 * The first problem JSON.parse let through: nesting deeper than `maxDepth`, or a number that is
 * not finite (JSON has no Infinity; `1e309` parses to it). Iterative, depth-first.
 */
export function jsonValueProblem(value: unknown, maxDepth: number = MAX_JSON_DEPTH): string | null {
  const stack: { value: unknown; depth: number; path: (string | number)[] }[] = [{ value, depth: 0, path: [] }];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === undefined) break;
    const v = item.value;
    if (typeof v === 'number' && !Number.isFinite(v))
      return `the number at ${shown(item.path)} is too large for JSON (at most about 1.8e308)`;
    if (typeof v !== 'object' || v === null) continue;
    const depth = item.depth + 1;
    if (depth > maxDepth) return `it is nested more than ${maxDepth} levels deep`;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--)
        stack.push({ value: v[i] as unknown, depth, path: depth > 8 ? item.path : [...item.path, i] });
    } else {
      for (const [k, child] of Object.entries(v as Record<string, unknown>))
        stack.push({ value: child, depth, path: depth > 8 ? item.path : [...item.path, k] });
    }
  }
  return null;
}

/**
 * Parses a request body as JSON; `what` names it in the message ("The request body"). The message
 * is one line: never a stack or a schema's issues (V8's syntax message quotes a few characters).
 */
export function parseRequestJson(text: string, what: string): RequestJson {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    // V8's messages are one plain line ("Unexpected token } in JSON at position 12"), cut in case
    const reason = e instanceof Error ? e.message.split('\n')[0]?.slice(0, 200) : undefined;
    return { ok: false, message: `${what} is not valid JSON${reason === undefined ? '' : `: ${reason}`}` };
  }
  const problem = jsonValueProblem(value);
  return problem === null ? { ok: true, value } : { ok: false, message: `${what} cannot be read: ${problem}` };
}

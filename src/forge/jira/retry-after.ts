/**
 * Jira's `Retry-After` header: a number of seconds or an HTTP date (RFC 9110 §10.2.3). Jira Cloud
 * sends seconds on 429; a proxy in front of it may send a date. Returns the wait in
 * milliseconds, or null when the header is absent or unreadable (then we back off ourselves).
 */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (text === '') return null;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // An HTTP date has a weekday name and GMT; anything with no letters is not one.
  if (!/[A-Za-z]/.test(text)) return null;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}

/** Exponential backoff with jitter for attempt 1, 2, …: a wait between half and all of min(max, base·2^(n-1)). */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * Math.min(1, Math.max(0, random)));
}

/**
 * Jira Cloud's points-based quota for apps ("Rate limiting" page, enforced since 2 March 2026):
 * the work an app does is counted in points per hour; each request costs a base of 1 point plus
 * 1 for each object it reads (issues, users, projects, permissions … in the answer); a write costs
 * the base only. When the hour's points are spent, Jira answers 429 Too Many Requests with
 * `Retry-After` (seconds) and `X-RateLimit-Reset` (when the window resets), until the next hour.
 *
 * Here one budget holds everything the app asks (asApp, asUser, and requestJira from its Custom
 * UI), in fixed windows of a clock hour. What a person does in the Jira pages is not counted.
 * The default is Atlassian's global pool of 65,000 points an hour; tests give a small one.
 */
/** An answer of the REST handler (the shape of http/respond.ts's response, kept here to avoid an import cycle). */
export interface JiraAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export const DEFAULT_APP_POINTS_PER_HOUR = 65_000;
const HOUR_MS = 60 * 60 * 1000;
/** "X-RateLimit-NearLimit: true when less than 20% of any budget remains." */
const NEAR_LIMIT_SHARE = 0.2;

/** `yyyy-MM-ddTHH:mmZ`, as Jira writes X-RateLimit-Reset. */
function resetStamp(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16)}Z`;
}

export class PointsBudget {
  private windowStart = Number.NEGATIVE_INFINITY;
  private used = 0;

  constructor(readonly pointsPerHour: number) {}

  private roll(now: number): void {
    const start = Math.floor(now / HOUR_MS) * HOUR_MS;
    if (start !== this.windowStart) {
      this.windowStart = start;
      this.used = 0;
    }
  }

  remaining(now: number): number {
    this.roll(now);
    return Math.max(0, this.pointsPerHour - this.used);
  }

  /** Jira's 429 when the hour's points are spent, else null. */
  refusal(now: number): JiraAnswer | null {
    if (this.remaining(now) > 0) return null;
    const reset = this.windowStart + HOUR_MS;
    const retryAfter = Math.max(1, Math.ceil((reset - now) / 1000));
    return {
      status: 429,
      headers: {
        'content-type': 'application/json;charset=UTF-8',
        'retry-after': String(retryAfter),
        'x-ratelimit-limit': String(this.pointsPerHour),
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': resetStamp(reset),
        'ratelimit-reason': 'jira-quota-tenant-based',
      },
      body: JSON.stringify({
        errorMessages: [
          `Rate limit exceeded: the app has spent its ${this.pointsPerHour} points for this hour. Retry after ${retryAfter} seconds.`,
        ],
        errors: {},
      }),
    };
  }

  /** Counts a request's points; returns the headers Jira adds when the budget runs low. */
  charge(points: number, now: number): Record<string, string> {
    this.roll(now);
    this.used += points;
    return this.remaining(now) < this.pointsPerHour * NEAR_LIMIT_SHARE ? { 'x-ratelimit-nearlimit': 'true' } : {};
  }
}

/** How many objects an answer holds: issues, users, values, permissions, fields … (at least 1). */
function objectsIn(body: string): number {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return 1;
  }
  if (Array.isArray(parsed)) return Math.max(1, parsed.length);
  if (typeof parsed !== 'object' || parsed === null) return 1;
  for (const list of ['issues', 'values', 'users', 'keys']) {
    const value: unknown = Reflect.get(parsed, list);
    if (Array.isArray(value)) return value.length;
  }
  const permissions: unknown = Reflect.get(parsed, 'permissions');
  if (typeof permissions === 'object' && permissions !== null) return Math.max(1, Object.keys(permissions).length);
  return 1;
}

/** The points a request costs: 1, plus 1 per object read for a successful read (a search is a read). */
export function pointsFor(method: string, path: string, response: JiraAnswer): number {
  const isRead =
    method === 'GET' || (method === 'POST' && /\/search\/jql$/.test(new URL(path, 'http://local-jira').pathname));
  if (!isRead || response.status >= 300 || response.body === '') return 1;
  return 1 + objectsIn(response.body);
}

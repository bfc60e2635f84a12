/**
 * How long a trigger or consumer asks Forge to wait when a busy service stopped it
 * (src/triggers/retry-later.ts): storage names no time, so the retry is spread over 60–900 s; Jira's
 * `Retry-After` is kept, plus up to 30 s, and cut to Forge's 900 s; any other failure is no wait.
 */
import { AppFailure } from '../../src/app/app-failure';
import { storageBusy } from '../../src/forge/store/kvs';
import { unavailable } from '../../src/forge/jira/jira-errors';
import { retryAfterFor, retryCountOf, retryLater } from '../../src/triggers/retry-later';

describe('retryAfter for a busy service', () => {
  it("spreads storage's refusals over 60–900 s", () => {
    const busy = storageBusy(12, 'no attempts left');
    expect(retryAfterFor(busy, () => 0)).toBe(60);
    expect(retryAfterFor(busy, () => 0.5)).toBe(480);
    expect(retryAfterFor(busy, () => 0.999_999)).toBe(900);
  });

  it("keeps Jira's Retry-After, plus up to 30 s, and cuts it to 900 s", () => {
    const soon = unavailable('GET /rest/api/3/issue/{id}', 429, 'Jira asked to wait 300 s', 299_500);
    expect(retryAfterFor(soon, () => 0)).toBe(300);
    expect(retryAfterFor(soon, () => 0.999_999)).toBe(330);
    const nextHour = unavailable('POST /rest/api/3/search/jql', 429, 'Jira asked to wait 3453 s', 3_453_000);
    expect(retryAfterFor(nextHour, () => 0)).toBe(900);
    // refused five times in a row without a Retry-After: spread like storage's
    expect(retryAfterFor(unavailable('GET /rest/api/3/field', 503, 'gave up after 5 attempts'), () => 0)).toBe(60);
  });

  it('is null for any other failure', () => {
    expect(retryAfterFor(new AppFailure('CONFLICT', 'changed meanwhile'))).toBeNull();
    expect(retryAfterFor(new Error('a bug'))).toBeNull();
  });

  it("answers @forge/events' InvocationError as Forge reads it, and reads the retry count of a delivery", () => {
    expect(JSON.parse(JSON.stringify(retryLater(120)))).toEqual({
      _retry: true,
      retryOptions: { retryAfter: 120, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED' },
    });
    expect(retryCountOf({ retryContext: { retryCount: 3, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED' } })).toBe(3);
    expect(retryCountOf({ issue: { key: 'WEB-1' } })).toBe(0);
  });
});

/**
 * Retries on 429 and 5xx within the invocation's time, and Jira's refusals as typed failures.
 * A handler in front of the local Jira answers first; the sleep and the clock are fakes.
 */
import { AppFailure } from '../../../src/app/app-failure';
import { createJiraClient } from '../../../src/forge/jira';
import { backoffMs, retryAfterMs } from '../../../src/forge/jira/retry-after';
import type { ProductRequest } from '../../../local/runtime/install-forge-runtime';
import { fakeTime, jiraKit, MEMBER, type JiraKit } from './jira-test-kit';

const START = Date.parse('2026-10-15T12:00:00Z');
const SEARCH = '/rest/api/3/search/jql';

let kit: JiraKit;
afterEach(() => kit.close());

/** Answers the first `n` search requests with `status` and `headers`, then lets Jira answer. */
function failFirst(n: number, status: number, headers: (i: number) => Record<string, string> = () => ({})) {
  let seen = 0;
  return (request: ProductRequest) => {
    if (request.path !== SEARCH || seen >= n) return undefined;
    seen += 1;
    return {
      status,
      headers: { 'content-type': 'application/json', ...headers(seen) },
      body: '{"errorMessages":["Rate limit exceeded."],"errors":{}}',
    };
  };
}

/** The first `n` search requests get no HTTP answer at all (the connection fails), then Jira answers. */
function cutFirst(n: number) {
  let seen = 0;
  return (request: ProductRequest) => {
    if (request.path !== SEARCH || seen >= n) return undefined;
    seen += 1;
    throw new Error('socket hang up');
  };
}

describe('retries', () => {
  it('retries a request that got no answer (a network error) as it retries a 503, then succeeds', async () => {
    const time = fakeTime(START, 25_000);
    kit = jiraKit([{ key: 'WEB-1' }], { wrap: cutFirst(2) });
    const client = createJiraClient({ ...time, storyPointsFieldId: 'customfield_10016' });
    const page = await kit.as(null, () => client.searchIssues('project = WEB', null));
    expect(page.issues.map((i) => i.key)).toEqual(['WEB-1']);
    expect(time.sleeps).toHaveLength(2);
  });

  it('gives up on a Jira that never answers with UNAVAILABLE, "could not be reached", never INTERNAL', async () => {
    const time = fakeTime(START, 25_000);
    kit = jiraKit([{ key: 'WEB-1' }], { wrap: cutFirst(100) });
    const client = createJiraClient({ ...time, storyPointsFieldId: 'customfield_10016' });
    const failure = kit.as(null, () => client.searchIssues('project = WEB', null));
    await expect(failure).rejects.toMatchObject({ code: 'UNAVAILABLE', status: null });
    await expect(failure).rejects.toThrow(/could not be reached; no answer \(socket hang up\)/);
  });

  it('waits as long as Retry-After says (seconds or an HTTP date), then succeeds', async () => {
    const time = fakeTime(START, 25_000);
    const dates = ['3', new Date(START + 3000 + 5000).toUTCString()];
    kit = jiraKit([{ key: 'WEB-1' }], { wrap: failFirst(2, 429, (i) => ({ 'retry-after': dates[i - 1] ?? '' })) });
    const client = createJiraClient({ ...time, storyPointsFieldId: 'customfield_10016' });
    const page = await kit.as(null, () => client.searchIssues('project = WEB', null));
    expect(page.issues.map((i) => i.key)).toEqual(['WEB-1']);
    expect(time.sleeps).toEqual([3000, 5000]);
    expect(kit.searchCalls()).toBe(3);
  });

  it('stops at the deadline: it never sleeps past the invocation’s remaining time', async () => {
    const time = fakeTime(START, 10_000);
    kit = jiraKit([{ key: 'WEB-1' }], { wrap: failFirst(100, 429, () => ({ 'retry-after': '4' })) });
    const client = createJiraClient({ ...time, storyPointsFieldId: 'customfield_10016', retry: { maxAttempts: 10 } });
    const failure = kit.as(null, () => client.searchIssues('project = WEB', null));
    await expect(failure).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      status: 429,
      endpoint: 'POST /rest/api/3/search/jql',
    });
    await expect(failure).rejects.toThrow(
      /^Jira POST \/rest\/api\/3\/search\/jql answered 429; Jira asked to wait 4 s but only 2 s remain in this invocation/,
    );
    // 10 s budget, 1 s kept for the request: waits of 4 s fit twice, the third does not
    expect(time.sleeps).toEqual([4000, 4000]);
    expect(time.deadline()).toBe(2000);
    expect(kit.searchCalls()).toBe(3);
  });

  it('does not wait at all when Retry-After is beyond the time left', async () => {
    const time = fakeTime(START, 25_000);
    kit = jiraKit([], { wrap: failFirst(1, 429, () => ({ 'retry-after': '60' })) });
    const client = createJiraClient(time);
    await expect(kit.as(MEMBER, () => client.validateJql('project = WEB'))).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      status: 429,
    });
    expect(time.sleeps).toEqual([]);
  });

  it('backs off exponentially with jitter on 503 without Retry-After', async () => {
    const time = fakeTime(START, 60_000);
    kit = jiraKit([{ key: 'WEB-1' }], { wrap: failFirst(3, 503) });
    const client = createJiraClient({ ...time, random: () => 0.5, storyPointsFieldId: 'customfield_10016' });
    await kit.as(null, () => client.searchIssues('project = WEB', null));
    // ceilings 1 s, 2 s, 4 s; the wait is between half and all of it (random 0.5 → three quarters)
    expect(time.sleeps).toEqual([750, 1500, 3000]);
  });

  it('gives up after the last attempt with UNAVAILABLE naming the endpoint and status', async () => {
    const time = fakeTime(START, 600_000);
    kit = jiraKit([], { wrap: failFirst(100, 502) });
    const client = createJiraClient({ ...time, random: () => 1, retry: { maxAttempts: 4 } });
    const failure = kit.as(null, () => client.aggregate('project = WEB', 'count', null));
    await expect(failure).rejects.toMatchObject({ code: 'UNAVAILABLE', status: 502 });
    await expect(failure).rejects.toThrow(
      'Jira POST /rest/api/3/search/jql answered 502; gave up after 4 attempts. Try again later.',
    );
    expect(time.sleeps).toEqual([1000, 2000, 4000]);
  });

  it('reads Retry-After as seconds or a date, and ignores what is neither', () => {
    expect(retryAfterMs('2', START)).toBe(2000);
    expect(retryAfterMs(' 0.5 ', START)).toBe(500);
    expect(retryAfterMs(new Date(START + 7000).toUTCString(), START)).toBe(7000);
    expect(retryAfterMs(new Date(START - 7000).toUTCString(), START)).toBe(0);
    expect(retryAfterMs(null, START)).toBeNull();
    expect(retryAfterMs('soon', START)).toBeNull();
    expect(retryAfterMs('-3', START)).toBeNull();
    expect(backoffMs(1, 1000, 10_000, 0)).toBe(500);
    expect(backoffMs(5, 1000, 10_000, 0.999999)).toBe(10_000);
  });
});

describe('typed failures', () => {
  it('maps 404, 403 and 400 to NOT_FOUND, FORBIDDEN and VALIDATION with Jira’s messages, as AppFailures', async () => {
    kit = jiraKit([{ key: 'WEB-1' }], {
      wrap: (r) =>
        r.method === 'PUT' && r.path.includes('WEB-1')
          ? { status: 403, body: '{"errorMessages":["You do not have permission to edit this issue."],"errors":{}}' }
          : undefined,
    });
    const client = createJiraClient({ storyPointsFieldId: 'customfield_10016' });
    const missing = kit.as(null, () => client.setIssueProperty('WEB-404', 'tether', { objectives: [] }));
    await expect(missing).rejects.toMatchObject({ code: 'NOT_FOUND', status: 404 });
    const forbidden = kit.as(null, () => client.setIssueProperty('WEB-1', 'tether', { objectives: [] }));
    await expect(forbidden).rejects.toMatchObject({
      code: 'FORBIDDEN',
      status: 403,
      jiraMessages: ['You do not have permission to edit this issue.'],
    });
    await expect(forbidden).rejects.toThrow(
      'Jira PUT /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey} answered 403: You do not have permission to edit this issue.',
    );
    const invalid = await kit.as(null, () => client.searchIssues('project = WEB AND', null)).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(AppFailure);
    expect(invalid instanceof AppFailure && invalid.toError()).toEqual({
      code: 'VALIDATION',
      message: expect.stringMatching(/^Jira POST \/rest\/api\/3\/search\/jql answered 400: Error in the JQL Query: /),
    });
  });

  it('keeps Jira’s per-field errors as details', async () => {
    kit = jiraKit([], {
      wrap: () => ({ status: 400, body: '{"errorMessages":[],"errors":{"jql":"The JQL is too long."}}' }),
    });
    const client = createJiraClient({ storyPointsFieldId: 'customfield_10016' });
    const failure = await kit.as(null, () => client.searchIssues('project = WEB', null)).catch((e: unknown) => e);
    expect(failure instanceof AppFailure && failure.toError()).toEqual({
      code: 'VALIDATION',
      message: 'Jira POST /rest/api/3/search/jql answered 400: The JQL is too long.',
      details: [{ path: 'jql', message: 'The JQL is too long.' }],
    });
  });

  it('turns a 2xx body that is not what Jira documents into INTERNAL, naming what is wrong', async () => {
    kit = jiraKit([], {
      wrap: (r) =>
        r.path.startsWith('/rest/api/3/mypermissions') ? { status: 200, body: '{"permissions": []}' } : undefined,
    });
    const client = createJiraClient();
    await expect(kit.as(MEMBER, () => client.myPermissions({ site: true }, ['ADMINISTER']))).rejects.toMatchObject({
      code: 'INTERNAL',
      message: expect.stringContaining(
        'Jira GET /rest/api/3/mypermissions answered with a body Tether cannot read: permissions',
      ),
    });
  });
});

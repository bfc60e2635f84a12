/**
 * The app's points budget (docs/forge-fidelity.md, "Jira REST"): 1 point a request plus 1 per
 * object read, per clock hour; when spent, 429 with Retry-After and X-RateLimit-Reset until the
 * hour turns. A person's own requests are not counted. The clock is moved, never slept on.
 */
import { handleJiraRequest } from '../../../local/jira/product-handler';
import { aJira, MEMBER, NOW } from './builders';
import { at } from './http';

const MINUTE = 60_000;
/** The Jira's clock, moved by hand: real time passing between two requests changes nothing. */
let clock = NOW;
beforeEach(() => {
  clock = NOW + 50 * MINUTE;
});

function budgeted(points: number) {
  return aJira([{ key: 'WEB-1' }, { key: 'WEB-2' }, { key: 'WEB-3' }], {
    now: () => clock,
    appPointsPerHour: points,
  }).jira;
}

async function send(
  jira: ReturnType<typeof budgeted>,
  method: string,
  path: string,
  options: { viaApp?: boolean; asUser?: string | null; body?: unknown } = {},
) {
  const res = await handleJiraRequest(jira, {
    method,
    path,
    headers: {},
    body: options.body === undefined ? '' : JSON.stringify(options.body),
    asUser: options.asUser === undefined ? null : options.asUser,
    viaApp: options.viaApp ?? true,
  });
  const json: unknown = res.body === '' ? undefined : JSON.parse(res.body);
  return { ...res, json };
}

const SEARCH = `/rest/api/3/search/jql?jql=${encodeURIComponent('project = WEB')}&fields=key`;

describe("the app's points budget", () => {
  it('charges 1 point a request plus 1 per object read, and answers 429 with Retry-After once the hour is spent', async () => {
    const jira = budgeted(10);
    // a search of 3 issues: 4 points; reading one issue: 2 points; a write: 1 point
    expect((await send(jira, 'GET', SEARCH)).status).toBe(200);
    expect(jira.appBudget?.remaining(clock)).toBe(6);
    expect((await send(jira, 'GET', '/rest/api/3/issue/WEB-1?fields=summary')).status).toBe(200);
    expect(jira.appBudget?.remaining(clock)).toBe(4);
    const write = await send(jira, 'PUT', '/rest/api/3/issue/WEB-1', { body: { fields: { summary: 'Renamed' } } });
    expect(write.status).toBe(204);
    expect(jira.appBudget?.remaining(clock)).toBe(3);
    // fewer than 20 % left: Jira says so
    const near = await send(jira, 'GET', SEARCH);
    expect(near.status).toBe(200);
    expect(near.headers['x-ratelimit-nearlimit']).toBe('true');

    const refused = await send(jira, 'GET', SEARCH, { asUser: MEMBER });
    expect(refused.status).toBe(429);
    expect(refused.headers).toMatchObject({
      'retry-after': '600',
      'x-ratelimit-limit': '10',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': '2026-10-15T13:00Z',
      'ratelimit-reason': 'jira-quota-tenant-based',
    });
    expect(at(refused.json, 'errorMessages', 0)).toEqual(expect.stringContaining('Retry after 600 seconds'));
    // refused requests change nothing
    expect(
      (await send(jira, 'PUT', '/rest/api/3/issue/WEB-2', { body: { fields: { summary: 'Not now' } } })).status,
    ).toBe(429);
    expect(jira.store.issue('WEB-2')?.summary).toBe('Issue WEB-2');

    clock = NOW + 59 * MINUTE + 30_000;
    expect((await send(jira, 'GET', SEARCH)).headers['retry-after']).toBe('30');
    clock = NOW + 60 * MINUTE + 1_000;
    expect((await send(jira, 'GET', SEARCH)).status).toBe(200);
  });

  it("does not count a person's own requests, nor answer them 429", async () => {
    const jira = budgeted(3);
    expect((await send(jira, 'GET', SEARCH)).status).toBe(200);
    expect((await send(jira, 'GET', SEARCH)).status).toBe(429);
    for (let i = 0; i < 5; i += 1)
      expect((await send(jira, 'GET', SEARCH, { viaApp: false, asUser: MEMBER })).status).toBe(200);
  });

  it('has no budget unless given one (lenient)', async () => {
    const { jira } = aJira([{ key: 'WEB-1' }], { now: () => clock });
    expect(jira.appBudget).toBeNull();
    for (let i = 0; i < 100; i += 1) expect((await send(jira, 'GET', SEARCH)).status).toBe(200);
  });
});

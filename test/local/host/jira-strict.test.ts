/**
 * The strict host's Jira (docs/forge-fidelity.md, "Jira REST"): what the app's functions ask
 * draws on its points budget (429 with Retry-After when spent), what a person does in Jira does
 * not; search lags writes by the host clock. Lenient: neither.
 */
import { z } from 'zod';
import { DEMO_ACCOUNTS } from '../../../local/jira';
import type { Host, HostOptions } from '../../../local/host/create-host';
import { setProcessClock } from '../../../local/runtime/process-clock';
import { fixtureHost, removeDataDir, tempDataDir } from './host-test-kit';

const T0 = Date.parse('2026-11-20T10:30:00Z');

let dataDir: string;
let host: Host | undefined;
let restore: () => void = () => undefined;
beforeEach(() => {
  dataDir = tempDataDir();
  restore = setProcessClock(T0);
});
afterEach(async () => {
  await host?.close();
  host = undefined;
  restore();
  removeDataDir(dataDir);
});

function open(options: Partial<HostOptions>): Host {
  host = fixtureHost(dataDir, options);
  return host;
}

const visit = (h: Host) =>
  h.invokeResolver({
    moduleKey: 'tether-project-page',
    functionKey: 'visit',
    payload: {},
    accountId: DEMO_ACCOUNTS.member,
  });

describe('the strict host’s Jira', () => {
  it("charges what the app's functions ask to its points budget and answers 429 when it is spent; a person's requests are not counted", async () => {
    const h = open({ forge: 'strict', jiraLimits: { pointsPerHour: 5 } });
    // each visit reads /myself as the user: 1 point plus 1 object
    expect((await visit(h)).ok).toBe(true);
    expect((await visit(h)).ok).toBe(true);
    expect((await visit(h)).ok).toBe(true);
    const refused = await visit(h);
    expect(refused.ok).toBe(false);
    expect(h.jira.appBudget?.remaining(Date.now())).toBe(0);

    const asPerson = await h.jiraRequest({ method: 'GET', path: '/rest/api/3/myself', asUser: DEMO_ACCOUNTS.member });
    expect(asPerson.status).toBe(200);
    const fromCustomUi = await h.jiraRequest({
      method: 'GET',
      path: '/rest/api/3/myself',
      asUser: DEMO_ACCOUNTS.member,
      viaApp: true,
    });
    expect(fromCustomUi.status).toBe(429);
    // until the next clock hour (11:00), in seconds from the moment of the request (the clock moves on in real time)
    const retryAfter = Number(fromCustomUi.headers['retry-after']);
    const nextHour = T0 + 30 * 60_000;
    expect(retryAfter).toBeLessThanOrEqual(1800);
    expect(retryAfter).toBeGreaterThanOrEqual(Math.ceil((nextHour - Date.now()) / 1000));

    setProcessClock(T0 + 30 * 60_000 + 1_000);
    expect((await visit(h)).ok).toBe(true);
  });

  it('lags search behind writes on the host clock (10 s by default), not GET /issue', async () => {
    const h = open({ forge: 'strict' });
    const created = await h.jiraRequest({
      method: 'POST',
      path: '/rest/api/3/issue',
      asUser: DEMO_ACCOUNTS.member,
      body: JSON.stringify({ fields: { project: { key: 'WEB' }, issuetype: { id: '10002' }, summary: 'Fresh' } }),
    });
    const { key } = z.object({ key: z.string() }).parse(JSON.parse(created.body));
    // the clock moves on in real time: the issue was written by now
    const writtenBy = Date.now();
    const search = async () => {
      const res = await h.jiraRequest({
        method: 'GET',
        path: `/rest/api/3/search/jql?jql=${encodeURIComponent('summary ~ Fresh')}&fields=key`,
        asUser: DEMO_ACCOUNTS.member,
      });
      return z
        .object({ issues: z.array(z.object({ key: z.string() })) })
        .parse(JSON.parse(res.body))
        .issues.map((i) => i.key);
    };
    expect(await search()).toEqual([]);
    expect(
      (await h.jiraRequest({ method: 'GET', path: `/rest/api/3/issue/${key}`, asUser: DEMO_ACCOUNTS.member })).status,
    ).toBe(200);
    setProcessClock(writtenBy + 11_000);
    expect(await search()).toEqual([key]);
  });

  it('has neither in lenient mode', async () => {
    const h = open({ forge: 'lenient', jiraLimits: { pointsPerHour: 1 } });
    for (let i = 0; i < 5; i += 1) expect((await visit(h)).ok).toBe(true);
    expect(h.jira.appBudget).toBeNull();
    expect(h.jira.searchIndex.lagMs).toBe(0);
  });
});

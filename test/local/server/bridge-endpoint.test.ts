/** POST /__tether/bridge: each command the server answers, with the persona and frame context. */
import { appFor, at, ORIGIN, send } from './app-kit';
import { fakeHost, type FakeHost } from './fake-host';
import type { ServerApp } from '../../../local/server/server-app';

let host: FakeHost;
let app: ServerApp;

beforeEach(() => {
  host = fakeHost({ uiDir: '/nonexistent' });
  app = appFor(host);
});

const PANEL = {
  moduleKey: 'tether-issue-panel',
  localId: 'ari:cloud:ecosystem::extension/00000000-0000-0000-0000-000000000000/local/static/tether-issue-panel',
  extension: {
    type: 'jira:issuePanel',
    issue: { id: '10003', key: 'WEB-3', type: 'Story', typeId: '10001' },
    project: { id: '10000', key: 'WEB', type: 'software' },
    isNewToIssue: false,
  },
};
const ADMIN_PAGE = { moduleKey: 'tether-admin-page', localId: 'x', extension: { type: 'jira:adminPage' } };

async function bridge(command: string, payload?: unknown, context: object = PANEL, persona = 'member') {
  const res = await send(app, 'POST', '/__tether/bridge', {
    body: JSON.stringify({ command, payload, context: { ...context, persona } }),
    headers: { 'content-type': 'application/json', origin: ORIGIN },
  });
  return { status: res.status, reply: res.json() };
}

describe('getContext', () => {
  it('answers Forge’s context for the persona and the frame', async () => {
    const { reply } = await bridge('getContext');
    expect(reply).toEqual({
      ok: true,
      value: {
        accountId: 'local-member',
        cloudId: 'tether-local-cloud',
        siteUrl: ORIGIN,
        localId: PANEL.localId,
        moduleKey: 'tether-issue-panel',
        environmentId: 'local',
        environmentType: 'DEVELOPMENT',
        locale: 'en-US',
        timezone: 'UTC',
        theme: { colorMode: 'light', light: 'light', dark: 'dark', spacing: 'spacing' },
        surfaceColor: null,
        extension: PANEL.extension,
      },
    });
  });
});

describe('invoke', () => {
  it('runs the module’s resolver as the persona with the extension context', async () => {
    const { reply } = await bridge('invoke', { functionKey: 'echo', payload: { n: 1 } }, PANEL, 'lead');
    expect(reply).toEqual({
      ok: true,
      value: { echo: { n: 1 }, accountId: 'local-lead', moduleKey: 'tether-issue-panel', issueKey: 'WEB-3' },
    });
    expect(host.calls).toEqual([
      {
        moduleKey: 'tether-issue-panel',
        functionKey: 'echo',
        payload: { n: 1 },
        accountId: 'local-lead',
        extension: PANEL.extension,
      },
    ]);
  });

  it('gives the resolver {} when invoke has no payload, and wraps the reply when metadata is asked', async () => {
    const { reply } = await bridge('invoke', { functionKey: 'echo', metadata: { rateLimitProperties: true } });
    expect(reply).toEqual({ ok: true, value: { body: expect.objectContaining({ echo: {} }), metadata: {} } });
  });

  it('turns what the resolver threw into the error the frame rejects with', async () => {
    expect((await bridge('invoke', { functionKey: 'fail' })).reply).toEqual({
      ok: false,
      error: { code: 'INVOCATION_FAILED', message: 'There was an error invoking the function - the resolver broke' },
    });
  });

  it('refuses a module without a resolver, and remote endpoints', async () => {
    expect(at((await bridge('invoke', { functionKey: 'echo' }, ADMIN_PAGE, 'admin')).reply, 'error', 'code')).toBe(
      'NO_RESOLVER',
    );
    expect(
      at((await bridge('invoke', { functionKey: 'echo', invokeType: 'ui-remote-fetch' })).reply, 'error', 'code'),
    ).toBe('UNSUPPORTED');
  });
});

describe('invoke payload limit (strict)', () => {
  const payloadOf = (bytes: number) => ({ text: 'x'.repeat(bytes) });

  it('refuses an invoke carrying more than 500 KB, as Forge does, without running the resolver', async () => {
    app = appFor(fakeHost({ uiDir: '/nonexistent', forge: 'strict' }));
    const { reply } = await bridge('invoke', { functionKey: 'echo', payload: payloadOf(500_001) });
    expect(reply).toEqual({
      ok: false,
      error: {
        code: 'PAYLOAD_TOO_LARGE',
        message: expect.stringMatching(
          /^invoke\('echo'\) carries 500\.0 KB; Forge refuses an invocation payload over 500 KB/,
        ),
      },
    });
    expect(host.calls).toEqual([]);
  });

  it('accepts one just under the limit, and any size in lenient mode', async () => {
    const strict = fakeHost({ uiDir: '/nonexistent', forge: 'strict' });
    app = appFor(strict);
    // {"functionKey":"echo","payload":{"text":"…"}} is 44 bytes around the text
    expect(at((await bridge('invoke', { functionKey: 'echo', payload: payloadOf(500_000 - 44) })).reply, 'ok')).toBe(
      true,
    );
    expect(
      at((await bridge('invoke', { functionKey: 'echo', payload: payloadOf(500_000 - 43) })).reply, 'error', 'code'),
    ).toBe('PAYLOAD_TOO_LARGE');
    app = appFor(host);
    expect(at((await bridge('invoke', { functionKey: 'echo', payload: payloadOf(2_000_000) })).reply, 'ok')).toBe(true);
  });
});

describe('fetchProduct', () => {
  const init = (method: string, body: string | null = null) => ({
    method,
    body,
    headers: [
      ['content-type', 'application/json'],
      ['x-atlassian-token', 'no-check'],
    ],
  });

  it("draws on the app's Jira points budget (the app asks, for the user); the REST API for scripts and pages does not", async () => {
    app = appFor(fakeHost({ uiDir: '/nonexistent', appPointsPerHour: 3 }));
    const myself = () =>
      bridge('fetchProduct', { product: 'jira', restPath: '/rest/api/3/myself', fetchRequestInit: init('GET') });
    expect(at((await myself()).reply, 'value', 'status')).toBe(200);
    expect(at((await myself()).reply, 'value', 'status')).toBe(200);
    const refused = (await myself()).reply;
    expect(at(refused, 'value', 'status')).toBe(429);
    expect(at(refused, 'value', 'headers', 'retry-after')).toEqual(expect.stringMatching(/^\d+$/));
    expect((await send(app, 'GET', '/rest/api/3/myself?as=member')).status).toBe(200);
  });

  it('asks the local Jira as the persona and answers what @forge/bridge makes a Response of', async () => {
    const { reply } = await bridge('fetchProduct', {
      product: 'jira',
      restPath: '/rest/api/3/myself',
      fetchRequestInit: init('GET'),
      isMultipartFormData: false,
    });
    expect(reply).toEqual({
      ok: true,
      value: {
        status: 200,
        statusText: 'OK',
        headers: { 'content-type': 'application/json;charset=UTF-8' },
        body: expect.any(String),
        isAttachment: false,
      },
    });
    expect(JSON.parse(String(at(reply, 'value', 'body')))).toEqual(
      expect.objectContaining({ accountId: 'local-member' }),
    );
  });

  it('changes issues through Jira, so triggers fire', async () => {
    const { reply } = await bridge('fetchProduct', {
      product: 'jira',
      restPath: '/rest/api/3/issue/WEB-3',
      fetchRequestInit: init('PUT', JSON.stringify({ fields: { summary: 'From the panel' } })),
    });
    expect(at(reply, 'value', 'status')).toBe(204);
    expect(at(reply, 'value', 'body')).toBe('');
    expect(host.events.map((e) => [e.eventType, e.atlassianId])).toEqual([['avi:jira:updated:issue', 'local-member']]);
  });

  it('passes Jira’s refusals as responses, not as bridge errors', async () => {
    const { reply } = await bridge(
      'fetchProduct',
      { product: 'jira', restPath: '/rest/api/3/issue/MOB-1', fetchRequestInit: init('GET') },
      PANEL,
      'outsider',
    );
    expect(at(reply, 'value', 'status')).toBe(404);
    expect(at(reply, 'value', 'statusText')).toBe('Not Found');
  });

  it('refuses other products and bad payloads clearly', async () => {
    expect((await bridge('fetchProduct', { product: 'confluence', restPath: '/wiki/rest/api/space' })).reply).toEqual({
      ok: false,
      error: {
        code: 'UNSUPPORTED_PRODUCT',
        message: "The local host serves Jira only; requestConfluence ('confluence') has nothing to answer it.",
      },
    });
    expect(at((await bridge('fetchProduct', { product: 'jira' })).reply, 'error', 'code')).toBe('BAD_PAYLOAD');
    expect(
      at((await bridge('fetchProduct', { product: 'jira', restPath: 'rest/api/3/myself' })).reply, 'error', 'code'),
    ).toBe('BAD_PATH');
  });
});

describe('every command gets an answer', () => {
  it('names unknown commands', async () => {
    expect((await bridge('noSuchCommand', {})).reply).toEqual({
      ok: false,
      error: {
        code: 'UNKNOWN_COMMAND',
        message:
          "The local Forge host does not know the bridge command 'noSuchCommand'. See docs/local-host.md for the commands it answers.",
      },
    });
  });

  it('says which commands the page answers and which are not supported', async () => {
    expect(at((await bridge('showFlag', { id: 1 })).reply, 'error', 'code')).toBe('ANSWERED_BY_PAGE');
    expect(at((await bridge('on', {})).reply, 'error', 'code')).toBe('ANSWERED_BY_PAGE');
    expect(at((await bridge('openModal', {})).reply, 'error', 'message')).toContain('Modals');
  });

  it('answers the small ones as Forge would for a non-modal view', async () => {
    expect((await bridge('close')).reply).toEqual({ ok: true, value: false });
    expect((await bridge('getCookieConsentPreferences')).reply).toEqual({ ok: true, value: null });
    expect((await bridge('emitFrontendCustomMetric', { customMetricName: 'x', value: 1 })).reply).toEqual({ ok: true });
  });
});

describe('bad requests', () => {
  it('answers 400 with what is wrong', async () => {
    const res = await bridge('getContext', undefined, {
      moduleKey: 'tether-issue-panel',
      localId: 'x',
      extension: { type: 'jira:issuePanel' },
    });
    expect(res.status).toBe(400);
    expect(at(res.reply, 'error', 'message')).toContain('context.extension.issue');
    const persona = await bridge('getContext', undefined, PANEL, 'boss');
    expect(persona.status).toBe(400);
  });

  it('refuses a module whose type does not match the extension, and unknown modules', async () => {
    expect((await bridge('getContext', undefined, { ...PANEL, moduleKey: 'tether-admin-page' })).status).toBe(400);
    expect(at((await bridge('getContext', undefined, { ...PANEL, moduleKey: 'nope' })).reply, 'error', 'code')).toBe(
      'UNKNOWN_MODULE',
    );
  });

  it('takes JSON only, by POST, from its own origin', async () => {
    expect(
      (await send(app, 'POST', '/__tether/bridge', { body: 'x', headers: { 'content-type': 'application/json' } }))
        .status,
    ).toBe(400);
    expect(
      (await send(app, 'POST', '/__tether/bridge', { body: '{}', headers: { 'content-type': 'text/plain' } })).status,
    ).toBe(415);
    expect((await send(app, 'GET', '/__tether/bridge')).status).toBe(405);
    expect(
      (
        await send(app, 'POST', '/__tether/bridge', {
          body: '{}',
          headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
        })
      ).status,
    ).toBe(403);
  });
});

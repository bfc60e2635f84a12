/**
 * Issue 13, class 4 — the local host's answers to JSON it cannot take: a request body nested
 * 5,000 deep, or holding a number like 1e309 (JSON.parse makes it Infinity), gets a clean 400
 * with one plain sentence — no stack overflow, no stack, no zod dump — from the bridge
 * (POST /__tether/bridge) and from the local Jira's REST API (/rest/api/3/…), and nothing runs.
 */
import { jsonValueProblem, MAX_JSON_DEPTH } from '../../../local/runtime/request-json';
import { serverHostFor } from '../../../local/server/host-adapter';
import type { ServerApp } from '../../../local/server/server-app';
import { startAppHost, type AppHost } from '../../support/app-host';
import { appFor, ORIGIN, send } from './app-kit';

const JSON_HEADERS = { 'content-type': 'application/json', origin: ORIGIN };
const ADMIN_PAGE = {
  moduleKey: 'tether-admin-page',
  localId: 'x',
  extension: { type: 'jira:adminPage' },
  persona: 'admin',
};

const nestedArrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const nestedObjects = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
const invoke = (functionKey: string, payloadText: string) =>
  `{"command":"invoke","payload":{"functionKey":"${functionKey}","payload":${payloadText}},"context":${JSON.stringify(ADMIN_PAGE)}}`;

/** One line of plain words: no stack frame, no JSON or zod issue list, not the text sent. */
function expectPlain(message: string) {
  expect(message).not.toMatch(/\n|\s at |Maximum call stack|invalid_type|invalid_union|"code"|\{\s*"/);
  expect(message.length).toBeLessThan(300);
}

let app: AppHost;
let server: ServerApp;
let invocations: number;

beforeEach(() => {
  app = startAppHost();
  const host = serverHostFor(app.host);
  invocations = 0;
  server = appFor({
    ...host,
    invokeResolver: (call) => {
      invocations += 1;
      return host.invokeResolver(call);
    },
  });
});
afterEach(() => app.close());

describe('the bridge', () => {
  async function bridge(body: string) {
    const res = await send(server, 'POST', '/__tether/bridge', { body, headers: JSON_HEADERS });
    return { status: res.status, reply: res.json() as { ok: boolean; error?: { code: string; message: string } } };
  }

  it.each([
    [
      'a body nested 5,000 deep',
      nestedArrays(5000),
      'The bridge request body cannot be read: it is nested more than 500 levels deep',
    ],
    [
      'an invoke payload nested 5,000 deep',
      invoke('settings/get', nestedObjects(5000)),
      'The bridge request body cannot be read: it is nested more than 500 levels deep',
    ],
    [
      'a payload with 1e309',
      invoke('settings/update', '{"version":1e309}'),
      'The bridge request body cannot be read: the number at payload.payload.version is too large for JSON (at most about 1.8e308)',
    ],
    [
      'a negative 1e309 in a list',
      invoke('workgroups/create', '{"leads":[1,-1e309]}'),
      'The bridge request body cannot be read: the number at payload.payload.leads.1 is too large for JSON (at most about 1.8e308)',
    ],
    ['text that is not JSON', '{"command":', /^The bridge request body is not valid JSON/],
  ])('%s is a 400 with a plain message, and no resolver runs', async (_what, body, message) => {
    const { status, reply } = await bridge(body);
    expect(status).toBe(400);
    expect(reply).toEqual({
      ok: false,
      error: { code: 'BAD_REQUEST', message: typeof message === 'string' ? message : expect.stringMatching(message) },
    });
    expectPlain(reply.error?.message ?? '');
    expect(invocations).toBe(0);
  });

  it(`a payload nested ${MAX_JSON_DEPTH} deep reaches the resolver, whose contract refuses it (VALIDATION)`, async () => {
    const { status, reply } = await bridge(invoke('settings/get', nestedObjects(MAX_JSON_DEPTH - 3)));
    expect(status).toBe(200);
    expect(reply).toMatchObject({ ok: true, value: { ok: false, error: { code: 'VALIDATION' } } });
    expect(invocations).toBe(1);
  });

  it('a large number JSON can hold is the resolver’s to judge: VALIDATION, not a host error', async () => {
    const { status, reply } = await bridge(invoke('settings/update', '{"version":1e308,"storyPointsField":null}'));
    expect(status).toBe(200);
    expect(reply).toMatchObject({ ok: true, value: { ok: false, error: { code: 'VALIDATION' } } });
  });
});

describe("the local Jira's REST API", () => {
  async function rest(method: string, path: string, body: string) {
    const res = await send(server, method, `${path}?as=admin`, { body, headers: JSON_HEADERS });
    return { status: res.status, body: res.json() as { errorMessages: string[] } };
  }

  it.each([
    [
      'an issue property nested 5,000 deep',
      'PUT',
      '/rest/api/3/issue/WEB-1/properties/x',
      nestedObjects(5000),
      /it is nested more than 500 levels deep/,
    ],
    [
      'a new issue nested 5,000 deep',
      'POST',
      '/rest/api/3/issue',
      nestedArrays(5000),
      /it is nested more than 500 levels deep/,
    ],
    [
      'an issue property holding 1e309',
      'PUT',
      '/rest/api/3/issue/WEB-1/properties/x',
      '{"points":1e309}',
      /the number at points is too large for JSON/,
    ],
    [
      'a search with 1e309',
      'POST',
      '/rest/api/3/search/jql',
      '{"jql":"project = WEB","maxResults":1e309}',
      /the number at maxResults/,
    ],
  ])('%s is a 400 in Jira’s error shape with a plain message', async (_what, method, path, body, message) => {
    const res = await rest(method, path, body);
    expect(res.status).toBe(400);
    expect(res.body.errorMessages).toEqual([expect.stringMatching(message)]);
    expectPlain(res.body.errorMessages[0] ?? '');
  });

  it('the property was not written', async () => {
    await rest('PUT', '/rest/api/3/issue/WEB-1/properties/x', '{"points":1e309}');
    const res = await send(server, 'GET', '/rest/api/3/issue/WEB-1/properties/x?as=admin');
    expect(res.status).toBe(404);
  });
});

describe('jsonValueProblem', () => {
  it('walks any depth without recursion and names the first problem', () => {
    expect(jsonValueProblem(JSON.parse(nestedArrays(100_000)))).toBe('it is nested more than 500 levels deep');
    expect(jsonValueProblem(JSON.parse(nestedArrays(MAX_JSON_DEPTH)))).toBeNull();
    expect(jsonValueProblem(JSON.parse(nestedArrays(MAX_JSON_DEPTH + 1)))).toBe(
      'it is nested more than 500 levels deep',
    );
    expect(jsonValueProblem(JSON.parse('1e309'))).toMatch(/^the number at the body itself is too large/);
    expect(jsonValueProblem({ a: [{ b: 1.7976931348623157e308, c: 'x', d: null }] })).toBeNull();
  });
});

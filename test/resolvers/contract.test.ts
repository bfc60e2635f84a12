import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API, API_KEYS } from '../../src/contract/api';
import { errorReply } from '../../src/resolvers/error-reply';
import { AppFailure } from '../../src/app/app-failure';
import { REPO_ROOT, startAppHost, type AppHost } from '../support/app-host';
import { captureLog } from '../support/log-capture';
import { call } from './resolver-kit';

describe('the resolver contract', () => {
  let app: AppHost;
  beforeAll(() => {
    app = startAppHost();
  });
  afterAll(async () => {
    await app.close();
  });

  it('lists every key once, namespaced', () => {
    expect([...API_KEYS].sort()).toEqual(Object.keys(API).sort());
    for (const key of API_KEYS) expect(key).toMatch(/^[a-z]+(-[a-z]+)*\/[a-z]+(-[a-z]+)*$/);
  });

  it('documents every key in docs/resolvers.md, under a heading of its own', () => {
    const doc = readFileSync(join(REPO_ROOT, 'docs', 'resolvers.md'), 'utf8');
    const headed = new Set(
      [...doc.matchAll(/^### (.+)$/gm)].flatMap((m) => [...(m[1] ?? '').matchAll(/`([^`]+)`/g)].map((k) => k[1])),
    );
    expect(API_KEYS.filter((key) => !headed.has(key))).toEqual([]);
  });

  it.each(API_KEYS.map((k) => [k]))(
    'defines %s in the shared resolver, answering in the one reply shape',
    async (key) => {
      const { reply } = await call(app, 'admin', key, { 'not-a-field': true });
      expect(reply).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    },
  );

  it('leaves unknown keys to @forge/resolver', async () => {
    const result = await app.host.invokeResolver({
      moduleKey: 'tether-admin-page',
      functionKey: 'objectives/nope',
      accountId: 'local-admin',
    });
    expect(result.ok ? null : result.error.message).toBe("Resolver has no definition for 'objectives/nope'.");
  });
});

describe('errorReply', () => {
  it('keeps the code, message and details of expected failures', () => {
    expect(errorReply('x/y', new AppFailure('VALIDATION', 'Bad', [{ path: 'a', message: 'b' }]))).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: 'Bad', details: [{ path: 'a', message: 'b' }] },
    });
    expect(errorReply('x/y', new AppFailure('LIMIT', 'Too big'))).toEqual({
      ok: false,
      error: { code: 'LIMIT', message: 'Too big' },
    });
  });

  it('hides anything else behind INTERNAL and logs it', async () => {
    const { result, lines } = await captureLog(() => errorReply('x/y', new TypeError('secret internals')));
    expect(result).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'Tether could not complete this; the error has been logged.' },
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.text).toMatch(/^resolver x\/y: failed code=INTERNAL error="TypeError: secret internals"\n\s+at /);
  });

  it('logs expected failures only when they are an outage or internal, without a stack for an outage', async () => {
    const { lines } = await captureLog(() => {
      errorReply('x/y', new AppFailure('VALIDATION', 'Bad'));
      errorReply('x/y', new AppFailure('UNAVAILABLE', 'Jira did not answer'));
    });
    expect(lines).toEqual([{ level: 'error', text: 'resolver x/y: failed error="UNAVAILABLE: Jira did not answer"' }]);
  });
});

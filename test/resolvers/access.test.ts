/**
 * Who may call each resolver key, per persona of the local Jira (admin: site admin; lead,
 * member, outsider: not). A denial is FORBIDDEN and writes nothing.
 */
import type { ApiKey } from '../../src/contract/api';
import { ACCOUNT, PERSONAS, useAppHost, type Persona } from '../support/app-host';
import { ADMIN_ONLY, call, failed, ok } from './resolver-kit';

const app = useAppHost(async () => {
  await ok(app, 'admin', 'periods/create', { version: 0, name: '2026 Q4', start: '2026-10-01', end: '2026-12-31' });
  await ok(app, 'admin', 'workgroups/create', {
    name: 'Web Squad',
    kind: 'squad',
    leads: [ACCOUNT.lead],
    members: [ACCOUNT.member],
    projects: ['WEB'],
  });
  await ok(app, 'admin', 'workgroups/create', {
    name: 'Mobile Team',
    kind: 'permanent-team',
    leads: [ACCOUNT.admin],
    projects: ['MOB'],
  });
});

/**
 * A valid payload for the admin keys and the reads open to every signed-in user, against the
 * state made in beforeEach. Keys whose rules depend on the objective are tested in their own files.
 */
const VALID: Partial<Record<ApiKey, unknown>> = {
  'settings/get': {},
  'settings/update': { version: 1, rollupPolicy: { atRiskLag: 0.2 } },
  'levels/update': {
    version: 1,
    levels: [
      { id: 'organisation', name: 'Company' },
      { id: 'workgroup', name: 'Team' },
    ],
  },
  'periods/create': { version: 1, name: 'FY2027', start: '2027-01-01', end: '2027-12-31' },
  'periods/update': { version: 1, id: '2026-q4', name: 'Q4 2026' },
  'periods/close': { version: 1, id: '2026-q4' },
  'workgroups/list': {},
  'workgroups/create': { name: 'Ops', kind: 'delivery-group', leads: [ACCOUNT.member] },
  'workgroups/update': { id: 'web-squad', version: 1, kind: 'cross-functional-team' },
  'workgroups/delete': { id: 'web-squad', version: 1 },
  'me/get': {},
};

/** What the refusal says each admin-only key does. */
const DOING: Partial<Record<ApiKey, string>> = {
  'settings/update': 'change the settings',
  'levels/update': 'change the levels',
  'periods/create': 'create periods',
  'periods/update': 'change periods',
  'periods/close': 'close periods',
  'workgroups/create': 'create workgroups',
  'workgroups/update': 'change workgroups',
  'workgroups/delete': 'delete workgroups',
};

describe.each(ADMIN_ONLY.map((key) => [key]))('%s', (key) => {
  it.each(['lead', 'member', 'outsider'] as const)(
    'is refused to %s with FORBIDDEN, reading and writing nothing',
    async (persona) => {
      const { error, counts } = await failed(app, persona, key, VALID[key]);
      expect(error).toEqual({ code: 'FORBIDDEN', message: `Only Jira administrators can ${DOING[key] ?? '?'}` });
      expect(counts.kvsRoundTrips).toBe(0);
    },
  );

  it('is refused without a user', async () => {
    const { error, counts } = await failed(app, null, key, VALID[key]);
    expect(error).toEqual({ code: 'FORBIDDEN', message: 'Sign in to Jira to use Tether' });
    expect(counts.kvsRoundTrips + counts.productCalls).toBe(0);
  });

  it('is allowed to the admin', async () => {
    const { reply, writes } = await call(app, 'admin', key, VALID[key]);
    expect(reply.ok).toBe(true);
    expect(writes).toBe(1);
  });
});

/** Reads any signed-in user may make, whatever they lead or belong to. */
const OPEN_READS: readonly ApiKey[] = ['settings/get', 'workgroups/list', 'me/get'];

describe.each(OPEN_READS.map((key) => [key]))('%s', (key) => {
  it.each(PERSONAS.map((p) => [p]))('answers %s', async (persona: Persona) => {
    const { reply, writes } = await call(app, persona, key, VALID[key]);
    expect(reply.ok).toBe(true);
    expect(writes).toBe(0);
  });

  it('is refused without a user', async () => {
    const { error } = await failed(app, null, key, VALID[key]);
    expect(error.code).toBe('FORBIDDEN');
  });
});

describe("a project's workgroups", () => {
  it('are shown to whoever may browse the project and refused to others', async () => {
    for (const persona of ['admin', 'lead', 'member'] as const) {
      const data = await ok(app, persona, 'workgroups/list', { projectKey: 'MOB' });
      expect(data.workgroups.map((w) => w.id)).toEqual(['mobile-team']);
    }
    const { error } = await failed(app, 'outsider', 'workgroups/list', { projectKey: 'MOB' }, 'tether-project-page');
    expect(error).toEqual({ code: 'FORBIDDEN', message: 'You do not have permission to browse project MOB' });
    const web = await ok(app, 'outsider', 'workgroups/list', { projectKey: 'WEB' });
    expect(web.workgroups.map((w) => w.id)).toEqual(['web-squad']);
  });
});

describe('me/get', () => {
  it('tells each persona whether they administer Jira and what they lead', async () => {
    expect(await ok(app, 'admin', 'me/get')).toEqual({
      accountId: ACCOUNT.admin,
      isSiteAdmin: true,
      leads: [{ id: 'mobile-team', name: 'Mobile Team' }],
      memberOf: [],
    });
    expect(await ok(app, 'lead', 'me/get')).toMatchObject({
      isSiteAdmin: false,
      leads: [{ id: 'web-squad', name: 'Web Squad' }],
    });
    expect(await ok(app, 'member', 'me/get')).toMatchObject({
      isSiteAdmin: false,
      leads: [],
      memberOf: [{ id: 'web-squad', name: 'Web Squad' }],
    });
    expect(await ok(app, 'outsider', 'me/get')).toMatchObject({ isSiteAdmin: false, leads: [], memberOf: [] });
  });
});

import { aJira, ADMIN, APP, LEAD, MEMBER, OUTSIDER } from './builders';
import { at, call, q } from './http';

const { jira } = aJira([{ key: 'WEB-1' }, { key: 'MOB-1' }]);

async function have(
  asUser: string | null,
  permissions: string,
  scope: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  const res = await call(jira, 'GET', `/rest/api/3/mypermissions?${q({ permissions, ...scope })}`, { asUser });
  if (res.status !== 200) return { status: res.status };
  const out: Record<string, unknown> = {};
  for (const key of permissions.split(',')) out[key] = at(res.json, 'permissions', key, 'havePermission');
  return out;
}

const KEYS = 'BROWSE_PROJECTS,EDIT_ISSUES,TRANSITION_ISSUES,DELETE_ISSUES,ADMINISTER_PROJECTS,ADMINISTER';

describe('permissions per persona', () => {
  it('mypermissions answers Jira’s shape', async () => {
    const res = await call(
      jira,
      'GET',
      `/rest/api/3/mypermissions?${q({ permissions: 'BROWSE_PROJECTS,ADMINISTER', projectKey: 'WEB' })}`,
      { asUser: MEMBER },
    );
    expect(res.json).toEqual({
      permissions: {
        BROWSE_PROJECTS: {
          id: '10',
          key: 'BROWSE_PROJECTS',
          name: 'Browse Projects',
          type: 'PROJECT',
          description: expect.any(String),
          havePermission: true,
        },
        ADMINISTER: {
          id: '0',
          key: 'ADMINISTER',
          name: 'Administer Jira',
          type: 'GLOBAL',
          description: expect.any(String),
          havePermission: false,
        },
      },
    });
  });

  it('admin: site admin, everything everywhere', async () => {
    expect(await have(ADMIN, KEYS, { projectKey: 'MOB' })).toEqual({
      BROWSE_PROJECTS: true,
      EDIT_ISSUES: true,
      TRANSITION_ISSUES: true,
      DELETE_ISSUES: true,
      ADMINISTER_PROJECTS: true,
      ADMINISTER: true,
    });
  });

  it('lead: administers WEB, works in MOB, not a site admin', async () => {
    expect(await have(LEAD, KEYS, { projectKey: 'WEB' })).toEqual({
      BROWSE_PROJECTS: true,
      EDIT_ISSUES: true,
      TRANSITION_ISSUES: true,
      DELETE_ISSUES: true,
      ADMINISTER_PROJECTS: true,
      ADMINISTER: false,
    });
    expect(await have(LEAD, KEYS, { issueKey: 'MOB-1' })).toEqual({
      BROWSE_PROJECTS: true,
      EDIT_ISSUES: true,
      TRANSITION_ISSUES: true,
      DELETE_ISSUES: false,
      ADMINISTER_PROJECTS: false,
      ADMINISTER: false,
    });
  });

  it('member: works in WEB, may only look at MOB', async () => {
    expect(await have(MEMBER, KEYS, { projectKey: 'WEB' })).toMatchObject({
      BROWSE_PROJECTS: true,
      EDIT_ISSUES: true,
      DELETE_ISSUES: false,
      ADMINISTER_PROJECTS: false,
    });
    expect(await have(MEMBER, KEYS, { projectId: '10001' })).toMatchObject({
      BROWSE_PROJECTS: true,
      EDIT_ISSUES: false,
      TRANSITION_ISSUES: false,
    });
  });

  it('outsider: cannot browse MOB at all; MOB answers 404 everywhere', async () => {
    expect(await have(OUTSIDER, 'BROWSE_PROJECTS', { projectKey: 'WEB' })).toEqual({ BROWSE_PROJECTS: true });
    expect(await have(OUTSIDER, 'BROWSE_PROJECTS', { projectKey: 'MOB' })).toEqual({ status: 404 });
    expect(await have(OUTSIDER, 'BROWSE_PROJECTS', { issueKey: 'MOB-1' })).toEqual({ status: 404 });
    expect((await call(jira, 'GET', '/rest/api/3/issue/MOB-1', { asUser: OUTSIDER })).status).toBe(404);
    expect((await call(jira, 'GET', '/rest/api/3/project/MOB', { asUser: OUTSIDER })).status).toBe(404);
    expect((await call(jira, 'GET', '/rest/api/3/issue/MOB-1/properties', { asUser: OUTSIDER })).status).toBe(404);
    expect(
      (await call(jira, 'PUT', '/rest/api/3/issue/MOB-1', { asUser: OUTSIDER, body: { fields: { summary: 'x' } } }))
        .status,
    ).toBe(404);
    // without a project, a project permission is "in any project"
    expect(await have(OUTSIDER, 'BROWSE_PROJECTS,ADMINISTER_PROJECTS')).toEqual({
      BROWSE_PROJECTS: true,
      ADMINISTER_PROJECTS: false,
    });
  });

  it('the app (asApp) may do everything', async () => {
    expect(await have(null, KEYS, { projectKey: 'MOB' })).toEqual({
      BROWSE_PROJECTS: true,
      EDIT_ISSUES: true,
      TRANSITION_ISSUES: true,
      DELETE_ISSUES: true,
      ADMINISTER_PROJECTS: true,
      ADMINISTER: true,
    });
    expect(at((await call(jira, 'GET', '/rest/api/3/myself')).json, 'accountId')).toBe(APP);
    expect(at((await call(jira, 'GET', '/rest/api/3/myself')).json, 'accountType')).toBe('app');
  });

  it('refuses edits, deletes and property writes as Jira does', async () => {
    const edit = await call(jira, 'PUT', '/rest/api/3/issue/MOB-1', {
      asUser: MEMBER,
      body: { fields: { summary: 'x' } },
    });
    expect(edit.status).toBe(400);
    expect(edit.json).toEqual({
      errorMessages: [],
      errors: { summary: "Field 'summary' cannot be set. It is not on the appropriate screen, or unknown." },
    });
    const del = await call(jira, 'DELETE', '/rest/api/3/issue/WEB-1', { asUser: MEMBER });
    expect(del.status).toBe(403);
    expect(del.json).toEqual({
      errorMessages: ['You do not have permission to delete issues in this project.'],
      errors: {},
    });
    const prop = await call(jira, 'PUT', '/rest/api/3/issue/MOB-1/properties/x', { asUser: MEMBER, body: { a: 1 } });
    expect(prop.status).toBe(403);
  });

  it('mypermissions refuses a missing or unknown permission key', async () => {
    expect((await call(jira, 'GET', '/rest/api/3/mypermissions')).status).toBe(400);
    expect((await call(jira, 'GET', '/rest/api/3/mypermissions?permissions=FLY')).status).toBe(400);
  });

  it('permissions/project lists the projects where each persona holds every permission asked, in one call', async () => {
    const permitted = async (asUser: string, permissions: string[]) => {
      const res = await call(jira, 'POST', '/rest/api/3/permissions/project', { asUser, body: { permissions } });
      expect(res.status).toBe(200);
      return res.json;
    };
    expect(await permitted(MEMBER, ['BROWSE_PROJECTS'])).toEqual({
      projects: [
        { id: 10000, key: 'WEB' },
        { id: 10001, key: 'MOB' },
      ],
    });
    // the outsider cannot see MOB
    expect(await permitted(OUTSIDER, ['BROWSE_PROJECTS'])).toEqual({ projects: [{ id: 10000, key: 'WEB' }] });
    // all of them: the member only views MOB
    expect(await permitted(MEMBER, ['BROWSE_PROJECTS', 'EDIT_ISSUES'])).toEqual({
      projects: [{ id: 10000, key: 'WEB' }],
    });
    expect(await permitted(LEAD, ['ADMINISTER_PROJECTS'])).toEqual({ projects: [{ id: 10000, key: 'WEB' }] });
    expect(await permitted(ADMIN, ['BROWSE_PROJECTS'])).toEqual({
      projects: [
        { id: 10000, key: 'WEB' },
        { id: 10001, key: 'MOB' },
      ],
    });
  });

  it('permissions/project refuses a key that is not a project permission, and a body without permissions', async () => {
    const ask = (body: unknown) => call(jira, 'POST', '/rest/api/3/permissions/project', { asUser: MEMBER, body });
    expect((await ask({ permissions: ['FLY'] })).status).toBe(400);
    expect((await ask({ permissions: ['ADMINISTER'] })).status).toBe(400);
    expect((await ask({})).status).toBe(400);
  });

  it('an unknown or deactivated account is not authenticated', async () => {
    expect((await call(jira, 'GET', '/rest/api/3/myself', { asUser: 'nobody' })).status).toBe(401);
    expect((await call(jira, 'GET', '/rest/api/3/myself', { asUser: 'local-gone' })).status).toBe(401);
  });
});

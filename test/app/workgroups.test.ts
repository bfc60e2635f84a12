import { getMe } from '../../src/app/me/get-me';
import { createWorkgroup } from '../../src/app/workgroups/create-workgroup';
import { deleteWorkgroup } from '../../src/app/workgroups/delete-workgroup';
import { listWorkgroups } from '../../src/app/workgroups/list-workgroups';
import { updateWorkgroup } from '../../src/app/workgroups/update-workgroup';
import { WorkgroupsCreatePayload, WorkgroupsUpdatePayload, type WorkgroupRecord } from '../../src/contract/api';
import { ACCOUNT, asPersona, expectRefusedWithoutWrites, useAppHost, type Persona } from '../support/app-host';
import { appPorts, NOW, type ObjectiveRow } from '../support/app-ports';

const app = useAppHost();

const as = <T>(
  persona: Persona,
  fn: (ports: ReturnType<typeof appPorts>) => Promise<T>,
  objectives: ObjectiveRow[] = [],
) => asPersona(app.host, persona, () => fn(appPorts(persona, objectives)));
const create = (payload: unknown, persona: Persona = 'admin') =>
  as(persona, (p) => createWorkgroup(p, WorkgroupsCreatePayload.parse(payload)));
const update = (payload: unknown, persona: Persona = 'admin') =>
  as(persona, (p) => updateWorkgroup(p, WorkgroupsUpdatePayload.parse(payload)));
const list = (persona: Persona, projectKey?: string) =>
  as(persona, (p) => listWorkgroups(p, projectKey === undefined ? {} : { projectKey }));

const web = { name: 'Web Squad', kind: 'squad', leads: [ACCOUNT.lead], members: [ACCOUNT.member], projects: ['WEB'] };
const mobile = {
  name: 'Mobile Team',
  kind: 'permanent-team',
  leads: [ACCOUNT.admin],
  members: [ACCOUNT.outsider],
  projects: ['MOB', 'WEB'],
};

describe('create', () => {
  it('stores a workgroup with an id from its name, at version 1', async () => {
    const created = await create(web);
    expect(created).toEqual({ id: 'web-squad', ...web, version: 1, createdAt: NOW, updatedAt: NOW });
    const again = await create({ ...web, name: 'WEB SQUAD', projects: [] }).catch((e: unknown) => e);
    expect(again).toMatchObject({
      code: 'VALIDATION',
      details: [{ path: 'name', message: 'there is already a workgroup named "Web Squad"' }],
    });
    const sameSlug = await create({ ...web, name: 'Web-Squad', projects: [] });
    expect(sameSlug.id).toBe('web-squad-2');
    const third = await create({ ...web, name: 'Web squad!', projects: [] });
    expect(third.id).toBe('web-squad-3');
  });

  it('refuses projects Jira does not have, naming each, and writes nothing', async () => {
    await expectRefusedWithoutWrites(
      app.host,
      'admin',
      () =>
        createWorkgroup(
          appPorts('admin'),
          WorkgroupsCreatePayload.parse({ ...web, projects: ['WEB', 'NOPE', 'ALSO'] }),
        ),
      {
        code: 'VALIDATION',
        message: 'The workgroup was not created',
        details: [
          { path: 'projects.1', message: 'there is no Jira project NOPE (or you cannot see it)' },
          { path: 'projects.2', message: 'there is no Jira project ALSO (or you cannot see it)' },
        ],
      },
    );
  });

  it('is for site admins only', async () => {
    for (const persona of ['lead', 'member', 'outsider'] as const) {
      await expect(create(web, persona)).rejects.toMatchObject({
        code: 'FORBIDDEN',
        message: 'Only Jira administrators can create workgroups',
      });
    }
  });
});

describe('update', () => {
  it('changes the fields given and moves the workgroup between projects', async () => {
    await create(web);
    const moved = await update({ id: 'web-squad', version: 1, name: 'Checkout Squad', projects: ['MOB'] });
    expect(moved).toMatchObject({
      id: 'web-squad',
      name: 'Checkout Squad',
      kind: 'squad',
      leads: [ACCOUNT.lead],
      projects: ['MOB'],
      version: 2,
    });
    expect((await list('admin', 'WEB')).workgroups).toEqual([]);
    expect((await list('admin', 'MOB')).workgroups.map((w) => w.id)).toEqual(['web-squad']);
  });

  it('refuses a stale version, an unknown id, a name in use and an unknown new project', async () => {
    await create(web);
    await create(mobile);
    await update({ id: 'web-squad', version: 1, kind: 'delivery-group' });
    await expect(update({ id: 'web-squad', version: 1, kind: 'squad' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message:
        'the workgroup "Web Squad" was changed by someone else (you had version 1, it is now 2); reload and try again',
    });
    await expect(update({ id: 'nobody', version: 1, kind: 'squad' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'There is no workgroup with id "nobody"',
    });
    await expect(
      update({ id: 'web-squad', version: 2, name: 'MOBILE TEAM', projects: ['WEB', 'ZZZ'] }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      details: [
        { path: 'name', message: 'there is already a workgroup named "Mobile Team"' },
        { path: 'projects.1', message: 'there is no Jira project ZZZ (or you cannot see it)' },
      ],
    });
    const recased = await update({ id: 'web-squad', version: 2, name: 'web squad' });
    expect(recased.name).toBe('web squad');
  });
});

describe('delete', () => {
  it('removes the workgroup and its projects’ entries', async () => {
    await create(web);
    const { id } = await as('admin', (p) => deleteWorkgroup(p, { id: 'web-squad', version: 1 }));
    expect(id).toBe('web-squad');
    expect((await list('admin')).workgroups).toEqual([]);
    expect((await list('admin', 'WEB')).workgroups).toEqual([]);
  });

  it('is refused while objectives belong to it, and from a stale version', async () => {
    await create(web);
    const objectives = [
      { key: 'O-4', levelId: 'workgroup', workgroupId: 'web-squad' },
      { key: 'O-5', levelId: 'workgroup', workgroupId: 'web-squad' },
    ];
    await expect(
      as('admin', (p) => deleteWorkgroup(p, { id: 'web-squad', version: 1 }), objectives),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      message: 'Workgroup "Web Squad" cannot be deleted while objectives belong to it',
      details: [{ path: 'id', message: 'O-4, O-5 belong to workgroup "Web Squad"; move or delete them first' }],
    });
    await expect(as('admin', (p) => deleteWorkgroup(p, { id: 'web-squad', version: 3 }))).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(as('lead', (p) => deleteWorkgroup(p, { id: 'web-squad', version: 1 }))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});

describe('list and me', () => {
  beforeEach(async () => {
    await create(web);
    await create(mobile);
  });
  const ids = (ws: { workgroups: WorkgroupRecord[] }) => ws.workgroups.map((w) => w.id);

  it('lists everything for admins, by name, and only their own workgroups for others', async () => {
    expect(ids(await list('admin'))).toEqual(['mobile-team', 'web-squad']);
    expect(ids(await list('lead'))).toEqual(['web-squad']);
    expect(ids(await list('member'))).toEqual(['web-squad']);
    expect(ids(await list('outsider'))).toEqual(['mobile-team']);
  });

  it("lists a project's workgroups to whoever may browse the project", async () => {
    expect(ids(await list('outsider', 'WEB'))).toEqual(['mobile-team', 'web-squad']);
    expect(ids(await list('member', 'MOB'))).toEqual(['mobile-team']);
    await expect(list('outsider', 'MOB')).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'You do not have permission to browse project MOB',
    });
  });

  it('tells each persona who they are and what they lead', async () => {
    const me = (persona: Persona) => as(persona, (p) => getMe(p));
    expect(await me('admin')).toEqual({
      accountId: ACCOUNT.admin,
      isSiteAdmin: true,
      leads: [{ id: 'mobile-team', name: 'Mobile Team' }],
      memberOf: [],
    });
    expect(await me('lead')).toEqual({
      accountId: ACCOUNT.lead,
      isSiteAdmin: false,
      leads: [{ id: 'web-squad', name: 'Web Squad' }],
      memberOf: [],
    });
    expect(await me('member')).toEqual({
      accountId: ACCOUNT.member,
      isSiteAdmin: false,
      leads: [],
      memberOf: [{ id: 'web-squad', name: 'Web Squad' }],
    });
    expect(await me('outsider')).toEqual({
      accountId: ACCOUNT.outsider,
      isSiteAdmin: false,
      leads: [],
      memberOf: [{ id: 'mobile-team', name: 'Mobile Team' }],
    });
  });
});

/**
 * The rules of src/app/objectives/objective-access.ts on their own: who sees and who manages an
 * objective, and how few Jira questions that takes (answers cached per invocation).
 */
import { ObjectiveAccess } from '../../src/app/objectives/objective-access';
import { Permissions } from '../../src/app/permissions';
import { DEFAULT_LEVELS, type Objective } from '../../src/contract';
import type { WorkgroupRecord } from '../../src/contract/api';
import type { WorkgroupStore, JiraPermission, PermissionScope } from '../../src/ports';

const squad: WorkgroupRecord = {
  id: 'squad',
  name: 'Squad',
  kind: 'squad',
  leads: ['lea'],
  members: ['max'],
  projects: ['WEB', 'APP'],
  version: 1,
  createdAt: 0,
  updatedAt: 0,
};
const empty: WorkgroupRecord = { ...squad, id: 'empty', name: 'Empty', projects: [] };

function access(accountId: string | null, grants: { admin?: boolean; browse?: string[] } = {}) {
  const asked: string[] = [];
  const jira = {
    async myPermissions(scope: PermissionScope, permissions: readonly JiraPermission[]) {
      asked.push(`${JSON.stringify(scope)} ${permissions.join(',')}`);
      const granted = new Set<JiraPermission>();
      if ('site' in scope && grants.admin) granted.add('ADMINISTER');
      if ('projectKey' in scope && (grants.browse ?? []).includes(scope.projectKey)) granted.add('BROWSE_PROJECTS');
      return granted;
    },
  };
  const workgroups: WorkgroupStore = {
    get: async (id) => [squad, empty].find((w) => w.id === id) ?? null,
    getMany: async (ids) => new Map([squad, empty].filter((w) => ids.includes(w.id)).map((w) => [w.id, w])),
    list: async () => [squad, empty],
    listByProject: async () => [],
    idsByProject: async () => [],
    findByName: async () => [],
    create: async (w) => w,
    update: async (w) => w,
    delete: async () => undefined,
  };
  return { access: new ObjectiveAccess(new Permissions(jira, accountId), workgroups, DEFAULT_LEVELS), asked };
}

const objective = (
  over: Partial<Objective>,
): Pick<Objective, 'key' | 'owner' | 'workgroupId' | 'visibility' | 'levelId'> => ({
  key: 'O-1',
  owner: 'olga',
  workgroupId: 'squad',
  visibility: 'public',
  levelId: 'workgroup',
  ...over,
});

describe('seeing an objective', () => {
  it("is open to anyone who browses one of the workgroup's projects, asking Jira project by project", async () => {
    const { access: a, asked } = access('pat', { browse: ['APP'] });
    expect(await a.canView(objective({}))).toBe(true);
    expect(asked).toEqual(['{"projectKey":"WEB"} BROWSE_PROJECTS', '{"projectKey":"APP"} BROWSE_PROJECTS']);
    expect(await a.canView(objective({ key: 'O-2' }))).toBe(true);
    expect(asked).toHaveLength(2);
  });

  it('is closed to someone who browses none of them and is no administrator', async () => {
    expect(await access('pat').access.canView(objective({}))).toBe(false);
    expect(await access('pat', { admin: true }).access.canView(objective({}))).toBe(true);
  });

  it('needs no Jira call for the owner, the leads and members, or an organisation objective', async () => {
    for (const who of ['olga', 'lea', 'max']) {
      const { access: a, asked } = access(who);
      expect(await a.canView(objective({ visibility: 'restricted' }))).toBe(true);
      expect(asked).toEqual([]);
    }
    const { access: org, asked } = access('pat');
    expect(await org.canView(objective({ workgroupId: null, levelId: 'organisation' }))).toBe(true);
    expect(asked).toEqual([]);
  });

  it('keeps a restricted objective from everyone outside its workgroup except administrators', async () => {
    expect(await access('pat', { browse: ['WEB'] }).access.canView(objective({ visibility: 'restricted' }))).toBe(
      false,
    );
    expect(
      await access('pat', { browse: ['WEB'] }).access.canView(
        objective({ visibility: 'restricted', workgroupId: null }),
      ),
    ).toBe(false);
    expect(await access('ada', { admin: true }).access.canView(objective({ visibility: 'restricted' }))).toBe(true);
  });

  it('shows the objectives of a workgroup without projects to its people and administrators only', async () => {
    expect(await access('pat').access.canView(objective({ workgroupId: 'empty' }))).toBe(false);
    expect(await access('max').access.canView(objective({ workgroupId: 'empty' }))).toBe(true);
  });

  it('shows nothing to a call without a user', async () => {
    expect(await access(null).access.canView(objective({ workgroupId: null }))).toBe(false);
  });
});

describe('managing an objective', () => {
  it("belongs to the workgroup's leads below the top level, and to administrators", async () => {
    expect(await access('lea').access.canManage(objective({}))).toBe(true);
    expect(await access('max').access.canManage(objective({}))).toBe(false);
    expect(await access('lea').access.canManage(objective({ levelId: 'organisation' }))).toBe(false);
    expect(await access('lea').access.canManage(objective({ workgroupId: null, levelId: 'programme' }))).toBe(false);
    expect(
      await access('ada', { admin: true }).access.canManage(objective({ levelId: 'organisation', workgroupId: null })),
    ).toBe(true);
  });

  it('says who may, when it refuses', async () => {
    await expect(access('max').access.requireManage('archive O-1', objective({}))).rejects.toThrow(
      'Only the leads of workgroup "Squad" and Jira administrators can archive O-1',
    );
    await expect(
      access('lea').access.requireManage('archive O-9', objective({ levelId: 'organisation', workgroupId: null })),
    ).rejects.toThrow('Only Jira administrators can archive O-9');
  });
});

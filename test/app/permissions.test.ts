/**
 * Permissions asked of the local Jira as each persona (admin: site admin; lead: administers WEB,
 * member of MOB; member: member of both; outsider: member of WEB only), through the adapter.
 */
import { AppFailure } from '../../src/app/app-failure';
import { Permissions, type PermissionsJira } from '../../src/app/permissions';
import { createJiraClient } from '../../src/forge/jira';
import { ACCOUNT, asPersonaCounted, startAppHost, type AppHost, type Persona } from '../support/app-host';
import type { GrantCache, RememberedGrant, JiraPermission, PermissionScope } from '../../src/ports';

let app: AppHost;
beforeAll(() => {
  app = startAppHost();
});
afterAll(async () => {
  await app.close();
});

const ask = <T>(persona: Persona, question: (p: Permissions) => Promise<T>) =>
  asPersonaCounted(app.host, persona, () => question(new Permissions(createJiraClient(), ACCOUNT[persona])));

describe('answers per persona', () => {
  const table: Array<
    [Persona, { admin: boolean; browseWeb: boolean; browseMob: boolean; editWeb2: boolean; editMob2: boolean }]
  > = [
    ['admin', { admin: true, browseWeb: true, browseMob: true, editWeb2: true, editMob2: true }],
    ['lead', { admin: false, browseWeb: true, browseMob: true, editWeb2: true, editMob2: true }],
    ['member', { admin: false, browseWeb: true, browseMob: true, editWeb2: true, editMob2: true }],
    ['outsider', { admin: false, browseWeb: true, browseMob: false, editWeb2: true, editMob2: false }],
  ];
  it.each(table)('%s', async (persona, expected) => {
    const { result } = await ask(persona, async (p) => ({
      admin: await p.isSiteAdmin(),
      browseWeb: await p.canBrowseProject('WEB'),
      browseMob: await p.canBrowseProject('MOB'),
      editWeb2: await p.canEditIssue('WEB-2'),
      editMob2: await p.canEditIssue('MOB-2'),
    }));
    expect(result).toEqual(expected);
  });

  it('treats a project or issue that does not exist as "no"', async () => {
    const { result } = await ask('admin', async (p) => [
      await p.canBrowseProject('NOPE'),
      await p.canEditIssue('WEB-999'),
    ]);
    expect(result).toEqual([false, false]);
  });
});

describe('requirements', () => {
  it('refuses non-admins with FORBIDDEN naming what they tried', async () => {
    for (const persona of ['lead', 'member', 'outsider'] as const) {
      await ask(persona, async (p) => {
        await expect(p.requireSiteAdmin('change the settings')).rejects.toEqual(
          new AppFailure('FORBIDDEN', 'Only Jira administrators can change the settings'),
        );
      });
    }
    const { result } = await ask('admin', (p) => p.requireSiteAdmin('change the settings'));
    expect(result).toBe(ACCOUNT.admin);
  });

  it('requires browse and edit permissions where they are needed', async () => {
    await ask('outsider', async (p) => {
      await expect(p.requireBrowseProject('MOB')).rejects.toMatchObject({
        code: 'FORBIDDEN',
        message: 'You do not have permission to browse project MOB',
      });
      await expect(p.requireEditIssue('MOB-1')).rejects.toMatchObject({
        code: 'FORBIDDEN',
        message: 'You do not have permission to edit issue MOB-1',
      });
      await expect(p.requireBrowseProject('WEB')).resolves.toBe(ACCOUNT.outsider);
      await expect(p.requireEditIssue('WEB-1')).resolves.toBe(ACCOUNT.outsider);
    });
  });

  it('grants nothing without a user, and asks Jira nothing', async () => {
    const { result, counts } = await asPersonaCounted(app.host, null, async () => {
      const p = new Permissions(createJiraClient(), null);
      expect(() => p.requireUser()).toThrow(new AppFailure('FORBIDDEN', 'Sign in to Jira to use Tether'));
      await expect(p.requireSiteAdmin('do this')).rejects.toMatchObject({ code: 'FORBIDDEN' });
      return [await p.isSiteAdmin(), await p.canBrowseProject('WEB'), p.isLeadOf({ leads: ['x'] })];
    });
    expect(result).toEqual([false, false, false]);
    expect(counts.productCalls).toBe(0);
  });

  it('knows leads and members from the workgroup itself', () => {
    const p = new Permissions(createJiraClient(), ACCOUNT.lead);
    expect(p.isLeadOf({ leads: [ACCOUNT.lead] })).toBe(true);
    expect(p.isLeadOf({ leads: [ACCOUNT.admin] })).toBe(false);
    expect(p.isMemberOf({ members: [ACCOUNT.lead] })).toBe(true);
  });
});

describe('caching', () => {
  it('asks Jira once per question in an invocation, and again in the next one', async () => {
    const first = await ask('lead', async (p) => {
      await Promise.all([p.isSiteAdmin(), p.isSiteAdmin(), p.canBrowseProject('WEB')]);
      await p.isSiteAdmin();
      await p.canBrowseProject('WEB');
      await p.canBrowseProject('MOB');
    });
    expect(first.counts.productByRoute).toEqual({ 'jira GET /rest/api/3/mypermissions': 3 });
    const second = await ask('lead', (p) => p.isSiteAdmin());
    expect(second.counts.productCalls).toBe(1);
  });

  it('asks which of several projects the user may browse in one call, with the answers mypermissions gives', async () => {
    const projects = ['WEB', 'MOB', 'NOPE'];
    for (const persona of ['admin', 'lead', 'member', 'outsider'] as const) {
      const bulk = await ask(persona, async (p) => {
        await p.prefetchBrowseProjects(projects);
        return Promise.all(projects.map((k) => p.canBrowseProject(k)));
      });
      expect(bulk.counts.productByRoute).toEqual({ 'jira POST /rest/api/3/permissions/project': 1 });
      const one = await ask(persona, (p) => Promise.all(projects.map((k) => p.canBrowseProject(k))));
      expect(one.counts.productByRoute).toEqual({ 'jira GET /rest/api/3/mypermissions': 3 });
      expect(bulk.result).toEqual(one.result);
    }
    const outsider = await ask('outsider', async (p) => {
      await p.prefetchBrowseProjects(projects);
      return Promise.all(projects.map((k) => p.canBrowseProject(k)));
    });
    expect(outsider.result).toEqual([true, false, false]);
  });

  it('does not keep a failed bulk question: the next question asks again', async () => {
    let bulk = 0;
    const flaky: PermissionsJira = {
      myPermissions: async () => new Set(['BROWSE_PROJECTS'] as const),
      permittedProjects: () => {
        bulk += 1;
        return Promise.reject(new AppFailure('UNAVAILABLE', 'Jira is busy'));
      },
    };
    const p = new Permissions(flaky, 'someone');
    await expect(p.prefetchBrowseProjects(['WEB', 'MOB'])).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await expect(p.canBrowseProject('WEB')).resolves.toBe(true);
    expect(bulk).toBe(1);
  });

  it('does not keep a failure: the next question asks again', async () => {
    let calls = 0;
    const flaky: PermissionsJira = {
      myPermissions: () => {
        calls += 1;
        return calls === 1
          ? Promise.reject(new AppFailure('UNAVAILABLE', 'Jira is busy'))
          : Promise.resolve(new Set(['ADMINISTER'] as const));
      },
    };
    const p = new Permissions(flaky, 'someone');
    await expect(p.isSiteAdmin()).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await expect(p.isSiteAdmin()).resolves.toBe(true);
    expect(calls).toBe(2);
  });
});

describe('the administrator answer of a read view (isSiteAdminForView)', () => {
  const NOW = Date.parse('2026-12-06T10:00:00Z');
  /** A Jira that answers ADMINISTER in any scope (a global permission), BROWSE_PROJECTS on WEB, and 404 for NOPE. */
  function setup(admin: boolean, stored: Map<string, RememberedGrant> = new Map()) {
    const asked: string[] = [];
    const jira: PermissionsJira = {
      async myPermissions(scope: PermissionScope, permissions: readonly JiraPermission[]) {
        asked.push(`${JSON.stringify(scope)} ${permissions.join(',')}`);
        if ('projectKey' in scope && scope.projectKey === 'NOPE') throw new AppFailure('NOT_FOUND', 'No project NOPE');
        return new Set(
          permissions.filter((p) =>
            p === 'ADMINISTER' ? admin : !('projectKey' in scope) || scope.projectKey === 'WEB',
          ),
        );
      },
    };
    const cache: GrantCache = {
      recall: async (accountId, grant) => stored.get(`${accountId} ${grant}`) ?? null,
      remember: async (accountId, grant, remembered) => void stored.set(`${accountId} ${grant}`, remembered),
    };
    return { permissions: new Permissions(jira, 'someone', { cache, clock: { now: () => NOW } }), asked, stored };
  }

  it('asks Jira for the browse grant and ADMINISTER in one call, and remembers both', async () => {
    const { permissions, asked, stored } = setup(true);
    await permissions.requireBrowseProject('WEB');
    expect(asked).toEqual(['{"projectKey":"WEB"} BROWSE_PROJECTS,ADMINISTER']);
    expect(stored.get('someone browse:WEB')).toEqual({ at: NOW, siteAdmin: true });
    // the answer is this invocation's: neither question asks again
    expect([await permissions.isSiteAdminForView(), await permissions.isSiteAdmin()]).toEqual([true, true]);
    expect(asked).toHaveLength(1);
  });

  it('takes the answer remembered with a fresh grant for a view, and asks Jira for a change', async () => {
    const { permissions, asked } = setup(
      false,
      new Map([['someone browse:WEB', { at: NOW - 60_000, siteAdmin: true }]]),
    );
    await permissions.requireBrowseProject('WEB');
    expect(await permissions.isSiteAdminForView()).toBe(true);
    expect(asked).toEqual([]);
    // a change asks Jira, whose answer then counts for the view too
    expect(await permissions.isSiteAdmin()).toBe(false);
    expect(await permissions.isSiteAdminForView()).toBe(false);
    expect(asked).toEqual(['{"site":true} ADMINISTER']);
  });

  it('asks Jira when the grant was remembered without the answer, or not at all', async () => {
    const older = setup(true, new Map([['someone browse:WEB', { at: NOW - 60_000, siteAdmin: null }]]));
    await older.permissions.requireBrowseProject('WEB');
    expect(await older.permissions.isSiteAdminForView()).toBe(true);
    expect(older.asked).toEqual(['{"site":true} ADMINISTER']);
    const none = setup(false);
    expect(await none.permissions.isSiteAdminForView()).toBe(false);
    expect(none.asked).toEqual(['{"site":true} ADMINISTER']);
  });

  it('remembers nothing for a refusal, and learns nothing of ADMINISTER from a 404', async () => {
    const { permissions, asked, stored } = setup(true);
    await expect(permissions.requireBrowseProject('NOPE')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(stored.size).toBe(0);
    expect(await permissions.isSiteAdminForView()).toBe(true);
    expect(asked).toEqual(['{"projectKey":"NOPE"} BROWSE_PROJECTS,ADMINISTER', '{"site":true} ADMINISTER']);
  });

  it('keeps ADMINISTER asked with an issue as the site-wide answer (one call for the issue panel)', async () => {
    const { permissions, asked } = setup(true);
    await permissions.prefetch({ issueKey: 'WEB-1' }, ['BROWSE_PROJECTS', 'EDIT_ISSUES', 'ADMINISTER']);
    expect([
      await permissions.canBrowseIssue('WEB-1'),
      await permissions.canEditIssue('WEB-1'),
      await permissions.isSiteAdmin(),
    ]).toEqual([true, true, true]);
    expect(asked).toEqual(['{"issueKey":"WEB-1"} BROWSE_PROJECTS,EDIT_ISSUES,ADMINISTER']);
  });
});

/**
 * Permissions asked of the local Jira as each persona (admin: site admin; lead: administers WEB,
 * member of MOB; member: member of both; outsider: member of WEB only), through the adapter.
 */
import { AppFailure } from '../../src/app/app-failure';
import { Permissions, type PermissionsJira } from '../../src/app/permissions';
import { createJiraClient } from '../../src/forge/jira';
import { ACCOUNT, asPersonaCounted, startAppHost, type AppHost, type Persona } from '../support/app-host';

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
  const table: Array<[Persona, { admin: boolean; browseWeb: boolean; browseMob: boolean; editWeb2: boolean; editMob2: boolean }]> = [
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
    const { result } = await ask('admin', async (p) => [await p.canBrowseProject('NOPE'), await p.canEditIssue('WEB-999')]);
    expect(result).toEqual([false, false]);
  });
});

describe('requirements', () => {
  it('refuses non-admins with FORBIDDEN naming what they tried', async () => {
    for (const persona of ['lead', 'member', 'outsider'] as const) {
      await ask(persona, async (p) => {
        await expect(p.requireSiteAdmin('change the settings')).rejects.toEqual(new AppFailure('FORBIDDEN', 'Only Jira administrators can change the settings'));
      });
    }
    const { result } = await ask('admin', (p) => p.requireSiteAdmin('change the settings'));
    expect(result).toBe(ACCOUNT.admin);
  });

  it('requires browse and edit permissions where they are needed', async () => {
    await ask('outsider', async (p) => {
      await expect(p.requireBrowseProject('MOB')).rejects.toMatchObject({ code: 'FORBIDDEN', message: 'You do not have permission to browse project MOB' });
      await expect(p.requireEditIssue('MOB-1')).rejects.toMatchObject({ code: 'FORBIDDEN', message: 'You do not have permission to edit issue MOB-1' });
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

  it('does not keep a failure: the next question asks again', async () => {
    let calls = 0;
    const flaky: PermissionsJira = {
      myPermissions: () => {
        calls += 1;
        return calls === 1 ? Promise.reject(new AppFailure('UNAVAILABLE', 'Jira is busy')) : Promise.resolve(new Set(['ADMINISTER'] as const));
      },
    };
    const p = new Permissions(flaky, 'someone');
    await expect(p.isSiteAdmin()).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await expect(p.isSiteAdmin()).resolves.toBe(true);
    expect(calls).toBe(2);
  });
});

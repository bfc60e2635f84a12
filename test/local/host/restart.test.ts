import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_ACCOUNTS } from '../../../local/jira';
import { createHost, HostError } from '../../../local/host/create-host';
import { FIXTURE_MANIFEST, fixtureHost, jiraOk, readKvs, removeDataDir, tempDataDir } from './host-test-kit';

let dataDir: string;

beforeEach(() => {
  dataDir = tempDataDir();
});
afterEach(() => {
  removeDataDir(dataDir);
});

const statusOf = async (host: Parameters<typeof jiraOk>[0], key: string) =>
  jiraOk(host, 'GET', `/rest/api/3/issue/${key}?fields=status,summary`, DEMO_ACCOUNTS.admin);

describe('a host restarted on the same data folder', () => {
  it('sees the KVS data and the Jira changes of the one before', async () => {
    const first = fixtureHost(dataDir);
    await first.invokeResolver({
      moduleKey: 'tether-project-page',
      functionKey: 'visit',
      accountId: DEMO_ACCOUNTS.lead,
    });
    await jiraOk(first, 'POST', '/rest/api/3/issue/WEB-3/transitions', DEMO_ACCOUNTS.member, {
      transition: { id: '41' },
    });
    await jiraOk(first, 'POST', '/rest/api/3/issue', DEMO_ACCOUNTS.member, {
      fields: { project: { key: 'WEB' }, issuetype: { id: '10002' }, summary: 'Made before the restart' },
    });
    await first.close();

    const second = fixtureHost(dataDir);
    try {
      expect(await readKvs(second, 'visits')).toBe(1);
      expect(await readKvs(second, 'event:WEB-3:1')).toMatchObject({ status: 'Done' });
      expect(await statusOf(second, 'WEB-3')).toMatchObject({ fields: { status: { name: 'Done' } } });
      expect(await statusOf(second, 'WEB-6')).toMatchObject({ fields: { summary: 'Made before the restart' } });
      // ids and keys continue after the restart
      expect(
        await jiraOk(second, 'POST', '/rest/api/3/issue', DEMO_ACCOUNTS.member, {
          fields: { project: { key: 'WEB' }, issuetype: { id: '10002' }, summary: 'After' },
        }),
      ).toMatchObject({ key: 'WEB-7' });
    } finally {
      await second.close();
    }
  });

  it('writes jira.json a moment after a change (debounced), at once on flush, atomically', async () => {
    const host = fixtureHost(dataDir, { jiraWriteDelayMs: 60_000 });
    try {
      const path = join(dataDir, 'jira.json');
      const before = readFileSync(path, 'utf8');
      await jiraOk(host, 'PUT', '/rest/api/3/issue/WEB-5', DEMO_ACCOUNTS.member, {
        fields: { summary: 'Totals round correctly' },
      });
      expect(readFileSync(path, 'utf8')).toBe(before);
      host.flush();
      expect(readFileSync(path, 'utf8')).toContain('Totals round correctly');
      expect(readdirSync(dataDir).sort()).toEqual(['host', 'jira.json', 'kvs']);
    } finally {
      await host.close();
    }
  });

  it('starts a new data folder with the demo site, and refuses a damaged jira.json by name', async () => {
    const host = fixtureHost(dataDir);
    expect(existsSync(join(dataDir, 'jira.json'))).toBe(true);
    expect(await statusOf(host, 'MOB-3')).toMatchObject({ fields: { status: { name: 'Done' } } });
    await host.close();

    writeFileSync(join(dataDir, 'jira.json'), JSON.stringify({ version: 1, users: [] }));
    expect(() => fixtureHost(dataDir)).toThrow(HostError);
    expect(() => fixtureHost(dataDir)).toThrow(/jira\.json is not a local Jira snapshot/);
  });

  it('allows one open host per process, since the Forge globals are process-wide', async () => {
    const host = fixtureHost(dataDir);
    try {
      expect(() => createHost({ dataDir, manifestPath: FIXTURE_MANIFEST })).toThrow(/already open/);
    } finally {
      await host.close();
    }
    expect(Reflect.get(globalThis, '__forge_fetch__')).toBeUndefined();
  });
});

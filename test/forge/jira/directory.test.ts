/** The Jira directory (accounts and fields, as the app) through the real @forge/api against the local Jira. */
import { createJiraDirectory } from '../../../src/forge/jira';
import { ACCOUNTS_PER_REQUEST } from '../../../src/forge/jira/directory';
import { ADMIN, jiraKit, LEAD, MEMBER, type JiraKit } from './jira-test-kit';

let kit: JiraKit;
afterEach(() => kit.close());

describe('knownAccounts', () => {
  it('answers which ids are Jira accounts, as the app, 50 ids a request', async () => {
    kit = jiraKit([]);
    const directory = createJiraDirectory();
    const ghosts = Array.from({ length: 60 }, (_, i) => `557058:ghost-${i}`);
    const known = await kit.as(MEMBER, () => directory.knownAccounts([ADMIN, ...ghosts, LEAD, ADMIN]));
    expect([...known].sort()).toEqual([ADMIN, LEAD].sort());
    const asked = kit.requests.filter((r) => r.path.startsWith('/rest/api/3/user/bulk?'));
    expect(asked).toHaveLength(Math.ceil(62 / ACCOUNTS_PER_REQUEST));
    expect(asked.every((r) => r.asUser === null && r.method === 'GET')).toBe(true);
    expect(new URLSearchParams(asked[0]?.path.split('?')[1]).getAll('accountId')).toHaveLength(ACCOUNTS_PER_REQUEST);
  });

  it('asks nothing for no ids', async () => {
    kit = jiraKit([]);
    expect(await kit.as(null, () => createJiraDirectory().knownAccounts([]))).toEqual(new Set());
    expect(kit.requests).toEqual([]);
  });
});

describe('fields', () => {
  it("lists the site's fields with whether they hold numbers, once per invocation", async () => {
    kit = jiraKit([]);
    const directory = createJiraDirectory();
    const fields = await kit.as(null, async () => {
      const first = await directory.fields();
      await directory.fields();
      return first;
    });
    expect(fields.find((f) => f.id === 'customfield_10016')).toEqual({
      id: 'customfield_10016',
      name: 'Story point estimate',
      numeric: true,
    });
    expect(fields.find((f) => f.id === 'summary')).toEqual({ id: 'summary', name: 'Summary', numeric: false });
    expect(kit.requests.filter((r) => r.path === '/rest/api/3/field')).toHaveLength(1);
    await kit.as(null, () => directory.fields());
    expect(kit.requests.filter((r) => r.path === '/rest/api/3/field')).toHaveLength(2);
  });
});

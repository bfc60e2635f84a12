/** myPermissions and validateJql act as the invoking user: what each persona may do and see. */
import { createJiraClient } from '../../../src/forge/jira';
import { ADMIN, jiraKit, LEAD, MEMBER, OUTSIDER, type JiraKit } from './jira-test-kit';
import { JQL_COUNT_CAP } from '../../../src/ports';

const ALL = ['BROWSE_PROJECTS', 'EDIT_ISSUES', 'ADMINISTER', 'ADMINISTER_PROJECTS'] as const;

let kit: JiraKit;
beforeEach(() => {
  kit = jiraKit([{ key: 'WEB-1' }, { key: 'MOB-1' }]);
});
afterEach(() => kit.close());

const sorted = (s: Set<string>) => [...s].sort();

describe('myPermissions', () => {
  it('asks Jira as the invoking user, per project and per issue', async () => {
    const client = createJiraClient();
    const member = await kit.as(MEMBER, () => client.myPermissions({ projectKey: 'WEB' }, ALL));
    expect(sorted(member)).toEqual(['BROWSE_PROJECTS', 'EDIT_ISSUES']);
    const lead = await kit.as(LEAD, () => client.myPermissions({ issueKey: 'WEB-1' }, ALL));
    expect(sorted(lead)).toEqual(['ADMINISTER_PROJECTS', 'BROWSE_PROJECTS', 'EDIT_ISSUES']);
    const admin = await kit.as(ADMIN, () => client.myPermissions({ site: true }, ['ADMINISTER']));
    expect(sorted(admin)).toEqual(['ADMINISTER']);
    const request = kit.requests.find((r) => r.asUser === LEAD);
    expect(request?.path).toBe(
      '/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS%2CEDIT_ISSUES%2CADMINISTER%2CADMINISTER_PROJECTS&issueKey=WEB-1',
    );
  });

  it('gives the member rights in MOB and the outsider none: a project they cannot see is no permission, not an error', async () => {
    const client = createJiraClient();
    expect(sorted(await kit.as(MEMBER, () => client.myPermissions({ projectKey: 'MOB' }, ALL)))).toEqual([
      'BROWSE_PROJECTS',
    ]);
    expect(sorted(await kit.as(OUTSIDER, () => client.myPermissions({ projectKey: 'MOB' }, ALL)))).toEqual([]);
    expect(
      sorted(await kit.as(OUTSIDER, () => client.myPermissions({ issueKey: 'MOB-1' }, ['BROWSE_PROJECTS']))),
    ).toEqual([]);
    expect(
      sorted(await kit.as(OUTSIDER, () => client.myPermissions({ projectKey: 'WEB' }, ['BROWSE_PROJECTS']))),
    ).toEqual(['BROWSE_PROJECTS']);
    expect(sorted(await kit.as(OUTSIDER, () => client.myPermissions({ site: true }, ['ADMINISTER'])))).toEqual([]);
  });

  it('asks nothing for an empty list', async () => {
    const client = createJiraClient();
    expect(sorted(await kit.as(MEMBER, () => client.myPermissions({ site: true }, [])))).toEqual([]);
    expect(kit.requests).toEqual([]);
  });
});

describe('validateJql', () => {
  const errorsOf = (errors: unknown[]) => ({ errors, count: null, more: false });

  it('returns no error and the count for valid JQL, and Jira’s messages for invalid JQL', async () => {
    const client = createJiraClient();
    const valid = await kit.as(MEMBER, () => client.validateJql('project = WEB AND statusCategory != Done'));
    expect(valid).toEqual({ errors: [], count: expect.any(Number), more: false });
    expect(valid.count).toBeGreaterThan(0);
    expect(await kit.as(MEMBER, () => client.validateJql('project = WEB AND'))).toEqual(
      errorsOf([expect.stringMatching(/^Error in the JQL Query: .*\(line 1, character \d+\)$/)]),
    );
    expect(await kit.as(MEMBER, () => client.validateJql('nosuchfield = 1'))).toEqual(
      errorsOf([expect.stringContaining("'nosuchfield'")]),
    );
    expect(await kit.as(MEMBER, () => client.validateJql('   '))).toEqual(errorsOf(['The JQL query is empty.']));
  });

  it('checks as the user: a project the outsider cannot see does not exist for them', async () => {
    const client = createJiraClient();
    expect((await kit.as(MEMBER, () => client.validateJql('project = MOB'))).errors).toEqual([]);
    expect(await kit.as(OUTSIDER, () => client.validateJql('project = MOB'))).toEqual(
      errorsOf(["The value 'MOB' does not exist for the field 'project'."]),
    );
    const checks = kit.requests.filter((r) => r.path === '/rest/api/3/search/jql');
    expect(checks.map((r) => r.asUser)).toEqual([MEMBER, OUTSIDER]);
    expect(JSON.parse(checks[0]?.body ?? '{}')).toEqual({
      jql: 'project = MOB',
      maxResults: JQL_COUNT_CAP,
      fields: ['id'],
    });
  });
});

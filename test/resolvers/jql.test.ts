/**
 * JQL checked against the local Jira (which parses it with @atlaskit/jql-ast), as the caller:
 * jql/validate for the key-result form, and the query key results of key-results/create and
 * key-results/update, which refuse JQL Jira does not accept before anything is written.
 */
import { ACCOUNT, useAppHost } from '../support/app-host';
import { call, failed, ok, type KeyResultIn } from './resolver-kit';
import { createSquadObjective, organisation } from './objective-kit';

const SEARCH = 'jira POST /rest/api/3/search/jql';
const query: KeyResultIn = {
  kind: 'query',
  title: 'Open checkout bugs',
  direction: 'decrease',
  baseline: 20,
  target: 5,
  jql: 'project = WEB AND issuetype = Bug',
};

const app = useAppHost(async () => {
  await organisation(app);
  await createSquadObjective(app, { owner: ACCOUNT.member }); // O-2 of Web Squad, owned by the member
});

describe('jql/validate', () => {
  it('says valid JQL is valid, with how many issues the caller can see match it', async () => {
    const { reply, counts, writes } = await call(app, 'member', 'jql/validate', { jql: 'project = WEB' });
    expect(reply).toEqual({ ok: true, data: { valid: true, errors: [], count: expect.any(Number), more: false } });
    expect(reply.ok && reply.data.count).toBeGreaterThan(0);
    expect(counts.productByRoute).toEqual({ [SEARCH]: 1 });
    expect(writes).toBe(0);
  });

  it("answers Jira's messages for JQL it does not accept, and for empty JQL", async () => {
    const broken = await ok(app, 'member', 'jql/validate', { jql: 'project = WEB AND' });
    expect(broken).toEqual({
      valid: false,
      errors: [expect.stringMatching(/^Error in the JQL Query: .*\(line 1, character \d+\)$/)],
      count: null,
      more: false,
    });
    const unknown = await ok(app, 'member', 'jql/validate', { jql: 'nosuchfield = 1' });
    expect(unknown.errors).toEqual([expect.stringContaining("'nosuchfield'")]);
    expect(await ok(app, 'member', 'jql/validate', { jql: '  ' })).toEqual({
      valid: false,
      errors: ['The JQL query is empty.'],
      count: null,
      more: false,
    });
  });

  it('checks as the caller: a project the outsider cannot see does not exist for them', async () => {
    expect((await ok(app, 'member', 'jql/validate', { jql: 'project = MOB' })).valid).toBe(true);
    expect(await ok(app, 'outsider', 'jql/validate', { jql: 'project = MOB' })).toEqual({
      valid: false,
      errors: ["The value 'MOB' does not exist for the field 'project'."],
      count: null,
      more: false,
    });
  });

  it('is refused without a user, and answers VALIDATION to a bad payload without asking Jira', async () => {
    const anonymous = await failed(app, null, 'jql/validate', { jql: 'project = WEB' });
    expect(anonymous.error).toEqual({ code: 'FORBIDDEN', message: 'Sign in to Jira to use Tether' });
    expect(anonymous.counts.productCalls + anonymous.counts.kvsRoundTrips).toBe(0);
    for (const payload of [{}, { jql: 7 }, { jql: 'x'.repeat(4001) }, { jql: 'project = WEB', extra: true }]) {
      const { error, counts } = await failed(app, 'member', 'jql/validate', payload);
      expect(error.code).toBe('VALIDATION');
      expect(counts.productCalls + counts.kvsRoundTrips).toBe(0);
    }
  });
});

describe('query key results', () => {
  it('are created when Jira accepts their JQL', async () => {
    const { reply, counts } = await call(app, 'lead', 'key-results/create', {
      objectiveKey: 'O-2',
      version: 1,
      keyResult: query,
    });
    if (!reply.ok) throw new Error(reply.error.message);
    expect(reply.data.keyResult).toMatchObject({
      id: 'O-2.KR-1',
      kind: 'query',
      jql: 'project = WEB AND issuetype = Bug',
    });
    expect(counts.productByRoute[SEARCH]).toBe(1);
  });

  it('are refused with VALIDATION naming the problem when Jira does not accept the JQL, writing nothing', async () => {
    const { error, writes } = await failed(app, 'lead', 'key-results/create', {
      objectiveKey: 'O-2',
      version: 1,
      keyResult: { ...query, jql: 'project = WEB AND issuetype =' },
    });
    expect(error).toMatchObject({ code: 'VALIDATION', message: 'The key result was not added' });
    expect(error.details).toEqual([
      {
        path: 'keyResult.jql',
        message: expect.stringMatching(/^Jira does not accept this JQL: Error in the JQL Query: /),
      },
    ]);
    expect(writes).toBe(0);
    expect(
      (await ok(app, 'lead', 'project-page/view', { projectKey: 'WEB' })).workgroups[0]?.objectives[0]?.objective
        .keyResults,
    ).toEqual([]);
  });

  it('are refused to those who may not manage the objective before Jira is asked', async () => {
    const { error, writes, counts } = await failed(app, 'member', 'key-results/create', {
      objectiveKey: 'O-2',
      version: 1,
      keyResult: query,
    });
    expect(error.code).toBe('FORBIDDEN');
    expect(counts.productByRoute[SEARCH]).toBeUndefined();
    expect(writes).toBe(0);
  });

  it('check changed JQL on update: refused when Jira does not accept it, kept as it was', async () => {
    await ok(app, 'lead', 'key-results/create', { objectiveKey: 'O-2', version: 1, keyResult: query });
    const bad = await failed(app, 'lead', 'key-results/update', {
      objectiveKey: 'O-2',
      version: 2,
      keyResultId: 'O-2.KR-1',
      jql: 'nosuchfield = 1',
    });
    expect(bad.error).toMatchObject({ code: 'VALIDATION', message: "O-2's key result KR-1 was not changed" });
    expect(bad.error.details).toEqual([{ path: 'jql', message: expect.stringContaining("'nosuchfield'") }]);
    expect(bad.writes).toBe(0);

    const changed = await ok(app, 'lead', 'key-results/update', {
      objectiveKey: 'O-2',
      version: 2,
      keyResultId: 'O-2.KR-1',
      jql: 'project = WEB AND statusCategory != Done',
    });
    expect(changed.keyResult).toMatchObject({ jql: 'project = WEB AND statusCategory != Done', version: 2 });
    // a change that leaves the JQL as it is does not ask Jira
    const { reply, counts } = await call(app, 'lead', 'key-results/update', {
      objectiveKey: 'O-2',
      version: 3,
      keyResultId: 'O-2.KR-1',
      title: 'Open work',
    });
    expect(reply.ok).toBe(true);
    expect(counts.productByRoute[SEARCH]).toBeUndefined();
  });

  it('check the JQL as the caller: the lead cannot count issues of a project Jira hides from them', async () => {
    // the outsider persona cannot see MOB; as an admin-made objective's manager the admin can
    const { error } = await failed(app, 'lead', 'key-results/create', {
      objectiveKey: 'O-2',
      version: 1,
      keyResult: { ...query, jql: 'project = NOPE' },
    });
    expect(error.details).toEqual([
      {
        path: 'keyResult.jql',
        message: "Jira does not accept this JQL: The value 'NOPE' does not exist for the field 'project'.",
      },
    ]);
  });
});

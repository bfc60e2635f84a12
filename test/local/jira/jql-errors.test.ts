import { JqlError } from '../../../local/jira/jql/errors';
import { aJira, keys, OUTSIDER } from './builders';

const { jira } = aJira([{ key: 'WEB-1' }, { key: 'MOB-1' }]);

function errorOf(jql: string, asUser: string | null = null): JqlError {
  try {
    keys(jira, jql, asUser);
  } catch (e) {
    if (e instanceof JqlError) return e;
    throw e;
  }
  throw new Error(`expected '${jql}' to fail`);
}

describe('JQL errors', () => {
  it('syntax errors read like Jira’s, with line and character', () => {
    const e = errorOf('project = ');
    expect(e.kind).toBe('syntax');
    expect(e.message).toBe(
      'Error in the JQL Query: Expecting either a value, list or function but got end of query. (line 1, character 11)',
    );
    expect(errorOf('foo bar').message).toMatch(
      /^Error in the JQL Query: Expecting operator but got 'bar'\. The valid operators are '=', '!='.* \(line 1, character 5\)$/,
    );
    expect(errorOf('project = WEB AND (').message).toMatch(/Expecting a field name but got end of query/);
    expect(errorOf('project = WEB)').message).toMatch(/Expecting either 'OR' or 'AND' but got '\)'/);
    expect(errorOf('(project = WEB').message).toMatch(/Expecting '\)' but got end of query/);
    expect(errorOf('project in WEB').message).toMatch(/^Error in the JQL Query: /);
  });

  it('unknown fields, values and functions are refused as Jira refuses them', () => {
    expect(errorOf('foo = 1')).toMatchObject({
      kind: 'invalid',
      message: "Field 'foo' does not exist or you do not have permission to view it.",
    });
    expect(errorOf('status = Nope').message).toBe("The value 'Nope' does not exist for the field 'status'.");
    expect(errorOf('project = NOPE').message).toBe("The value 'NOPE' does not exist for the field 'project'.");
    expect(errorOf('assignee = nobody').message).toBe("The value 'nobody' does not exist for the field 'assignee'.");
    expect(errorOf('key = WEB-99').message).toBe("An issue with key 'WEB-99' does not exist for field 'key'.");
    expect(errorOf('key = nonsense').message).toBe("The issue key 'nonsense' for field 'key' is invalid.");
    expect(errorOf('parent = WEB-42').message).toBe("An issue with key 'WEB-42' does not exist for field 'parent'.");
    expect(errorOf('assignee = whoAmI()').message).toBe("Unable to find JQL function 'whoAmI()'.");
    expect(errorOf('created > yesterday').message).toMatch(
      /^Date value 'yesterday' for field 'created' is invalid\. Valid formats include/,
    );
    expect(errorOf('cf[10016] > many').message).toMatch(/'many' for field 'Story point estimate' is invalid/);
    expect(errorOf('cf[99999] = 1').message).toBe(
      "Field 'cf[99999]' does not exist or you do not have permission to view it.",
    );
  });

  it('a project or issue the actor cannot browse does not exist for them', () => {
    expect(errorOf('project = MOB', OUTSIDER).message).toBe("The value 'MOB' does not exist for the field 'project'.");
    expect(errorOf('key = MOB-1', OUTSIDER).message).toBe("An issue with key 'MOB-1' does not exist for field 'key'.");
  });

  it('operators a field does not take are refused, naming both', () => {
    expect(errorOf('status ~ Done').message).toBe("The operator '~' is not supported by the 'status' field.");
    expect(errorOf('summary = foo').message).toBe("The operator '=' is not supported by the 'summary' field.");
    expect(errorOf('labels > a').message).toBe("The operator '>' is not supported by the 'labels' field.");
    expect(errorOf('status = currentUser()').kind).toBe('unsupported');
  });

  it('valid JQL the local Jira does not evaluate names the unsupported clause, field, operator or function', () => {
    const sprint = errorOf('project = WEB AND sprint in openSprints()');
    expect(sprint.kind).toBe('unsupported');
    expect(sprint.message).toBe("The local Jira does not support the field 'sprint' (in 'sprint in openSprints()').");
    expect(errorOf('status WAS Done').message).toBe(
      "The local Jira does not support the operator 'WAS' (history search) (in 'status WAS Done').",
    );
    expect(errorOf('status CHANGED').kind).toBe('unsupported');
    expect(errorOf('assignee in membersOf("jira-users")').message).toBe(
      "The local Jira does not support the function 'membersOf()' on the field 'assignee' (in 'assignee in membersOf(\"jira-users\")').",
    );
    expect(errorOf('fixVersion = 1.0').message).toMatch(/does not support the field 'fixVersion'/);
  });

  it('ORDER BY refuses fields that do not sort', () => {
    expect(errorOf('project = WEB ORDER BY labels').message).toBe("Field 'labels' does not support sorting.");
    expect(errorOf('project = WEB ORDER BY nope').message).toBe(
      "Field 'nope' does not exist or you do not have permission to view it.",
    );
  });
});

describe('parsing', () => {
  it('parses the same text again and again (JastBuilder memoises its token stream)', () => {
    const twice = aJira([{ key: 'WEB-1' }]).jira;
    expect(keys(twice, 'project = WEB')).toEqual(['WEB-1']);
    expect(keys(twice, 'project = WEB')).toEqual(['WEB-1']);
  });
});

/**
 * JQL checked against Jira as the invoking user: `jql/validate` (the key-result form, as the user
 * types) and the check that key-results/create and update make of a query key result's JQL.
 * As the user, so JQL naming a project they cannot see is invalid for them, as in Jira's search.
 */
import type { ErrorDetail } from '../../contract';
import type { JqlValidatePayload, JqlValidation } from '../../contract/api';
import type { JiraPort } from '../../ports';
import type { ObjectivePorts } from '../objectives/objective-ports';

/** jql/validate: Jira's verdict on the JQL, and how many issues the caller can see match it. Any signed-in user. */
export async function checkJql(ports: Pick<ObjectivePorts, 'permissions' | 'settings' | 'jiraFor'>, payload: JqlValidatePayload): Promise<JqlValidation> {
  ports.permissions.requireUser();
  const check = await ports.jiraFor(await ports.settings.get()).validateJql(payload.jql);
  return { valid: check.errors.length === 0, errors: check.errors, count: check.count, more: check.more };
}

/** The problems Jira finds in a query key result's JQL, each at `path`; none when it is valid. */
export async function jqlProblems(jira: Pick<JiraPort, 'validateJql'>, jql: string, path: string): Promise<ErrorDetail[]> {
  const { errors } = await jira.validateJql(jql);
  return errors.map((message) => ({ path, message: `Jira does not accept this JQL: ${message}` }));
}

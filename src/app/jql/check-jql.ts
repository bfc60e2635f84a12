/**
 * JQL checked against Jira as the invoking user: `jql/validate` (the key-result form, as the user
 * types). The check that key-results/create and update and imports make of a query key result's
 * JQL is the reference check's (src/app/references), on the same JiraPort.validateJql.
 * As the user, so JQL naming a project they cannot see is invalid for them, as in Jira's search.
 */
import type { JqlValidatePayload, JqlValidation } from '../../contract/api';
import type { ObjectivePorts } from '../objectives/objective-ports';

/** jql/validate: Jira's verdict on the JQL, and how many issues the caller can see match it. Any signed-in user. */
export async function checkJql(
  ports: Pick<ObjectivePorts, 'permissions' | 'settings' | 'jiraFor'>,
  payload: JqlValidatePayload,
): Promise<JqlValidation> {
  ports.permissions.requireUser();
  const check = await ports.jiraFor(await ports.settings.get()).validateJql(payload.jql);
  return { valid: check.errors.length === 0, errors: check.errors, count: check.count, more: check.more };
}

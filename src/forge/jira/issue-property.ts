/**
 * The app's issue property (e.g. `tether`, indexed by `jira:entityProperty` so JQL can search
 * it), as the app: PUT writes it (any JSON up to 32 KB), DELETE removes it. Deleting what is
 * not there (404: no such property, or no such issue) is done already.
 */
import { asApp, route } from '@forge/api';
import { ensureOk } from './jira-answers';
import { JiraRequestFailure } from './jira-errors';
import { JSON_HEADERS, type Send } from './send';

const ENDPOINT = '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}';

export async function setIssueProperty(
  send: Send,
  issueKey: string,
  propertyKey: string,
  value: unknown,
): Promise<void> {
  if (value === null) {
    const answer = await send(`DELETE ${ENDPOINT}`, () =>
      asApp().requestJira(route`/rest/api/3/issue/${issueKey}/properties/${propertyKey}`, {
        method: 'DELETE',
        headers: JSON_HEADERS,
      }),
    );
    if (answer.status !== 404) ensureOk(answer);
    return;
  }
  const body = JSON.stringify(value);
  if (body === undefined)
    throw new JiraRequestFailure(
      'VALIDATION',
      `The value of issue property ${propertyKey} is not JSON`,
      `PUT ${ENDPOINT}`,
      null,
      [],
    );
  const answer = await send(`PUT ${ENDPOINT}`, () =>
    asApp().requestJira(route`/rest/api/3/issue/${issueKey}/properties/${propertyKey}`, {
      method: 'PUT',
      headers: JSON_HEADERS,
      body,
    }),
  );
  ensureOk(answer);
}

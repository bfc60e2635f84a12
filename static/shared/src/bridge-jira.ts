/** The production JiraRequest: @forge/bridge `requestJira`, as the user looking at the page. */
import { requestJira } from '@forge/bridge';
import type { JiraReply, JiraRequest } from './jira';

export const bridgeJira: JiraRequest = async (path, init = {}): Promise<JiraReply> => {
  const hasBody = init.body !== undefined;
  const response = await requestJira(path, {
    method: init.method ?? 'GET',
    headers: hasBody
      ? { Accept: 'application/json', 'Content-Type': 'application/json' }
      : { Accept: 'application/json' },
    ...(hasBody ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await response.text();
  let body: unknown = null;
  if (text !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return { status: response.status, body };
};

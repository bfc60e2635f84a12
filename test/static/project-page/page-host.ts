/**
 * The project page's test host: default replies for every key the page calls, a fake Jira,
 * overrides per test. The page does not call me/get: what the caller may do comes with the view.
 */
import { fakeHost, ok, type FakeHost, type Handlers } from '../support/render-surface';
import { anInbox } from '../support/view-builders';
import { fakeJira, type FakeIssue, type FakeJira } from './fake-jira';
import { aPage, LEAD, noCheckIns, noHistory, USERS } from './page-builders';

export function pageHost(
  handlers: Handlers = {},
  search: (jql: string) => FakeIssue[] = () => [],
): FakeHost & { jira: FakeJira['request']; jiraRequests: FakeJira['requests'] } {
  const jira = fakeJira({ users: USERS, search });
  const host = fakeHost(
    {
      'project-page/view': () => ok(aPage()),
      'prompts/inbox': () => ok(anInbox()),
      'check-ins/list': () => ok(noCheckIns()),
      'objectives/history': (p) => ok(noHistory(p.objectiveKey)),
      'objectives/decisions': () => ok({ decisions: [] }),
      // why a figure: nothing to explain unless a test says
      'objectives/explain': (p) => ok({ objectiveKey: p.objectiveKey, explained: null }),
      // which listed issues count: the server says nothing of them unless a test says
      'contributions/counted': (p) => ok({ objectiveKey: p.objectiveKey, counted: null, issues: [] }),
      // live updates: the mark stays put unless a test moves it
      'project-page/changes': () => ok({ mark: 'mark-1', at: null }),
      ...handlers,
    },
    { accountId: LEAD },
  );
  return { ...host, jira: jira.request, jiraRequests: jira.requests };
}

export function callsOf(host: FakeHost, key: string): unknown[] {
  return host.calls.filter((c) => c.key === key).map((c) => c.payload);
}

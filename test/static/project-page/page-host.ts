/**
 * The project page's test host: default replies for every key the page calls, a fake Jira,
 * overrides per test; an objective's whole entry (project-page/objective) and the workgroups'
 * feedback figures (project-page/feedback) from the last page the view's handler answered. The page does not call me/get: what the caller may do comes with the view.
 */
import type { ProjectObjectiveEntry } from '@contract/api';
import type { FeedbackSummary } from '@contract/prompts';
import { fail, fakeHost, ok, type FakeHost, type Handlers } from '../support/render-surface';
import { anInbox } from '../support/view-builders';
import { fakeJira, type FakeIssue, type FakeJira } from './fake-jira';
import { aPage, LEAD, noCheckIns, noHistory, USERS } from './page-builders';

export function pageHost(
  handlers: Handlers = {},
  search: (jql: string) => FakeIssue[] = () => [],
): FakeHost & { jira: FakeJira['request']; jiraRequests: FakeJira['requests'] } {
  const jira = fakeJira({ users: USERS, search });
  // project-page/objective answers the whole entry from the page project-page/view answered last,
  // as the server reads both from the same records (the view's reply is parsed down to rows)
  const view = handlers['project-page/view'] ?? (() => ok(aPage()));
  let lastPage: unknown = null;
  const host = fakeHost(
    {
      // the headers' feedback figures, as the page that the view's handler answered last holds them
      'project-page/feedback': (p) =>
        ok({
          projectKey: p.projectKey,
          periodId: p.periodId ?? null,
          workgroups: workgroupsOf(lastPage).map((w) => ({
            id: String(Reflect.get(Object(w), 'id')),
            feedback: (Reflect.get(Object(w), 'feedback') ?? null) as FeedbackSummary | null,
          })),
        }),
      'project-page/objective': (p) => {
        const entry = entriesOf(lastPage).find(
          (e) => Reflect.get(Object(Reflect.get(Object(e), 'objective')), 'key') === p.objectiveKey,
        );
        return entry === undefined
          ? fail('NOT_FOUND', `There is no objective ${p.objectiveKey}.`)
          : ok({ objectiveKey: p.objectiveKey, entry: entry as ProjectObjectiveEntry });
      },
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
      'project-page/view': async (p) => {
        const reply = await view(p);
        if (reply.ok) lastPage = reply.data;
        return reply;
      },
    },
    { accountId: LEAD },
  );
  return { ...host, jira: jira.request, jiraRequests: jira.requests };
}

function workgroupsOf(page: unknown): unknown[] {
  const workgroups: unknown = Reflect.get(Object(page), 'workgroups');
  return Array.isArray(workgroups) ? (workgroups as unknown[]) : [];
}

/** Every entry of a page as a handler answered it (whole, when made with the builders). */
function entriesOf(page: unknown): unknown[] {
  const aligned: unknown = Reflect.get(Object(page), 'aligned');
  return [
    ...workgroupsOf(page).flatMap((w) => Reflect.get(Object(w), 'objectives') as unknown[]),
    ...(Array.isArray(aligned) ? (aligned as unknown[]) : []),
  ];
}

export function callsOf(host: FakeHost, key: string): unknown[] {
  return host.calls.filter((c) => c.key === key).map((c) => c.payload);
}

/**
 * A local host running the app as it is deployed for the live rollup: the shared resolver, the
 * issue-events trigger (so changes in the local Jira reach the stored rollup) and the indexed
 * issue property behind JQL `objective = O-12`, from a test manifest like
 * test/triggers/issue-events.test.ts builds.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { z } from 'zod';
import { setProcessClock } from '../../local/runtime/process-clock';
import { createHost } from '../../local/host/create-host';
import { ACCOUNT, REPO_ROOT, testManifest, type AppHost, type Persona } from '../support/app-host';

type Manifest = { modules: Record<string, unknown[]> };

export function startLiveHost(): AppHost {
  const dir = mkdtempSync(join(tmpdir(), 'tether-live-'));
  const manifest = testManifest('resolvers/index.resolver') as Manifest;
  manifest.modules['trigger'] = [
    {
      key: 'issue-events',
      function: 'on-issue-event',
      events: ['avi:jira:created:issue', 'avi:jira:updated:issue', 'avi:jira:deleted:issue'],
    },
  ];
  manifest.modules['function'] = [
    ...(manifest.modules['function'] ?? []),
    { key: 'on-issue-event', handler: 'triggers/issue-events.onIssueEvent' },
  ];
  manifest.modules['jira:entityProperty'] = [
    {
      key: 'tether-objectives',
      entityType: 'issue',
      propertyKey: 'tether',
      values: [{ path: 'objectives', type: 'string', searchAlias: 'objective' }],
    },
  ];
  writeFileSync(join(dir, 'manifest.yml'), stringify(manifest));
  const host = createHost({
    dataDir: join(dir, 'data'),
    manifestPath: join(dir, 'manifest.yml'),
    appModulePath: join(REPO_ROOT, 'src', 'index'),
    delays: 'none',
    syncWrites: false,
    // read at each call, so the host follows a process clock installed after it was made (queriesCaughtUp)
    now: () => Date.now(),
  });
  return {
    host,
    close: async () => {
      await host.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const SearchPage = z.object({ issues: z.array(z.object({ key: z.string() })) });

/**
 * Moves the host clock past strict Jira's search lag, for issues a test made in Jira as set-up
 * (a real user's epic and stories exist well before anyone links them).
 */
export function jiraSearchCaughtUp(app: AppHost): void {
  const lag = app.host.jira.searchIndex.lagMs;
  if (lag > 0) setProcessClock(Date.now() + lag);
}

/**
 * The issue keys a JQL search finds, as `persona` in the local Jira, once Jira's search has caught
 * up with what was written (strict Jira's search lags writes: a user who runs the JQL sees it a
 * little later; the app cannot make Jira's index faster). Moves the host clock past that lag.
 */
export async function jql(app: AppHost, persona: Persona, query: string): Promise<string[]> {
  jiraSearchCaughtUp(app);
  const res = await app.host.jiraRequest({
    method: 'GET',
    path: `/rest/api/3/search/jql?jql=${encodeURIComponent(query)}&fields=key&maxResults=100`,
    asUser: ACCOUNT[persona],
  });
  if (res.status !== 200) throw new Error(`JQL ${query} answered ${res.status}: ${res.body}`);
  return SearchPage.parse(JSON.parse(res.body))
    .issues.map((i) => i.key)
    .sort();
}

const Created = z.object({ key: z.string() });

/** Creates an issue in the local Jira as the administrator (`fields` as POST /rest/api/3/issue takes them); its key. */
export async function createIssue(app: AppHost, fields: Record<string, unknown>): Promise<string> {
  const res = await app.host.jiraRequest({
    method: 'POST',
    path: '/rest/api/3/issue',
    asUser: ACCOUNT.admin,
    body: JSON.stringify({ fields }),
  });
  if (res.status !== 201) throw new Error(`creating an issue answered ${res.status}: ${res.body}`);
  return Created.parse(JSON.parse(res.body)).key;
}

const Transitions = z.object({
  transitions: z.array(z.object({ id: z.string(), to: z.object({ statusCategory: z.object({ key: z.string() }) }) })),
});

/** Moves an issue to a status of the category (`done`, `indeterminate`, `new`) in the local Jira, as `persona`. */
export async function transition(
  app: AppHost,
  persona: Persona,
  issueKey: string,
  category: 'new' | 'indeterminate' | 'done',
): Promise<void> {
  const listed = await app.host.jiraRequest({
    method: 'GET',
    path: `/rest/api/3/issue/${issueKey}/transitions`,
    asUser: ACCOUNT[persona],
  });
  const to = Transitions.parse(JSON.parse(listed.body)).transitions.find((t) => t.to.statusCategory.key === category);
  if (to === undefined) throw new Error(`${issueKey} has no transition to ${category}`);
  const moved = await app.host.jiraRequest({
    method: 'POST',
    path: `/rest/api/3/issue/${issueKey}/transitions`,
    body: JSON.stringify({ transition: { id: to.id } }),
    asUser: ACCOUNT[persona],
  });
  if (moved.status !== 204) throw new Error(`transition of ${issueKey} answered ${moved.status}: ${moved.body}`);
}

/** The `tether` issue property as the app wrote it, or null. */
export async function issueProperty(app: AppHost, issueKey: string): Promise<unknown> {
  const res = await app.host.jiraRequest({
    method: 'GET',
    path: `/rest/api/3/issue/${issueKey}/properties/tether`,
    asUser: null,
  });
  return res.status === 404 ? null : (JSON.parse(res.body) as { value: unknown }).value;
}

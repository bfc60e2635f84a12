/**
 * A ServerHost for the server's tests: the REAL local Jira (demo site) for REST and fetchProduct,
 * a fake resolver (`echo` answers what it got, `fail` throws), and three modules: an issue panel
 * and an admin page showing the fixture UI, and a project page whose resource has no build.
 */
import { join } from 'node:path';
import type { ServerHost, ResolverCall, UiPermissions } from '../../../local/server/host-port';
import {
  createLocalJira,
  demoSite,
  handleJiraRequest,
  DEMO_ACCOUNTS,
  type IssueEvent,
  type LocalJira,
} from '../../../local/jira';

export const NOW = Date.parse('2026-10-15T12:00:00Z');

export interface FakeHost extends ServerHost {
  /** The real local Jira behind it. */
  localJira: LocalJira;
  events: IssueEvent[];
  calls: ResolverCall[];
  /** The local Jira's base URL now (startServer moves it to the server's origin). */
  baseUrl(): string;
}

/** What Tether's manifest asks for: inline styles (Atlaskit injects <style> elements). */
export const INLINE_STYLES: UiPermissions = {
  content: { scripts: [], styles: ['unsafe-inline'] },
  external: { images: [], media: [], scripts: [], styles: [], fonts: [], frames: [], fetchClient: [] },
};

/**
 * `uiPermissions` defaults to INLINE_STYLES, as Tether's manifest (the fixture UI has an inline
 * <style>); pass `null` for a manifest that says nothing (Forge's CSP alone).
 */
export function fakeHost(options: {
  uiDir: string;
  missingBuildDir?: string;
  uiPermissions?: UiPermissions | null;
  forge?: 'strict' | 'lenient';
  appPointsPerHour?: number;
  /** Add a `jira:issueContext` module showing the fixture UI (on every issue view). */
  issueContext?: boolean;
}): FakeHost {
  const events: IssueEvent[] = [];
  const calls: ResolverCall[] = [];
  const jira = createLocalJira(demoSite(NOW), {
    now: () => NOW,
    onEvent: (event) => events.push(event),
    ...(options.appPointsPerHour === undefined ? {} : { appPointsPerHour: options.appPointsPerHour }),
  });
  const personas = (['admin', 'lead', 'member', 'outsider'] as const).map((persona) => {
    const accountId = DEMO_ACCOUNTS[persona];
    return { persona, accountId, displayName: jira.store.user(accountId)?.displayName ?? persona };
  });
  const uiPermissions = options.uiPermissions === undefined ? INLINE_STYLES : options.uiPermissions;
  return {
    ...(options.forge === undefined ? {} : { forge: options.forge }),
    localJira: jira,
    events,
    calls,
    issuePanels: {
      added: (issueId) => jira.store.addedPanels(issueId),
      add: (issueId, moduleKey) => jira.store.addPanel(issueId, moduleKey),
    },
    ...(uiPermissions === null ? {} : { uiPermissions }),
    serveSiteAt: (origin) => jira.useBaseUrl(origin),
    baseUrl: () => jira.site.baseUrl,
    modules: () => [
      {
        key: 'tether-project-page',
        type: 'jira:projectPage',
        title: 'Objectives',
        resource: 'project-page',
        hasResolver: true,
      },
      {
        key: 'tether-issue-panel',
        type: 'jira:issuePanel',
        title: 'Tether',
        resource: 'issue-panel',
        hasResolver: true,
      },
      {
        key: 'tether-admin-page',
        type: 'jira:adminPage',
        title: 'Tether settings',
        resource: 'admin-page',
        hasResolver: false,
      },
      // a module type the local server does not show
      {
        key: 'tether-issue-glance',
        type: 'jira:issueGlance',
        title: 'Tether glance',
        resource: 'issue-panel',
        hasResolver: true,
      },
      ...(options.issueContext === true
        ? [
            {
              key: 'tether-issue-context',
              type: 'jira:issueContext',
              title: 'Tether context',
              resource: 'issue-panel',
              hasResolver: true,
            },
          ]
        : []),
    ],
    resources: () => [
      {
        key: 'project-page',
        path: options.missingBuildDir ?? join(options.uiDir, 'no-such-build'),
        buildCommand: 'npm run build:ui',
      },
      { key: 'issue-panel', path: options.uiDir },
      { key: 'admin-page', path: options.uiDir },
    ],
    personas: () => personas,
    invokeResolver: async (call) => {
      calls.push(call);
      if (call.functionKey === 'echo') {
        const issue = call.extension.issue;
        const issueKey: unknown = typeof issue === 'object' && issue !== null ? Reflect.get(issue, 'key') : null;
        return { echo: call.payload, accountId: call.accountId, moduleKey: call.moduleKey, issueKey };
      }
      if (call.functionKey === 'fail') throw new Error('the resolver broke');
      throw new Error(`Resolver has no definition for '${call.functionKey}'.`);
    },
    jira: {
      request: (request) => handleJiraRequest(jira, request),
      projectKeys: () => jira.store.projects().map((p) => p.key),
    },
  };
}

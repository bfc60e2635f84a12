/**
 * What the HTTP side of the local Forge host needs from the host (`local/host`, createHost):
 * the app's UI modules and resources from manifest.yml, a way to run a resolver, the local Jira's
 * REST handler, and the personas. The server never reads the manifest, the KVS or the Jira store
 * itself, so a thin adapter over createHost (or a fake in tests) is all it takes to serve the app.
 */
import type { RecordedNotification } from '../jira/notifications';
import type { UiPermissions } from '../host/manifest';

export const PERSONAS = ['admin', 'lead', 'member', 'outsider'] as const;
export type PersonaName = (typeof PERSONAS)[number];

/** A UI module of manifest.yml (`modules.<type>[]` with a `resource`). */
export interface UiModule {
  key: string;
  /** The manifest module type, e.g. `jira:issuePanel`. */
  type: string;
  title: string;
  /** The key of the `resources[]` entry it displays. */
  resource: string;
  /** Whether it names a resolver function (`resolver.function`); `invoke` needs one. */
  hasResolver: boolean;
}

/** A gadget on a dashboard: its id, its module and the configuration its edit view submitted (null before any). */
export interface DashboardGadget {
  id: string;
  moduleKey: string;
  configuration: Record<string, unknown> | null;
}

/** A `resources[]` entry of manifest.yml. */
export interface UiResource {
  key: string;
  /** Absolute folder that holds the built Custom UI (`index.html` and its assets). */
  path: string;
  /** The command that builds the folder, shown when it has no `index.html` yet. */
  buildCommand?: string;
}

/**
 * The manifest's `permissions.content` and `permissions.external`, as the Custom UI's Content
 * Security Policy takes them: local/host's shape (a type only, so the server still never reads
 * the manifest).
 */
export type { UiPermissions };

export interface PersonaAccount {
  persona: PersonaName;
  accountId: string;
  displayName: string;
}

/** A request to the local Jira's REST API (same shape as local/jira's `handleJiraRequest`). */
export interface JiraHttpRequest {
  method: string;
  /** Path and query, e.g. `/rest/api/3/issue/WEB-1?fields=summary`. */
  path: string;
  headers: Record<string, string>;
  body: string;
  /** The account the request acts for; null for the app itself (`asApp()`). */
  asUser: string | null;
  /** The app's Custom UI sends it (`requestJira`): it counts against the app's Jira points budget (strict). */
  viaApp?: boolean;
}

export interface JiraHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One resolver call from a Custom UI `invoke(functionKey, payload)`. */
export interface ResolverCall {
  moduleKey: string;
  functionKey: string;
  payload: unknown;
  /** The persona's account: the resolver's `context.accountId` and what `asUser()` acts for. */
  accountId: string;
  /** The module's extension context (`context.extension`: type, project, issue …). */
  extension: Record<string, unknown>;
}

export interface ServerHost {
  /**
   * How harsh the host is (local/runtime/forge-mode.ts): in `strict` the bridge refuses an invoke
   * over 500 KB and the issue view shows an issue panel only once it is added. Lenient when absent.
   */
  forge?: 'strict' | 'lenient';
  /** The UI modules of the manifest, in manifest order. */
  modules(): readonly UiModule[];
  resources(): readonly UiResource[];
  personas(): readonly PersonaAccount[];
  /** Runs the module's resolver function; resolves to its reply, rejects with what it threw. */
  invokeResolver(call: ResolverCall): Promise<unknown>;
  jira: {
    /** Answers a REST request as `asUser`; changes fire the app's triggers. */
    request(request: JiraHttpRequest): Promise<JiraHttpResponse>;
    /** The keys of every project on the site (the REST API has no project list to ask). */
    projectKeys(): readonly string[];
  };
  /**
   * The issue panels a user added to each issue (Jira keeps them with the issue). In strict mode the
   * issue view shows a panel only once added; without this port it cannot add any.
   */
  issuePanels?: {
    added(issueId: string): readonly string[];
    /** Adds the panel; false when it was on the issue already. */
    add(issueId: string, moduleKey: string): boolean;
  };
  /**
   * Dashboards (local/server/dashboards.ts): each user's own, its gadgets and their configurations,
   * kept by the local Jira as Jira keeps them; without this port the host shows no dashboard.
   */
  dashboards?: {
    of(accountId: string): { id: string; gadgets: readonly DashboardGadget[] };
    add(dashboardId: string, moduleKey: string): string | null;
    configure(dashboardId: string, gadgetId: string, configuration: Record<string, unknown>): boolean;
    remove(dashboardId: string, gadgetId: string): boolean;
  };
  /** What the local Jira would have emailed (local/jira/notifications.ts), for /notifications; none when absent. */
  notifications?: { list(): readonly RecordedNotification[] };
  /** The app's identity (`ari:cloud:ecosystem::app/<uuid>`) and environment, for `context.localId`. */
  app?: { id: string; environmentId?: string };
  /** `context.cloudId`; `context.siteUrl` defaults to the server's own URL so links work locally. */
  site?: { cloudId?: string; siteUrl?: string };
  /** What the manifest adds to the Custom UI's CSP; none (Forge's defaults only) when absent. */
  uiPermissions?: UiPermissions;
  /**
   * Called once by startServer when it listens, with its origin: the local Jira's base URL (its
   * `self` and avatar links) becomes the server's, so a browser can load what the REST answers
   * point at. A host without it keeps its links as they are.
   */
  serveSiteAt?(origin: string): void;
}

/**
 * Routing of the local Jira server, as a function from `HttpRequest` to `HttpResponse` (no
 * sockets: start-server.ts does the I/O), so every route is testable directly.
 *
 *   GET  /                          index: projects, issues, app surfaces
 *   GET  /projects/{KEY}            project page module   (?module= picks one)
 *   GET  /browse/{KEY}              issue view with the issue panel module
 *   POST /browse/{KEY}/{action}     transition | story-points | parent | delete | add-panel (HTML forms)
 *   GET  /admin                     admin page module      (?module= picks one)
 *   GET  /apps/objectives           the app's global page (Jira's Apps menu)
 *   GET  /dashboard                 the persona's dashboard with the app's gadgets (?edit=<gadget id>)
 *   POST /dashboard/{add|remove}    add or remove a gadget (HTML forms)
 *   GET  /rest/api/3/universal_avatar/view/type/{user|project}/avatar/{id}   avatars as SVG
 *   any  /rest/…                    the local Jira REST API as ?as=<persona> (default admin)
 *   POST /__tether/bridge           the server half of the Custom UI bridge
 *   GET  /__tether/resources/{key}/… Custom UI files, with the bridge injected into HTML and the manifest's CSP
 *   GET  /__tether/{jira.css, page-bridge.js, frame-bridge.js, theme.css}
 *
 * Pages act as `?as=<persona>` (remembered in a cookie), else the cookie, else admin; and show
 * in `?theme=light|dark` (remembered in a cookie), else the cookie, else light.
 */
import { serveAvatar } from './avatars';
import { bridgeEndpoint } from './bridge/bridge-endpoint';
import type { BrowserBundles } from './browser-bundles';
import { CLEAR_FLASH, readFlash } from './flash';
import type { ServerHost } from './host-port';
import {
  htmlResponse,
  jsonResponse,
  textResponse,
  withCookies,
  type HttpRequest,
  type HttpResponse,
} from './http/exchange';
import { issueAction } from './issue-actions';
import { addPanel, CLEAR_NEW_PANEL, readNewPanel } from './issue-panels';
import { PersonaJira } from './jira-client';
import { adminPage } from './pages/admin-page';
import { notificationsPage } from './pages/notifications-page';
import { dashboardPage } from './pages/dashboard-page';
import { organisationPage } from './pages/organisation-page';
import { dashboardAction } from './dashboards';
import { html } from './pages/html';
import { indexPage } from './pages/index-page';
import { issuePage } from './pages/issue-page';
import { JIRA_CSS } from './pages/jira-styles';
import { notFoundPage } from './pages/not-found';
import type { PageContext } from './pages/page-context';
import { projectPage } from './pages/project-page';
import { personaForPage } from './persona';
import { refusal } from './request-guard';
import { browserClockScript } from '../runtime/process-clock';
import { FRAME_BRIDGE_PATH, RESOURCE_PREFIX, serveResource } from './resources';
import { restProxy } from './rest-proxy';
import { DATA_THEME, DEFAULT_COLOR_MODE, themeForPage, type ColorMode } from './theme-choice';

export interface ServerAppOptions {
  host: ServerHost;
  bundles: BrowserBundles;
  themeCss: string;
  /** The server's own origin, e.g. `http://127.0.0.1:4000` (known once it listens). */
  origin: () => string;
}

export interface ServerApp {
  handle(request: HttpRequest): Promise<HttpResponse>;
}

type PageRoute = (ctx: PageContext, match: RegExpExecArray) => Promise<HttpResponse>;

const PAGES: ReadonlyArray<{ pattern: RegExp; page: PageRoute }> = [
  { pattern: /^\/$/, page: (ctx) => indexPage(ctx) },
  { pattern: /^\/projects\/(?<key>[^/]+)\/?$/, page: (ctx, m) => projectPage(ctx, m.groups?.key ?? '') },
  { pattern: /^\/browse\/(?<key>[^/]+)\/?$/, page: (ctx, m) => issuePage(ctx, m.groups?.key ?? '') },
  { pattern: /^\/admin\/?$/, page: (ctx) => adminPage(ctx) },
  { pattern: /^\/notifications(\.json)?\/?$/, page: (ctx, m) => notificationsPage(ctx, m[1] !== undefined) },
  { pattern: /^\/apps\/objectives\/?$/, page: (ctx) => organisationPage(ctx) },
  { pattern: /^\/dashboard\/?$/, page: (ctx) => dashboardPage(ctx) },
];

const DASHBOARD_ACTION = /^\/dashboard\/(?<action>add|remove)$/;

const ISSUE_ACTION = /^\/browse\/(?<key>[^/]+)\/(?<action>[a-z-]+)$/;

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** A page that cannot be rendered as asked (an unknown persona or theme), with the way on. */
function badChoicePage(
  colorMode: ColorMode,
  title: string,
  message: string,
  onward: { href: string; text: string },
): HttpResponse {
  return htmlResponse(
    400,
    html`<!doctype html><html lang="en" data-color-mode="${colorMode}" data-theme="${DATA_THEME}"><head><meta charset="utf-8"><title>${title}</title><link rel="stylesheet" href="/__tether/theme.css"><link rel="stylesheet" href="/__tether/jira.css"></head><body><main class="main"><h1>${title}</h1><p>${message}</p><p><a href="${onward.href}">${onward.text}</a></p></main></body></html>`
      .value,
  );
}

const script = (source: string): HttpResponse => textResponse(200, source, 'text/javascript; charset=utf-8');

export function createServerApp(options: ServerAppOptions): ServerApp {
  const { host, bundles } = options;

  const assets: Record<string, () => HttpResponse> = {
    '/__tether/jira.css': () => textResponse(200, JIRA_CSS, 'text/css; charset=utf-8'),
    '/__tether/theme.css': () => textResponse(200, options.themeCss, 'text/css; charset=utf-8'),
    // the bridges carry the host's clock (TETHER_NOW) into the page and its frames, first thing
    '/__tether/page-bridge.js': () => script(browserClockScript() + bundles.pageBridge),
    [FRAME_BRIDGE_PATH]: () => script(browserClockScript() + bundles.frameBridge),
  };

  /** Pages and forms: persona from ?as= or the cookie, theme from ?theme= or the cookie, one-time message from the flash cookie. */
  async function withPage(
    request: HttpRequest,
    url: URL,
    run: (ctx: PageContext) => Promise<HttpResponse>,
  ): Promise<HttpResponse> {
    const theme = themeForPage(url.searchParams, request.headers.cookie);
    if (!theme.ok) {
      const light = new URL(url.href);
      light.searchParams.set('theme', DEFAULT_COLOR_MODE);
      return badChoicePage(DEFAULT_COLOR_MODE, 'Unknown theme', theme.message, {
        href: light.pathname + light.search,
        text: 'Continue in the light theme',
      });
    }
    const choice = personaForPage(host, url.searchParams, request.headers.cookie);
    if (!choice.ok)
      return badChoicePage(theme.colorMode, 'Unknown persona', choice.message, {
        href: `${url.pathname}?as=admin`,
        text: 'Continue as admin',
      });
    const flash = readFlash(request.headers.cookie);
    const newPanel = readNewPanel(request.headers.cookie);
    const ctx: PageContext = {
      host,
      persona: choice.account,
      colorMode: theme.colorMode,
      url,
      flash,
      newPanel,
      jira: new PersonaJira(host, choice.account.accountId),
    };
    const response = await run(ctx);
    const cookies = [
      choice.setCookie,
      theme.setCookie,
      ...(flash === null ? [] : [CLEAR_FLASH]),
      ...(newPanel === null || request.method !== 'GET' ? [] : [CLEAR_NEW_PANEL]),
    ].filter((c): c is string => c !== null);
    return withCookies(response, cookies);
  }

  async function route(request: HttpRequest, url: URL): Promise<HttpResponse> {
    const path = url.pathname;
    const method = request.method;
    const isRead = method === 'GET' || method === 'HEAD';

    const avatar = await serveAvatar(host, method, url);
    if (avatar !== null) return avatar;
    if (path === '/rest' || path.startsWith('/rest/')) return restProxy(host, request, url);
    if (path === '/__tether/bridge') {
      if (method !== 'POST')
        return jsonResponse(405, {
          ok: false,
          error: { code: 'METHOD_NOT_ALLOWED', message: 'POST a JSON bridge request.' },
        });
      if (!(request.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
        return jsonResponse(415, {
          ok: false,
          error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'The bridge takes application/json.' },
        });
      }
      return bridgeEndpoint(host, request.body, options.origin());
    }
    if (path.startsWith(RESOURCE_PREFIX)) {
      return isRead
        ? serveResource(host, path.slice(RESOURCE_PREFIX.length), host.site?.siteUrl ?? options.origin())
        : textResponse(405, 'Resources are read-only.');
    }
    const asset = assets[path];
    if (asset) return isRead ? asset() : textResponse(405, 'Read-only.');
    if (path === '/favicon.ico') return { status: 204, headers: {}, body: '' };

    const action = ISSUE_ACTION.exec(path);
    if (action && method === 'POST') {
      const key = decode(action.groups?.key ?? '');
      if (key === null) return textResponse(400, 'Bad issue key.');
      if (action.groups?.action === 'add-panel')
        return withPage(request, url, (ctx) => addPanel(host, ctx.jira, key, request.body));
      return withPage(request, url, (ctx) => issueAction(ctx.jira, key, action.groups?.action ?? '', request.body));
    }
    const dashboard = DASHBOARD_ACTION.exec(path);
    if (dashboard && method === 'POST')
      return withPage(request, url, async (ctx) =>
        dashboardAction(host, ctx.persona, dashboard.groups?.action ?? '', request.body),
      );
    for (const { pattern, page } of PAGES) {
      const m = pattern.exec(path);
      if (!m) continue;
      if (!isRead) return textResponse(405, `${method} is not allowed on ${path}.`);
      const groups = m.groups ?? {};
      for (const [name, value] of Object.entries(groups)) {
        const decoded = decode(value);
        if (decoded === null) return textResponse(400, 'Bad URL encoding.');
        groups[name] = decoded;
      }
      return withPage(request, url, (ctx) => page(ctx, m));
    }
    if (!isRead) return textResponse(404, `Nothing to ${method} at ${path}.`);
    return withPage(request, url, async (ctx) =>
      notFoundPage(ctx, 'Page not found', `The local Jira has no page at ${path}.`),
    );
  }

  return {
    async handle(request) {
      const origin = new URL(options.origin());
      const refused = refusal(request, origin);
      if (refused !== null) return textResponse(403, refused);
      let url: URL;
      try {
        url = new URL(request.url, origin);
      } catch {
        return textResponse(400, 'Bad request URL.');
      }
      try {
        const response = await route(request, url);
        return request.method === 'HEAD' ? { ...response, body: '' } : response;
      } catch (e) {
        const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
        return textResponse(500, `The local host failed on ${request.method} ${url.pathname}:\n${message}`);
      }
    },
  };
}

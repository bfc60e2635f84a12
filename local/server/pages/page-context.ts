/** What every page handler gets: the host, who is looking (and in which theme), the URL, and a Jira client as that persona. */
import type { Flash } from '../flash';
import type { PersonaAccount, ServerHost } from '../host-port';
import { htmlResponse, type HttpResponse } from '../http/exchange';
import type { NewPanel } from '../issue-panels';
import type { PersonaJira } from '../jira-client';
import type { ColorMode } from '../theme-choice';
import type { SafeHtml } from './html';
import { pageHtml, type NavItem } from './layout';

export interface PageContext {
  host: ServerHost;
  persona: PersonaAccount;
  colorMode: ColorMode;
  url: URL;
  flash: Flash | null;
  jira: PersonaJira;
  /** The issue panel the user just added (one-time), for its `isNewToIssue`. */
  newPanel?: NewPanel | null;
}

export function renderPage(
  ctx: PageContext,
  page: { title: string; nav: NavItem; body: SafeHtml; status?: number },
): HttpResponse {
  const body = pageHtml({
    title: page.title,
    nav: page.nav,
    body: page.body,
    persona: ctx.persona,
    colorMode: ctx.colorMode,
    personas: ctx.host.personas(),
    currentUrl: ctx.url,
    modules: ctx.host.modules(),
    flash: ctx.flash,
  });
  return htmlResponse(page.status ?? 200, body);
}

/** Jira-like "not found" pages. */
import type { HttpResponse } from '../http/exchange';
import { html, type HtmlValue } from './html';
import { messageBox } from './layout';
import { renderPage, type PageContext } from './page-context';

export function notFoundPage(ctx: PageContext, title: string, ...lines: HtmlValue[]): HttpResponse {
  const body = html`<div class="layout layout--full"><main class="main">
  <h1>${title}</h1>
  ${messageBox('warning', ...lines)}
  <p><a href="/">Back to your work</a></p>
</main></div>`;
  return renderPage(ctx, { title, nav: 'home', body, status: 404 });
}

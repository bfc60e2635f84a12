/**
 * `/apps/objectives`: the app's `jira:globalPage` as Jira shows it from the Apps menu, the page's
 * title above the module's frame (Jira allows one global page per app: the first is shown).
 * Anyone signed in may open it; what the frame shows is decided by the resolver.
 */
import { globalPageExtension } from '../bridge/extension';
import type { HttpResponse } from '../http/exchange';
import { html } from './html';
import { messageBox } from './layout';
import { moduleFrame, modulesOfType } from './module-frame';
import { renderPage, type PageContext } from './page-context';

export async function organisationPage(ctx: PageContext): Promise<HttpResponse> {
  const [module] = modulesOfType(ctx.host, 'jira:globalPage');
  const content =
    module === undefined
      ? messageBox('info', html`manifest.yml declares no <code>jira:globalPage</code> module.`)
      : await moduleFrame(ctx.host, module, globalPageExtension(), { size: 'page' });
  const title = module?.title ?? 'Apps';
  const body = html`<main class="main main--wide">
  <nav class="breadcrumbs" aria-label="Breadcrumbs"><span>Apps</span><span aria-hidden="true">/</span><span>${title}</span></nav>
  <h1>${title}</h1>
  ${content}
</main>`;
  return renderPage(ctx, { title, nav: 'apps', body, status: module === undefined ? 404 : 200 });
}

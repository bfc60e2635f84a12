/** `/admin`: Jira's app settings with the app's admin page module; only Jira administrators get in. */
import { adminPageExtension } from '../bridge/extension';
import type { HttpResponse } from '../http/exchange';
import { html } from './html';
import { messageBox } from './layout';
import { moduleFrame, modulesOfType } from './module-frame';
import { renderPage, type PageContext } from './page-context';

export async function adminPage(ctx: PageContext): Promise<HttpResponse> {
  const modules = modulesOfType(ctx.host, 'jira:adminPage');
  const asked = ctx.url.searchParams.get('module');
  const module = modules.find((m) => m.key === asked) ?? modules[0];
  const isAdmin = await ctx.jira.hasPermission('ADMINISTER');
  let content;
  if (!isAdmin) {
    content = messageBox(
      'warning',
      html`<strong>You don't have access to this page.</strong>`,
      html`App settings are for Jira administrators; ${ctx.persona.displayName} is not one. Switch to the admin persona to open them.`,
    );
  } else if (module === undefined) {
    content = messageBox('info', html`manifest.yml declares no <code>jira:adminPage</code> module.`);
  } else {
    content = await moduleFrame(ctx.host, module, adminPageExtension(), { size: 'page' });
  }
  const body = html`<div class="layout">
<nav class="sidebar" aria-label="Settings">
  <div class="sidebar__project"><span class="project-avatar" aria-hidden="true">⚙</span><div><div class="sidebar__name">Apps</div><div class="sidebar__kind">Jira settings</div></div></div>
  <div class="sidebar__heading">Apps</div>
  ${modules.map((m) => html`<a class="sidebar__item${m === module ? ' is-selected' : ''}" href="/admin?module=${encodeURIComponent(m.key)}"><span class="app-icon" aria-hidden="true">${m.title[0] ?? 'A'}</span>${m.title}</a>`)}
  ${modules.length === 0 ? html`<span class="sidebar__item muted">No app settings</span>` : ''}
</nav>
<main class="main">
  <nav class="breadcrumbs" aria-label="Breadcrumbs"><span>Settings</span><span aria-hidden="true">/</span><span>Apps</span></nav>
  <h1>${module?.title ?? 'Apps'}</h1>
  ${content}
</main>
</div>`;
  return renderPage(ctx, { title: module?.title ?? 'Apps', nav: 'admin', body, status: isAdmin ? 200 : 403 });
}

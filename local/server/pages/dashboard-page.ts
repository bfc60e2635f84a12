/**
 * `/dashboard`: the persona's own Jira dashboard with the app's `jira:dashboardGadget` modules.
 * Gadgets are added from "Add gadget", configured in their edit view (`?edit=<gadget id>`, the
 * gadget's frame with `entryPoint: 'edit'`; its `view.submit` stores the configuration, see
 * local/server/dashboards.ts) and removed; the local Jira keeps each dashboard's gadgets and their
 * configurations, so several gadgets of one module keep their own.
 */
import { dashboardGadgetExtension } from '../bridge/extension';
import type { HttpResponse } from '../http/exchange';
import { html } from './html';
import { messageBox } from './layout';
import { moduleFrame, modulesOfType } from './module-frame';
import { renderPage, type PageContext } from './page-context';

export async function dashboardPage(ctx: PageContext): Promise<HttpResponse> {
  const dashboards = ctx.host.dashboards;
  if (dashboards === undefined) {
    const body = html`<main class="main"><h1>Dashboard</h1>${messageBox('info', html`This host keeps no dashboards.`)}</main>`;
    return renderPage(ctx, { title: 'Dashboard', nav: 'dashboards', body, status: 501 });
  }
  const gadgetModules = modulesOfType(ctx.host, 'jira:dashboardGadget');
  const dashboard = dashboards.of(ctx.persona.accountId);
  const editing = ctx.url.searchParams.get('edit');
  const gadgets = await Promise.all(
    dashboard.gadgets.map(async (gadget) => {
      const module = gadgetModules.find((m) => m.key === gadget.moduleKey);
      if (module === undefined)
        return html`<section class="gadget"><p class="muted">A gadget of ${gadget.moduleKey}, which manifest.yml no longer declares.</p></section>`;
      // a gadget without a configuration opens in its edit view, as Jira shows a new gadget
      const edit = editing === gadget.id || gadget.configuration === null;
      const frame = await moduleFrame(ctx.host, module, dashboardGadgetExtension(dashboard.id, gadget, edit), {
        size: 'panel',
      });
      return html`<section class="gadget" data-testid="gadget" data-gadget-id="${gadget.id}" aria-label="${module.title} gadget ${gadget.id}">
  <header class="gadget__header"><h2 class="gadget__title">${module.title}</h2>
    ${edit ? null : html`<a class="button" href="/dashboard?edit=${encodeURIComponent(gadget.id)}" data-testid="gadget-edit">Edit</a>`}
    <form class="inline-form" method="post" action="/dashboard/remove"><input type="hidden" name="gadget" value="${gadget.id}"><button class="button" type="submit" data-testid="gadget-remove">Remove</button></form>
  </header>
  ${frame}
</section>`;
    }),
  );
  const add =
    gadgetModules.length === 0
      ? messageBox('info', html`manifest.yml declares no <code>jira:dashboardGadget</code> module.`)
      : html`<form class="inline-form" method="post" action="/dashboard/add"><label>Add gadget <select name="module">${gadgetModules.map((m) => html`<option value="${m.key}">${m.title}</option>`)}</select></label> <button class="button button--primary" type="submit" data-testid="gadget-add">Add gadget</button></form>`;
  const body = html`<main class="main main--wide">
  <nav class="breadcrumbs" aria-label="Breadcrumbs"><span>Dashboards</span></nav>
  <h1>Dashboard of ${ctx.persona.displayName}</h1>
  ${add}
  <div class="gadgets">${gadgets}</div>
  ${gadgets.length === 0 ? html`<p class="muted">No gadgets yet.</p>` : null}
</main>`;
  return renderPage(ctx, { title: 'Dashboard', nav: 'dashboards', body });
}

/**
 * The dashboard's changes (local/server/pages/dashboard-page.ts shows it):
 *
 *   POST /dashboard/add     (form: module=<jira:dashboardGadget module key>)  adds a gadget, unconfigured
 *   POST /dashboard/remove  (form: gadget=<gadget id>)                         removes one
 *
 * and, through the bridge, a gadget's edit view's `view.submit(configuration)`, which stores the
 * configuration with that gadget of that dashboard (the frame's context names both) and answers
 * true; the page then shows the gadget's view (local/server/browser/page-bridge.ts). Only the
 * dashboard's owner changes it: each persona has their own.
 */
import { z } from 'zod';
import type { FrameContext } from './bridge/extension';
import { setFlash } from './flash';
import type { PersonaAccount, ServerHost } from './host-port';
import { redirect, textResponse, withCookies, type HttpResponse } from './http/exchange';

const AddForm = z.object({ module: z.string().min(1).max(255) });
const RemoveForm = z.object({ gadget: z.string().regex(/^\d+$/) });

export function dashboardAction(
  host: ServerHost,
  persona: PersonaAccount,
  action: string,
  rawBody: string,
): HttpResponse {
  const dashboards = host.dashboards;
  if (dashboards === undefined) return textResponse(501, 'This host keeps no dashboards.');
  const dashboard = dashboards.of(persona.accountId);
  const form = Object.fromEntries(new URLSearchParams(rawBody));
  if (action === 'add') {
    const add = AddForm.safeParse(form);
    const module = add.success
      ? host.modules().find((m) => m.key === add.data.module && m.type === 'jira:dashboardGadget')
      : undefined;
    if (module === undefined)
      return textResponse(400, 'Name a dashboard gadget module of manifest.yml (module=<key>).');
    const id = dashboards.add(dashboard.id, module.key);
    return withCookies(redirect(`/dashboard?edit=${id ?? ''}`), [
      setFlash({ kind: 'success', message: `${module.title} was added to your dashboard.` }),
    ]);
  }
  if (action === 'remove') {
    const remove = RemoveForm.safeParse(form);
    if (!remove.success) return textResponse(400, 'Name the gadget to remove (gadget=<id>).');
    const removed = dashboards.remove(dashboard.id, remove.data.gadget);
    return withCookies(
      redirect('/dashboard'),
      removed ? [setFlash({ kind: 'success', message: 'The gadget was removed.' })] : [],
    );
  }
  return textResponse(404, `There is no dashboard action ${action}.`);
}

/**
 * `view.submit` from a frame: for a gadget's edit view on the caller's own dashboard, stores the
 * configuration (a JSON object) and answers true; any other view answers false, as Forge's bridge
 * does for a view that cannot be submitted (it then throws its own error).
 */
export function submitGadget(
  host: ServerHost,
  persona: PersonaAccount,
  context: Pick<FrameContext, 'extension'>,
  payload: unknown,
): boolean {
  const extension = context.extension;
  if (extension.type !== 'jira:dashboardGadget' || extension.entryPoint !== 'edit') return false;
  const dashboards = host.dashboards;
  if (dashboards === undefined) return false;
  const configuration = z.record(z.string(), z.unknown()).safeParse(payload);
  if (!configuration.success) return false;
  const dashboard = dashboards.of(persona.accountId);
  if (dashboard.id !== extension.dashboard.id) return false;
  return dashboards.configure(dashboard.id, extension.gadget.id, configuration.data);
}

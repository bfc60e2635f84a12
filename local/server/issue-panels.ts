/**
 * Issue panels as Jira shows them (strict mode): a `jira:issuePanel` appears on an issue only once a
 * user adds it from the issue view's apps button ("Jira issue panel" module page: the panel is added
 * "when a configured button is clicked"); Jira remembers it with the issue, for everyone, and gives
 * the panel `isNewToIssue: true` in its extension context the first time it shows after being
 * added. `jira:issueContext` modules show on every issue.
 *
 *   POST /browse/{KEY}/add-panel  (form: module=<panel module key>)
 *
 * adds the panel through the host's `issuePanels` port and goes back to the issue with a one-time
 * cookie, so the next view of that issue renders the panel with `isNewToIssue: true`.
 */
import { z } from 'zod';
import { setFlash } from './flash';
import type { ServerHost } from './host-port';
import { parseCookies, redirect, textResponse, withCookies, type HttpResponse } from './http/exchange';
import type { PersonaJira } from './jira-client';

export const NEW_PANEL_COOKIE = 'tether-new-panel';
export const CLEAR_NEW_PANEL = `${NEW_PANEL_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax; HttpOnly`;

export interface NewPanel {
  issueId: string;
  moduleKey: string;
}

/** Whether the issue view hides issue panels until they are added (strict mode). */
export function panelsNeedAdding(host: ServerHost): boolean {
  return host.forge === 'strict';
}

function newPanelCookie(panel: NewPanel): string {
  return `${NEW_PANEL_COOKIE}=${encodeURIComponent(JSON.stringify(panel))}; Path=/; Max-Age=60; SameSite=Lax; HttpOnly`;
}

/** The panel just added, if the request carries the one-time cookie (a broken one is ignored). */
export function readNewPanel(cookieHeader: string | undefined): NewPanel | null {
  const value = parseCookies(cookieHeader).get(NEW_PANEL_COOKIE);
  if (value === undefined || value === '') return null;
  try {
    const parsed = z.object({ issueId: z.string(), moduleKey: z.string() }).safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const AddForm = z.object({ module: z.string().min(1).max(255) });

export async function addPanel(
  host: ServerHost,
  jira: PersonaJira,
  key: string,
  rawBody: string,
): Promise<HttpResponse> {
  const form = AddForm.safeParse(Object.fromEntries(new URLSearchParams(rawBody)));
  const module = form.success
    ? host.modules().find((m) => m.key === form.data.module && m.type === 'jira:issuePanel')
    : undefined;
  if (module === undefined) return textResponse(400, 'Name an issue panel module of manifest.yml (module=<key>).');
  if (host.issuePanels === undefined) return textResponse(501, 'This host keeps no issue panels.');
  const issue = await jira.issue(key);
  const back = `/browse/${encodeURIComponent(issue?.key ?? key)}`;
  if (issue === null)
    return withCookies(redirect(back), [
      setFlash({ kind: 'error', message: `${key} does not exist, or you may not see it.` }),
    ]);
  const added = host.issuePanels.add(issue.id, module.key);
  return withCookies(
    redirect(back),
    added
      ? [
          newPanelCookie({ issueId: issue.id, moduleKey: module.key }),
          setFlash({ kind: 'success', message: `${module.title} was added to ${issue.key}.` }),
        ]
      : [],
  );
}

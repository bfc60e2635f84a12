/**
 * `/notifications`: what the local Jira would have emailed — every notification the app asked for
 * with POST /rest/api/3/issue/{issueIdOrKey}/notify and Jira accepted (local/jira/notifications.ts),
 * newest first, with the recipients, subject, text and the issue's link. `?format=json` (or
 * `/notifications.json`) answers the same list as JSON, oldest first, for tests and scripts.
 * Anyone may look: it is the local host's mail log, not a Jira page.
 */
import { jsonResponse, type HttpResponse } from '../http/exchange';
import { html } from './html';
import { messageBox } from './layout';
import { renderPage, type PageContext } from './page-context';

const at = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export async function notificationsPage(ctx: PageContext, asJson: boolean): Promise<HttpResponse> {
  const sent = ctx.host.notifications?.list() ?? [];
  if (asJson || ctx.url.searchParams.get('format') === 'json') return jsonResponse(200, { notifications: sent });
  const items = [...sent].reverse();
  const body = html`<main class="main">
  <h1>Notifications</h1>
  <p>What this Jira would have emailed: the notifications apps asked for on an issue (<code>POST /rest/api/3/issue/{issueIdOrKey}/notify</code>), newest first. <a href="/notifications?format=json">As JSON</a>.</p>
  ${
    items.length === 0
      ? messageBox('info', html`No notification has been sent yet.`)
      : html`<ol class="notifications" reversed>
    ${items.map(
      (n) => html`<li class="notification">
      <h2>${n.subject}</h2>
      <p><strong>To</strong> ${n.to.map((r) => `${r.displayName} <${r.emailAddress}>`).join(', ')} · <strong>About</strong> <a href="${n.issueUrl}">${n.issueKey}</a> · <time datetime="${new Date(n.at).toISOString()}">${at(n.at)}</time></p>
      <pre class="notification__text">${n.textBody}</pre>
    </li>`,
    )}
  </ol>`
  }
</main>`;
  return renderPage(ctx, { title: 'Notifications', nav: 'home', body });
}

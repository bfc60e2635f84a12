/** `/`: the projects, issues and app surfaces the persona can see. */
import type { HttpResponse } from '../http/exchange';
import { buildCommandOf, hasBuild } from '../resources';
import { surfaceLinks, visibleProjects } from '../surfaces';
import { statusLozenge, typeIcon, projectAvatar } from './components';
import { html } from './html';
import { renderPage, type PageContext } from './page-context';

export async function indexPage(ctx: PageContext): Promise<HttpResponse> {
  const { host, jira } = ctx;
  const projects = await visibleProjects(jira, host);
  const surfaces = await surfaceLinks(host, jira, projects);
  const issuesByProject = await Promise.all(
    projects.map(async (p) => ({
      project: p,
      issues: await jira.search(`project = "${p.key}" ORDER BY key ASC`, 200),
    })),
  );
  const buildState = await Promise.all(
    surfaces.map(async ({ module }) => {
      const resource = host.resources().find((r) => r.key === module.resource);
      if (!resource) return html`<span class="lozenge lozenge--missing">no resource</span>`;
      return (await hasBuild(resource))
        ? html`<span class="lozenge lozenge--done">built</span>`
        : html`<span class="lozenge lozenge--missing">no build</span> <code>${buildCommandOf(resource)}</code>`;
    }),
  );

  const body = html`<div class="layout layout--full"><main class="main">
  <h1>Your work</h1>
  <h2 id="projects">Projects</h2>
  ${projects.length === 0 ? html`<p class="muted">${ctx.persona.displayName} cannot see any project.</p>` : ''}
  <div class="cards">
  ${projects.map(
    (p) =>
      html`<a class="card" href="/projects/${encodeURIComponent(p.key)}" data-testid="project-card">${projectAvatar(p.name)}<span><span class="card__title">${p.name}</span><br><span class="card__meta">${p.key} · Software project${p.lead ? html` · lead ${p.lead.displayName}` : ''}</span></span></a>`,
  )}
  </div>

  <h2 id="surfaces">App surfaces</h2>
  ${surfaces.length === 0 ? html`<p class="muted">manifest.yml declares no Custom UI module yet.</p>` : ''}
  <table class="table" ${surfaces.length === 0 ? 'hidden' : ''}>
    <thead><tr><th>Module</th><th>Type</th><th>Open</th><th>Custom UI</th></tr></thead>
    <tbody>
    ${surfaces.map(
      (
        { module, links },
        i,
      ) => html`<tr data-testid="surface" data-module-key="${module.key}"><td><span class="app-icon" aria-hidden="true">${module.title[0] ?? 'A'}</span> ${module.title}</td><td><code>${module.type}</code></td>
      <td>${links.length === 0 ? html`<span class="muted">not shown locally</span>` : links.map((l, j) => html`${j > 0 ? ', ' : ''}<a href="${l.path}">${l.label}</a>`)}</td><td>${buildState[i]}</td></tr>`,
    )}
    </tbody>
  </table>

  <p><a href="/notifications">Notifications</a>: what this Jira would have emailed (the prompt emails the app asks Jira to send).</p>

  <h2 id="issues">Issues</h2>
  ${issuesByProject.map(
    ({ project, issues }) => html`<h3 id="issues-${project.key}">${project.name} (${project.key})</h3>
    <table class="table"><thead><tr><th style="width:32px">Type</th><th style="width:96px">Key</th><th>Summary</th><th style="width:140px">Status</th></tr></thead><tbody>
    ${issues.length === 0 ? html`<tr><td colspan="4" class="muted">No issues.</td></tr>` : ''}
    ${issues.map((i) => html`<tr data-testid="issue-row"><td>${typeIcon(i.fields.issuetype.name)}</td><td><a href="/browse/${encodeURIComponent(i.key)}">${i.key}</a></td><td>${i.fields.summary}</td><td>${statusLozenge(i.fields.status)}</td></tr>`)}
    </tbody></table>`,
  )}
</main></div>`;
  return renderPage(ctx, { title: 'Your work', nav: 'home', body });
}

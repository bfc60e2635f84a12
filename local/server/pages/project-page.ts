/** `/projects/{KEY}`: the project's sidebar and the app's project page module (`?module=` picks one). */
import { projectPageExtension } from '../bridge/extension';
import type { HttpResponse } from '../http/exchange';
import { projectAvatar } from './components';
import { html } from './html';
import { messageBox } from './layout';
import { moduleFrame, modulesOfType } from './module-frame';
import { notFoundPage } from './not-found';
import { renderPage, type PageContext } from './page-context';

export async function projectPage(ctx: PageContext, projectKey: string): Promise<HttpResponse> {
  const project = await ctx.jira.project(projectKey);
  if (!project) {
    return notFoundPage(
      ctx,
      'Project not found',
      `The project ${projectKey} does not exist, or ${ctx.persona.displayName} does not have permission to view it.`,
    );
  }
  const modules = modulesOfType(ctx.host, 'jira:projectPage');
  const asked = ctx.url.searchParams.get('module');
  const module = modules.find((m) => m.key === asked) ?? modules[0];
  const content =
    module === undefined
      ? messageBox(
          'info',
          html`manifest.yml declares no <code>jira:projectPage</code> module, so the app adds nothing to this project yet.`,
        )
      : await moduleFrame(ctx.host, module, projectPageExtension(project), { size: 'page' });
  const body = html`<div class="layout">
<nav class="sidebar" aria-label="Project">
  <div class="sidebar__project">${projectAvatar(project.name)}<div><div class="sidebar__name">${project.name}</div><div class="sidebar__kind">Software project</div></div></div>
  <div class="sidebar__heading">Planning</div>
  <a class="sidebar__item" href="/#issues-${project.key}">Issues</a>
  <div class="sidebar__heading">Apps</div>
  ${modules.map((m) => html`<a class="sidebar__item${m === module ? ' is-selected' : ''}" href="/projects/${encodeURIComponent(project.key)}?module=${encodeURIComponent(m.key)}"><span class="app-icon" aria-hidden="true">${m.title[0] ?? 'A'}</span>${m.title}</a>`)}
  ${modules.length === 0 ? html`<span class="sidebar__item muted">No app pages</span>` : ''}
</nav>
<main class="main">
  <nav class="breadcrumbs" aria-label="Breadcrumbs"><a href="/#projects">Projects</a><span aria-hidden="true">/</span><a href="/projects/${encodeURIComponent(project.key)}">${project.name}</a></nav>
  <h1>${module?.title ?? project.name}</h1>
  ${content}
</main>
</div>`;
  return renderPage(ctx, { title: `${module?.title ?? 'Project'} - ${project.name}`, nav: 'projects', body });
}

/**
 * `/browse/{KEY}`: the issue view. On the left what the local Jira says about the issue, with
 * controls that change it through the REST API as the persona (so the app's triggers fire); on
 * the right the app's issue panel(s) and issue context(s).
 *
 * Strict mode shows an issue panel only once a user added it from the apps button (issue-panels.ts),
 * with `isNewToIssue: true` the first time; lenient shows every panel on every issue. Issue
 * contexts (`jira:issueContext`) show on every issue, collapsible, in both modes.
 */
import { issueContextExtension, issuePanelExtension } from '../bridge/extension';
import type { UiModule } from '../host-port';
import { panelsNeedAdding } from '../issue-panels';
import { redirect, type HttpResponse } from '../http/exchange';
import { adfText, STORY_POINTS_FIELD, type IssueJson, type SearchIssueJson } from '../jira-client';
import { jiraDate, statusLozenge, typeIcon } from './components';
import { html, type SafeHtml } from './html';
import { avatar, messageBox } from './layout';
import { moduleFrame, modulesOfType } from './module-frame';
import { notFoundPage } from './not-found';
import { renderPage, type PageContext } from './page-context';

function person(ctx: PageContext, user: { accountId: string; displayName: string } | null | undefined): SafeHtml {
  if (!user) return html`<span class="issue__empty">Unassigned</span>`;
  const persona = ctx.host.personas().find((p) => p.accountId === user.accountId)?.persona ?? null;
  return html`<span class="person">${avatar(persona, user.displayName)}${user.displayName}</span>`;
}

/** Issues that may be this issue's parent: epics for standard issues, standard issues for sub-tasks. */
async function parentCandidates(ctx: PageContext, issue: IssueJson): Promise<SearchIssueJson[]> {
  const level = issue.fields.issuetype.hierarchyLevel;
  if (level >= 1) return [];
  const project = `project = "${issue.fields.project.key}"`;
  const jql =
    level === 0
      ? `${project} AND issuetype = Epic ORDER BY key ASC`
      : `${project} AND issuetype in standardIssueTypes() AND issuetype != Epic ORDER BY key ASC`;
  return (await ctx.jira.search(jql, 200)).filter((c) => c.key !== issue.key);
}

export async function issuePage(ctx: PageContext, issueKey: string): Promise<HttpResponse> {
  const issue = await ctx.jira.issue(issueKey);
  if (!issue) {
    return notFoundPage(
      ctx,
      "This issue can't be found",
      `The issue ${issueKey} does not exist, or ${ctx.persona.displayName} does not have permission to see it.`,
    );
  }
  const key = issue.key;
  // an issue moved to another project is found by its old key; the view moves to the new one, as Jira's does
  if (key.toUpperCase() !== issueKey.toUpperCase())
    return redirect(`/browse/${encodeURIComponent(key)}${ctx.url.search}`);
  const f = issue.fields;
  const projectKey = f.project.key;
  const [transitions, children, candidates, canEdit, canDelete] = await Promise.all([
    ctx.jira.transitions(key),
    ctx.jira.search(`parent = "${key}" ORDER BY key ASC`, 200),
    parentCandidates(ctx, issue),
    ctx.jira.hasPermission('EDIT_ISSUES', projectKey),
    ctx.jira.hasPermission('DELETE_ISSUES', projectKey),
  ]);
  const action = (what: string) => `/browse/${encodeURIComponent(key)}/${what}`;
  const points = f[STORY_POINTS_FIELD];
  const description = f.description ? adfText(f.description).trim() : '';

  const statusControl =
    transitions.length === 0
      ? statusLozenge(f.status)
      : html`<form class="inline-form status-form" method="post" action="${action('transition')}">
  <label class="muted" for="transition">Status</label>
  <select class="select" id="transition" name="transition" data-testid="transition-select">
    ${transitions.map((t) => html`<option value="${t.id}"${t.to.id === f.status.id ? ' selected' : ''}>${t.to.name}</option>`)}
  </select>
  <button class="button button--primary" type="submit" data-testid="transition-submit">Move</button>
</form>`;

  const pointsControl = canEdit
    ? html`<form class="inline-form" method="post" action="${action('story-points')}">
  <input class="input" style="width:88px" type="number" step="any" name="points" value="${points ?? ''}" aria-label="Story point estimate" data-testid="points-input">
  <button class="button" type="submit" data-testid="points-submit">Save</button></form>`
    : html`${points ?? html`<span class="issue__empty">None</span>`}`;

  const parentControl =
    canEdit && f.issuetype.hierarchyLevel < 1
      ? html`<form class="inline-form" method="post" action="${action('parent')}">
  <input class="input" style="width:140px" name="parent" value="${f.parent?.key ?? ''}" list="parent-candidates" placeholder="None" aria-label="Parent" data-testid="parent-input">
  <datalist id="parent-candidates">${candidates.map((c) => html`<option value="${c.key}">${c.key} ${c.fields.summary}</option>`)}</datalist>
  <button class="button" type="submit" data-testid="parent-submit">Save</button></form>`
      : f.parent
        ? html`<a href="/browse/${encodeURIComponent(f.parent.key)}">${f.parent.key}</a> ${f.parent.fields?.summary ?? ''}`
        : html`<span class="issue__empty">None</span>`;

  const panels = modulesOfType(ctx.host, 'jira:issuePanel');
  const added = ctx.host.issuePanels?.added(issue.id) ?? [];
  const strict = panelsNeedAdding(ctx.host);
  const shown = strict ? panels.filter((m) => added.includes(m.key)) : panels;
  const addable = strict ? panels.filter((m) => !added.includes(m.key)) : [];
  const isNew = (m: UiModule) => strict && ctx.newPanel?.issueId === issue.id && ctx.newPanel.moduleKey === m.key;
  const panelSection = async (
    m: UiModule,
  ) => html`<section class="panel" data-testid="issue-panel" data-module-key="${m.key}">
  <div class="panel__header"><span class="app-icon" aria-hidden="true">${m.title[0] ?? 'A'}</span>${m.title}</div>
  <div class="panel__body">${await moduleFrame(ctx.host, m, issuePanelExtension(issue, isNew(m)), { size: 'panel' })}</div>
</section>`;
  const contexts = modulesOfType(ctx.host, 'jira:issueContext');
  const contextSection = async (
    m: UiModule,
  ) => html`<details class="panel" open data-testid="issue-context" data-module-key="${m.key}">
  <summary class="panel__header"><span class="app-icon" aria-hidden="true">${m.title[0] ?? 'A'}</span>${m.title}</summary>
  <div class="panel__body">${await moduleFrame(ctx.host, m, issueContextExtension(issue), { size: 'panel' })}</div>
</details>`;
  const panelHtml =
    panels.length === 0 && contexts.length === 0
      ? messageBox('info', html`manifest.yml declares no <code>jira:issuePanel</code> module.`)
      : [...(await Promise.all(shown.map(panelSection))), ...(await Promise.all(contexts.map(contextSection)))];
  // Jira's apps button beside the summary: each panel not yet on this issue, to add
  const appsButton =
    addable.length === 0
      ? ''
      : html`<div class="issue__apps-button" role="group" aria-label="Apps" data-testid="apps-button">${addable.map(
          (m) =>
            html`<form class="inline-form" method="post" action="${action('add-panel')}"><input type="hidden" name="module" value="${m.key}"><button class="button" type="submit" data-testid="add-panel" data-module-key="${m.key}"><span class="app-icon" aria-hidden="true">${m.title[0] ?? 'A'}</span>${m.title}</button></form>`,
        )}</div>`;

  const body = html`<div class="layout layout--full"><main class="main">
<nav class="breadcrumbs" aria-label="Breadcrumbs"><a href="/#projects">Projects</a><span aria-hidden="true">/</span><a href="/projects/${encodeURIComponent(projectKey)}">${f.project.name}</a>${f.parent ? html`<span aria-hidden="true">/</span><a href="/browse/${encodeURIComponent(f.parent.key)}">${f.parent.key}</a>` : ''}<span aria-hidden="true">/</span><a class="issue__key" href="/browse/${encodeURIComponent(key)}" data-testid="issue-key">${typeIcon(f.issuetype.name)}${key}</a></nav>
<div class="issue">
  <div class="issue__main">
    <h1 data-testid="issue-summary">${f.summary}</h1>
    ${appsButton}
    <div class="issue__actions">${statusControl} ${transitions.length > 0 ? statusLozenge(f.status) : ''}</div>
    <h2>Description</h2>
    ${description === '' ? html`<p class="issue__empty">Add a description…</p>` : html`<p class="issue__description">${description}</p>`}
    <h2>Child issues</h2>
    ${
      children.length === 0
        ? html`<p class="issue__empty">No child issues.</p>`
        : html`<table class="table"><tbody>${children.map((c) => html`<tr><td style="width:24px">${typeIcon(c.fields.issuetype.name)}</td><td style="width:80px"><a href="/browse/${encodeURIComponent(c.key)}">${c.key}</a></td><td>${c.fields.summary}</td><td style="width:120px">${statusLozenge(c.fields.status)}</td></tr>`)}</tbody></table>`
    }
    <section class="details">
      <div class="details__header">Details</div>
      <dl class="details__list">
        <dt>Assignee</dt><dd>${person(ctx, f.assignee)}</dd>
        <dt>Reporter</dt><dd>${person(ctx, f.reporter)}</dd>
        <dt>Priority</dt><dd>${f.priority?.name ?? html`<span class="issue__empty">None</span>`}</dd>
        <dt>Labels</dt><dd>${f.labels.length === 0 ? html`<span class="issue__empty">None</span>` : f.labels.map((l) => html`<span class="label">${l}</span>`)}</dd>
        <dt>Story point estimate</dt><dd data-testid="story-points">${pointsControl}</dd>
        <dt>Parent</dt><dd data-testid="parent">${parentControl}</dd>
        <dt>Resolution</dt><dd>${f.resolution?.name ?? html`<span class="issue__empty">Unresolved</span>`}</dd>
        <dt>Created</dt><dd>${jiraDate(f.created)}</dd>
        <dt>Updated</dt><dd>${jiraDate(f.updated)}</dd>
      </dl>
    </section>
    <div class="danger-zone">
      ${
        canDelete
          ? html`<form class="inline-form" method="post" action="${action('delete')}" data-confirm="Delete ${key}${children.length > 0 ? ' and its sub-tasks' : ''}? This cannot be undone.">
        ${children.some((c) => c.fields.issuetype.hierarchyLevel < 0) ? html`<input type="hidden" name="deleteSubtasks" value="true">` : ''}
        <button class="button button--danger" type="submit" data-testid="delete-issue">Delete issue</button></form>`
          : html`<p class="muted" data-testid="delete-not-allowed">${ctx.persona.displayName} may not delete issues in ${projectKey}.</p>`
      }
    </div>
  </div>
  <aside class="issue__apps" aria-label="Apps">${panelHtml}</aside>
</div>
</main></div>`;
  return renderPage(ctx, { title: `[${key}] ${f.summary}`, nav: 'projects', body });
}

/**
 * Where each app surface can be seen: a project page per project, the issue panel on an issue,
 * the admin page, the global page, the dashboard's gadgets. Used by the index page and printed when the server starts.
 */
import type { ServerHost, UiModule } from './host-port';
import { PersonaJira, type ProjectJson } from './jira-client';

export interface SurfaceLink {
  module: UiModule;
  /** Path on the server, e.g. `/projects/WEB`, or null when there is nothing to show it on. */
  links: Array<{ label: string; path: string }>;
}

export async function visibleProjects(jira: PersonaJira, host: ServerHost): Promise<ProjectJson[]> {
  const out: ProjectJson[] = [];
  for (const key of host.jira.projectKeys()) {
    const project = await jira.project(key);
    if (project) out.push(project);
  }
  return out;
}

export async function surfaceLinks(
  host: ServerHost,
  jira: PersonaJira,
  projects: readonly ProjectJson[],
): Promise<SurfaceLink[]> {
  let firstIssue: string | undefined;
  for (const project of projects) {
    const [issue] = await jira.search(`project = "${project.key}" ORDER BY key ASC`, 1);
    if (issue) {
      firstIssue = issue.key;
      break;
    }
  }
  return host.modules().map((module) => {
    switch (module.type) {
      case 'jira:projectPage':
        return {
          module,
          links: projects.map((p) => ({
            label: p.key,
            path: `/projects/${encodeURIComponent(p.key)}?module=${encodeURIComponent(module.key)}`,
          })),
        };
      case 'jira:issuePanel':
      case 'jira:issueContext':
        return {
          module,
          links:
            firstIssue === undefined ? [] : [{ label: firstIssue, path: `/browse/${encodeURIComponent(firstIssue)}` }],
        };
      case 'jira:globalPage':
        return { module, links: [{ label: 'Apps menu', path: '/apps/objectives' }] };
      case 'jira:dashboardGadget':
        return { module, links: [{ label: 'Dashboard', path: '/dashboard' }] };
      case 'jira:adminPage':
        return { module, links: [{ label: 'Apps settings', path: `/admin?module=${encodeURIComponent(module.key)}` }] };
      default:
        return { module, links: [] };
    }
  });
}

/** The lines printed when the server starts. */
export async function startupLines(host: ServerHost, url: string): Promise<string[]> {
  const admin = host.personas().find((p) => p.persona === 'admin') ?? host.personas()[0];
  const lines = [`Tether local Jira: ${url}/`];
  if (!admin) return lines;
  const jira = new PersonaJira(host, admin.accountId);
  const links = await surfaceLinks(host, jira, await visibleProjects(jira, host));
  for (const { module, links: where } of links) {
    if (where.length === 0) lines.push(`  ${module.title} (${module.type}): not shown locally`);
    for (const l of where) lines.push(`  ${module.title} (${module.type}, ${l.label}): ${url}${l.path}`);
  }
  lines.push(
    `  Jira REST API: ${url}/rest/api/3/myself?as=member (personas: ${host
      .personas()
      .map((p) => p.persona)
      .join(', ')})`,
  );
  return lines;
}

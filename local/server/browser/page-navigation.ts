/**
 * router.navigate/open/getUrl: where a NavigationLocation leads in the local Jira. URLs are
 * resolved against the page (so `/browse/WEB-1` stays local); targets the local Jira has no page
 * for are refused by name.
 */
import type { NavigationPayload, PageData } from './messages';

export class NavigationError extends Error {}

function projectOf(location: NavigationPayload, frameProjectKey: string | undefined): string {
  const key = location.projectKey ?? frameProjectKey;
  if (key === undefined) throw new NavigationError(`Navigation to '${location.target ?? ''}' needs a projectKey.`);
  return key;
}

export function urlFor(location: NavigationPayload, page: PageData, frameProjectKey: string | undefined): string {
  if (location.url !== undefined) return new URL(location.url, window.location.href).href;
  const here = window.location.origin;
  switch (location.target) {
    case 'issue':
      if (location.issueKey === undefined) throw new NavigationError("Navigation to 'issue' needs an issueKey.");
      return `${here}/browse/${encodeURIComponent(location.issueKey)}`;
    case 'projectSettingsDetails':
      return `${here}/projects/${encodeURIComponent(projectOf(location, frameProjectKey))}`;
    case 'module': {
      const module = page.modules.find((m) => m.key === location.moduleKey);
      if (!module) throw new NavigationError(`The app has no module '${location.moduleKey ?? ''}' to navigate to.`);
      const path = location.path === undefined ? '' : `&path=${encodeURIComponent(location.path)}`;
      if (module.type === 'jira:projectPage')
        return `${here}/projects/${encodeURIComponent(projectOf(location, frameProjectKey))}?module=${encodeURIComponent(module.key)}${path}`;
      if (module.type === 'jira:adminPage') return `${here}/admin?module=${encodeURIComponent(module.key)}${path}`;
      throw new NavigationError(`A ${module.type} module has no page of its own to navigate to.`);
    }
    default:
      throw new NavigationError(
        `The local Jira has no page for the navigation target '${location.target ?? '(none)'}'.`,
      );
  }
}

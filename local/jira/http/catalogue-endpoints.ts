/** GET /rest/api/3/project/{projectIdOrKey} and GET /rest/api/3/field. */
import { JiraError } from '../jira-error';
import { FIELDS } from '../fields';
import { canBrowse } from '../permissions';
import { renderIssueType, renderProjectRef, renderUser } from '../render';
import { json, type JiraResponse, type RouteContext } from './respond';

export function getProject(ctx: RouteContext): JiraResponse {
  const { jira, actor } = ctx;
  const ref = ctx.params.project ?? '';
  // keys are case sensitive here, as the spec says
  const project = jira.store.projects().find((p) => p.id === ref || p.key === ref);
  if (!project || !canBrowse(actor, project))
    throw new JiraError(404, [`No project could be found with key '${ref}'.`]);
  const lead = jira.store.user(project.leadAccountId);
  const ref0 = renderProjectRef(jira.site, project);
  return json(200, {
    expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
    self: ref0.self,
    id: project.id,
    key: project.key,
    description: project.description,
    ...(lead ? { lead: renderUser(jira.site, lead) } : {}),
    components: [],
    issueTypes: jira.store.issueTypes().map((t) => renderIssueType(jira.site, t)),
    assigneeType: 'UNASSIGNED',
    versions: [],
    name: project.name,
    roles: {},
    avatarUrls: ref0.avatarUrls,
    projectTypeKey: ref0.projectTypeKey,
    simplified: ref0.simplified,
    style: 'classic',
    isPrivate: false,
    properties: {},
  });
}

export function listFields(): JiraResponse {
  return json(200, FIELDS);
}

/**
 * `context.extension` as Forge gives it to each Jira surface: the module type plus the project
 * (project page, issue panel, issue context) and the issue (issue panel, issue context); an issue
 * panel also says whether the user just added it (`isNewToIssue`). The page computes it from the
 * local Jira; the bridge endpoint parses it back with zod.
 */
import { z } from 'zod';
import type { IssueJson, ProjectJson } from '../jira-client';

const ProjectRef = z.object({ id: z.string(), key: z.string(), type: z.string() });

export const ProjectPageExtension = z.object({ type: z.literal('jira:projectPage'), project: ProjectRef });
export const IssuePanelExtension = z.object({
  type: z.literal('jira:issuePanel'),
  issue: z.object({ id: z.string(), key: z.string(), type: z.string(), typeId: z.string() }),
  project: ProjectRef,
  isNewToIssue: z.boolean(),
});
export const IssueContextExtension = z.object({
  type: z.literal('jira:issueContext'),
  issue: z.object({ id: z.string(), key: z.string(), type: z.string(), typeId: z.string() }),
  project: ProjectRef,
});
export const AdminPageExtension = z.object({ type: z.literal('jira:adminPage') });
export const GlobalPageExtension = z.object({ type: z.literal('jira:globalPage') });
/**
 * A dashboard gadget: its dashboard and its own id, the configuration its edit view last submitted
 * (`{}` before any), and `entryPoint: 'edit'` in the edit view (docs/dashboard-gadget.md).
 */
export const DashboardGadgetExtension = z.object({
  type: z.literal('jira:dashboardGadget'),
  dashboard: z.object({ id: z.string().min(1) }),
  gadget: z.object({ id: z.string().min(1) }),
  gadgetConfiguration: z.record(z.string(), z.unknown()),
  entryPoint: z.literal('edit').optional(),
});

export const Extension = z.discriminatedUnion('type', [
  ProjectPageExtension,
  IssuePanelExtension,
  IssueContextExtension,
  AdminPageExtension,
  GlobalPageExtension,
  DashboardGadgetExtension,
]);
export type Extension = z.infer<typeof Extension>;

export function projectPageExtension(project: ProjectJson): Extension {
  return { type: 'jira:projectPage', project: { id: project.id, key: project.key, type: project.projectTypeKey } };
}

/** An issue panel's context; `isNewToIssue` the first time it shows after the user added it. */
export function issuePanelExtension(issue: IssueJson, isNewToIssue = false): Extension {
  const project = issue.fields.project;
  return {
    type: 'jira:issuePanel',
    issue: { id: issue.id, key: issue.key, type: issue.fields.issuetype.name, typeId: issue.fields.issuetype.id },
    project: { id: project.id, key: project.key, type: project.projectTypeKey },
    isNewToIssue,
  };
}

export function issueContextExtension(issue: IssueJson): Extension {
  const project = issue.fields.project;
  return {
    type: 'jira:issueContext',
    issue: { id: issue.id, key: issue.key, type: issue.fields.issuetype.name, typeId: issue.fields.issuetype.id },
    project: { id: project.id, key: project.key, type: project.projectTypeKey },
  };
}

export function adminPageExtension(): Extension {
  return { type: 'jira:adminPage' };
}

export function globalPageExtension(): Extension {
  return { type: 'jira:globalPage' };
}

/** A gadget's context, in its view or (`editing`) its edit view. */
export function dashboardGadgetExtension(
  dashboardId: string,
  gadget: { id: string; configuration: Record<string, unknown> | null },
  editing: boolean,
): Extension {
  return {
    type: 'jira:dashboardGadget',
    dashboard: { id: dashboardId },
    gadget: { id: gadget.id },
    gadgetConfiguration: gadget.configuration ?? {},
    ...(editing ? { entryPoint: 'edit' as const } : {}),
  };
}

/** Forge's `localId` of a non-macro module: the extension's id. */
export function localIdOf(appId: string, environmentId: string, moduleKey: string): string {
  const uuid = appId.replace(/^ari:cloud:ecosystem::app\//, '');
  return `ari:cloud:ecosystem::extension/${uuid}/${environmentId}/static/${moduleKey}`;
}

/** What the parent page knows about one Custom UI frame and sends with each bridge call. */
export const FrameContext = z.object({
  moduleKey: z.string().min(1).max(255),
  localId: z.string().min(1).max(1000),
  extension: Extension,
});
export type FrameContext = z.infer<typeof FrameContext>;

/**
 * Moving issues to another project: POST /rest/api/3/bulk/issues/move (Jira Cloud's bulk move API,
 * "Bulk operations" in the v3 OpenAPI spec) and GET /rest/api/3/bulk/queue/{taskId} for its
 * progress. The body maps `"<project id or key>,<issue type id>[,<parent id or key>]"` to the
 * issues to move there (`issueIdsOrKeys`, up to 1,000 in all with their sub-tasks). Jira runs the
 * move as a task; here the task is done when the request answers (status COMPLETE).
 *
 * Needs *Make bulk changes* (every user has it here, as Jira's default), *Move issues* in each
 * source project (project administrators, site admins, the app) and *Create issues* in the target;
 * an issue the actor may not move is listed in `failedAccessibleIssues` and left where it is.
 */
import { z } from 'zod';
import { moveIssue } from '../issue-changes';
import { JiraError } from '../jira-error';
import type { BulkOperationProgress } from '../local-jira';
import type { StoredIssue } from '../model';
import { actorAccountId, canBrowse, hasGlobalPermission, hasProjectPermission } from '../permissions';
import { json, type JiraResponse, type RouteContext } from './respond';

export const MAX_BULK_MOVE_ISSUES = 1000;

const TargetMapping = z.looseObject({
  issueIdsOrKeys: z.array(z.union([z.string().min(1), z.number().int().transform(String)])).min(1),
  inferClassificationDefaults: z.boolean().optional(),
  inferFieldDefaults: z.boolean().optional(),
  inferStatusDefaults: z.boolean().optional(),
  inferSubtaskTypeDefault: z.boolean().optional(),
});

const MoveBody = z.object({
  sendBulkNotification: z.boolean().nullish(),
  targetToSourcesMapping: z.record(z.string(), TargetMapping),
});

/** Jira's BulkOperationErrorResponse. */
function bulkError(status: number, messages: string[]): JiraResponse {
  return json(status, { errors: messages.map((message) => ({ message })) });
}

export function bulkMove(ctx: RouteContext): JiraResponse {
  const { jira, actor } = ctx;
  const { store } = jira;
  const parsed = MoveBody.safeParse(ctx.body ?? {});
  if (!parsed.success)
    return bulkError(
      400,
      parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`),
    );
  if (!hasGlobalPermission(actor, 'BULK_CHANGE'))
    return bulkError(403, ['You do not have the global permission to make bulk changes.']);

  const plans: Array<{ issue: StoredIssue; projectId: string; issueTypeId: string; parentId?: string }> = [];
  const problems: string[] = [];
  for (const [target, mapping] of Object.entries(parsed.data.targetToSourcesMapping)) {
    const [projectRef = '', typeId = '', parentRef] = target.split(',').map((part) => part.trim());
    const project = store.project(projectRef);
    if (!project || !canBrowse(actor, project) || !hasProjectPermission(actor, project, 'CREATE_ISSUES')) {
      problems.push(`The target project ${projectRef} does not exist or you may not create issues in it.`);
      continue;
    }
    const issueType = store.issueType(typeId);
    if (!issueType) {
      problems.push(`The target issue type ${typeId} does not exist.`);
      continue;
    }
    const parent = parentRef === undefined || parentRef === '' ? undefined : store.issue(parentRef);
    if (parentRef !== undefined && parentRef !== '' && parent === undefined) {
      problems.push(`The target parent ${parentRef} does not exist.`);
      continue;
    }
    if (issueType.hierarchyLevel < 0 && parent === undefined) {
      problems.push(`Moving to the sub-task type ${issueType.name} needs a target parent.`);
      continue;
    }
    for (const ref of mapping.issueIdsOrKeys) {
      const issue = store.issue(ref);
      const from = issue === undefined ? undefined : store.projectById(issue.projectId);
      if (issue === undefined || from === undefined || !canBrowse(actor, from)) {
        problems.push('Some of the issues in the issueIdsOrKeys are not valid');
        continue;
      }
      plans.push({
        issue,
        projectId: project.id,
        issueTypeId: issueType.id,
        ...(parent === undefined ? {} : { parentId: parent.id }),
      });
    }
  }
  if (problems.length > 0) return bulkError(400, [...new Set(problems)]);
  const total = plans.reduce(
    (n, p) =>
      n +
      1 +
      store.children(p.issue.id).filter((c) => (store.issueType(c.issueTypeId)?.hierarchyLevel ?? 0) < 0).length,
    0,
  );
  if (total > MAX_BULK_MOVE_ISSUES)
    return bulkError(400, [`You can't move more than ${MAX_BULK_MOVE_ISSUES} issues (including sub-tasks) at once.`]);

  const started = new Date(jira.now()).toISOString();
  const processed: number[] = [];
  const failed: Record<string, string[]> = {};
  for (const plan of plans) {
    const from = store.projectById(plan.issue.projectId);
    const project = store.projectById(plan.projectId);
    if (from === undefined || project === undefined) continue;
    if (!hasProjectPermission(actor, from, 'MOVE_ISSUES')) {
      failed[plan.issue.id] = [`You do not have permission to move issues in ${from.key}.`];
      continue;
    }
    const moved = moveIssue(jira, actor, plan.issue, {
      project,
      issueTypeId: plan.issueTypeId,
      ...(plan.parentId === undefined ? {} : { parentId: plan.parentId }),
    });
    for (const m of moved.length > 0 ? moved : [plan.issue]) processed.push(Number(m.id));
  }
  const taskId = String(10000 + jira.bulkTasks.size);
  const done = new Date(jira.now()).toISOString();
  const task: BulkOperationProgress = {
    taskId,
    status: 'COMPLETE',
    progressPercent: 100,
    submittedBy: { accountId: actorAccountId(actor) },
    created: started,
    started,
    updated: done,
    totalIssueCount: total,
    processedAccessibleIssues: [...new Set(processed)],
    failedAccessibleIssues: failed,
    invalidOrInaccessibleIssueCount: 0,
  };
  jira.bulkTasks.set(taskId, task);
  return json(201, { taskId });
}

export function bulkProgress(ctx: RouteContext): JiraResponse {
  const taskId = ctx.params.taskId ?? '';
  const task = ctx.jira.bulkTasks.get(taskId);
  if (task === undefined || task.submittedBy.accountId !== actorAccountId(ctx.actor)) {
    throw new JiraError(400, ['The task associated with this taskId is not a bulk operation task']);
  }
  return json(200, task);
}

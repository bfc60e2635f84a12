/**
 * GET and POST /rest/api/3/issue/{issue}/transitions. Without Transition issues the list is
 * empty and any transition is "not valid for this issue" (400), as in Jira. The transition
 * screen takes `resolution` only.
 */
import { z } from 'zod';
import { browsableIssue, transitionIssue } from '../issue-changes';
import { UpdateOps } from '../issue-edit';
import { fieldErrors, JiraError } from '../jira-error';
import { hasProjectPermission } from '../permissions';
import { renderStatus } from '../render';
import { transitionById, transitions } from '../workflow';
import { json, noContent, parseOr400, queryObject, type JiraResponse, type RouteContext } from './respond';

const ListQuery = z.object({
  transitionId: z.string().optional(),
  expand: z.string().optional(),
  skipRemoteOnlyCondition: z.string().optional(),
  includeUnavailableTransitions: z.string().optional(),
  sortByOpsBarAndStatus: z.string().optional(),
});

export function listTransitions(ctx: RouteContext): JiraResponse {
  const { jira, actor } = ctx;
  const { issue, project } = browsableIssue(jira, actor, ctx.params.issue ?? '');
  const q = parseOr400(ListQuery, queryObject(ctx.query));
  const allowed = hasProjectPermission(actor, project, 'TRANSITION_ISSUES');
  const list = allowed
    ? transitions(jira.store).filter((t) => q.transitionId === undefined || t.id === q.transitionId)
    : [];
  return json(200, {
    expand: 'transitions',
    transitions: list.map((t) => ({
      id: t.id,
      name: t.name,
      to: renderStatus(jira.site, t.to),
      hasScreen: false,
      isGlobal: true,
      isInitial: false,
      isAvailable: true,
      isConditional: false,
      isLooped: t.to.id === issue.statusId,
    })),
  });
}

const Id = z.union([z.string().min(1), z.number().int()]).transform(String);

const TransitionBody = z.looseObject({
  transition: z.looseObject({ id: Id.optional() }).optional(),
  fields: z.record(z.string(), z.unknown()).default({}),
  update: UpdateOps.default({}),
});

const ResolutionRef = z.union([z.object({ id: Id }), z.object({ name: z.string() })]);

export function doTransition(ctx: RouteContext): JiraResponse {
  const { jira, actor } = ctx;
  const { issue, project } = browsableIssue(jira, actor, ctx.params.issue ?? '');
  const body = parseOr400(TransitionBody, ctx.body ?? {});
  const id = body.transition?.id;
  if (id === undefined) throw new JiraError(400, ["'transition' identifier must be specified."]);
  const transition = transitionById(jira.store, id);
  if (!transition || !hasProjectPermission(actor, project, 'TRANSITION_ISSUES')) {
    throw new JiraError(400, [`Transition id '${id}' is not valid for this issue.`]);
  }
  const errors: Record<string, string> = {};
  let resolutionId: string | undefined;
  const sets: Array<[string, unknown]> = Object.entries(body.fields);
  for (const [field, ops] of Object.entries(body.update)) {
    for (const op of ops)
      for (const [verb, value] of Object.entries(op)) sets.push([field, verb === 'set' ? value : undefined]);
  }
  for (const [field, value] of sets) {
    if (field !== 'resolution') {
      errors[field] = `Field '${field}' cannot be set. It is not on the appropriate screen, or unknown.`;
      continue;
    }
    const ref = ResolutionRef.safeParse(value);
    const found = ref.success
      ? jira.store.resolutions().find((r) => ('id' in ref.data ? r.id === ref.data.id : r.name === ref.data.name))
      : undefined;
    if (!found) errors.resolution = 'The resolution selected is invalid.';
    else resolutionId = found.id;
  }
  if (Object.keys(errors).length > 0) throw fieldErrors(errors);
  transitionIssue(jira, actor, issue, transition.to.id, resolutionId);
  return noContent();
}

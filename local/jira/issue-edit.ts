/**
 * Reads the `fields` and `update` parts of an edit or create request (Jira's format) into a
 * validated `IssueEdit`, answering bad values with Jira's per-field errors (HTTP 400).
 */
import { z } from 'zod';
import { parseIsoDate } from './dates';
import { numberField } from './fields';
import type { IssueEdit } from './issue-changes';
import { fieldErrors } from './jira-error';
import type { LocalJira } from './local-jira';
import type { IssueType, JiraProject, StoredIssue } from './model';
import { canBrowse, hasProjectPermission, type Actor } from './permissions';

const notSettable = (id: string) => `Field '${id}' cannot be set. It is not on the appropriate screen, or unknown.`;

const Ref = z.union([
  z.object({ key: z.string().min(1) }),
  z.object({ id: z.union([z.string().min(1), z.number().int()]).transform(String) }),
]);
const ParentValue = z.union([z.null(), z.object({ none: z.literal(true) }), Ref]);
const AssigneeValue = z.union([z.null(), z.object({ accountId: z.string().nullable() })]);
const PriorityValue = z.union([
  z.object({ id: z.union([z.string(), z.number().int()]).transform(String) }),
  z.object({ name: z.string() }),
]);
const NumberValue = z.number().finite().nullable();

interface AdfNode {
  type: string;
  text?: string;
  content?: AdfNode[];
}
const AdfNodeSchema: z.ZodType<AdfNode> = z.lazy(() =>
  z.looseObject({ type: z.string(), text: z.string().optional(), content: z.array(AdfNodeSchema).optional() }),
);
const AdfDoc = z.looseObject({
  type: z.literal('doc'),
  version: z.number().optional(),
  content: z.array(AdfNodeSchema),
});

function adfText(node: AdfNode): string {
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return '\n';
  return (node.content ?? []).map(adfText).join('');
}

/** One update operation: `{set: v}`, `{add: v}`, `{remove: v}`. */
const UpdateOp = z.record(z.string(), z.unknown());
export const UpdateOps = z.record(z.string(), z.array(UpdateOp));

export interface EditTarget {
  project: JiraProject;
  issueType: IssueType;
  /** Absent when creating. */
  issue?: StoredIssue;
}

/**
 * Validates `fields` and `update` against the issue (or the issue being created). `skip` lists
 * fields the caller reads itself (project, issuetype, summary on create).
 */
export function resolveEdit(
  jira: LocalJira,
  actor: Actor,
  target: EditTarget,
  fields: Record<string, unknown>,
  update: z.infer<typeof UpdateOps>,
  skip: readonly string[] = [],
): IssueEdit {
  const errors: Record<string, string> = {};
  const edit: IssueEdit = {};
  const values = new Map<string, unknown>();
  for (const [id, value] of Object.entries(fields)) if (!skip.includes(id)) values.set(id, value);
  let labels: string[] | undefined;
  for (const [id, ops] of Object.entries(update)) {
    if (values.has(id)) {
      errors[id] = `Field '${id}' cannot be set in both 'fields' and 'update'.`;
      continue;
    }
    for (const op of ops) {
      for (const [verb, value] of Object.entries(op)) {
        if (verb === 'set') values.set(id, value);
        else if (id === 'labels' && (verb === 'add' || verb === 'remove') && typeof value === 'string') {
          labels ??= [...(target.issue?.labels ?? [])];
          if (verb === 'add' && !labels.includes(value)) labels.push(value);
          if (verb === 'remove') labels = labels.filter((l) => l !== value);
        } else errors[id] = `Field '${id}' does not support the operation '${verb}'.`;
      }
    }
  }
  if (labels !== undefined && !values.has('labels')) values.set('labels', labels);

  for (const [id, value] of values) {
    const problem = readField(jira, actor, target, id, value, edit);
    if (problem !== null) errors[id] = problem;
  }
  if (Object.keys(errors).length > 0) throw fieldErrors(errors);
  return edit;
}

/** Reads one field into `edit`; returns an error message, or null. */
function readField(
  jira: LocalJira,
  actor: Actor,
  target: EditTarget,
  id: string,
  value: unknown,
  edit: IssueEdit,
): string | null {
  const { store } = jira;
  if (numberField(id)) {
    const n = NumberValue.safeParse(value);
    if (!n.success) return 'Operation value must be a number';
    edit.numbers = { ...edit.numbers, [id]: n.data };
    return null;
  }
  switch (id) {
    case 'summary': {
      if (typeof value !== 'string') return 'Operation value must be a string';
      const summary = value.trim();
      if (summary === '') return 'You must specify a summary of the issue.';
      if (summary.length > 255) return 'Summary must be less than 255 characters.';
      edit.summary = summary;
      return null;
    }
    case 'description': {
      if (value === null) {
        edit.description = null;
        return null;
      }
      const doc = AdfDoc.safeParse(value);
      if (!doc.success) return 'Operation value must be an Atlassian Document (see the Atlassian Document Format)';
      const text = doc.data.content.map(adfText).join('\n\n');
      edit.description = text === '' ? null : text;
      return null;
    }
    case 'duedate': {
      if (value === null || value === '') {
        edit.duedate = null;
        return null;
      }
      if (typeof value !== 'string' || parseIsoDate(value) === null)
        return `Error parsing date string: ${String(value)}`;
      edit.duedate = value;
      return null;
    }
    case 'labels': {
      const labels = z.array(z.string()).safeParse(value);
      if (!labels.success) return 'Operation value must be an array of strings';
      for (const label of labels.data) {
        if (/\s/.test(label)) return `The label '${label}' contains spaces which is invalid.`;
        if (label === '' || label.length > 255) return 'The label must be between 1 and 255 characters.';
      }
      edit.labels = [...new Set(labels.data)];
      return null;
    }
    case 'assignee': {
      const a = AssigneeValue.safeParse(value);
      if (!a.success) return 'Operation value must be an object with an accountId';
      const accountId =
        a.data === null || a.data.accountId === null || a.data.accountId === '-1' ? null : a.data.accountId;
      if (accountId !== null) {
        const user = store.user(accountId);
        if (
          !user ||
          !user.active ||
          user.accountType !== 'atlassian' ||
          !hasProjectPermission({ kind: 'user', user }, target.project, 'ASSIGNABLE_USER')
        ) {
          return `User '${accountId}' cannot be assigned issues.`;
        }
      }
      edit.assigneeId = accountId;
      return null;
    }
    case 'priority': {
      const p = PriorityValue.safeParse(value);
      const found = p.success
        ? store.priorities().find((x) => ('id' in p.data ? x.id === p.data.id : x.name === p.data.name))
        : undefined;
      if (!found) return 'The priority selected is invalid.';
      edit.priorityId = found.id;
      return null;
    }
    case 'parent':
      return readParent(jira, actor, target, value, edit);
    default:
      return notSettable(id);
  }
}

function readParent(jira: LocalJira, actor: Actor, target: EditTarget, value: unknown, edit: IssueEdit): string | null {
  const { store } = jira;
  const p = ParentValue.safeParse(value);
  if (!p.success) return 'Operation value must be an object with a key or an id';
  const childLevel = target.issueType.hierarchyLevel;
  if (p.data === null || 'none' in p.data) {
    if (childLevel < 0) return 'A sub-task must have a parent.';
    edit.parentId = null;
    return null;
  }
  const ref = 'key' in p.data ? p.data.key : p.data.id;
  const parent = store.issue(ref);
  const parentProject = parent ? store.projectById(parent.projectId) : undefined;
  if (!parent || !parentProject || !canBrowse(actor, parentProject)) return 'Could not find issue by id or key.';
  if (target.issue && parent.id === target.issue.id) return 'An issue cannot be its own parent.';
  const parentLevel = store.issueType(parent.issueTypeId)?.hierarchyLevel ?? 0;
  if (parentLevel !== childLevel + 1) return 'Given parent work item does not belong to appropriate hierarchy.';
  if (childLevel < 0 && parent.projectId !== target.project.id)
    return 'A sub-task must be in the same project as its parent.';
  edit.parentId = parent.id;
  return null;
}

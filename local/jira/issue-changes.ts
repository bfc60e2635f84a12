/**
 * Changes to issues: create, edit, transition, delete. Each checks the actor's permission, bumps
 * `updated` (strictly increasing per issue, so later states always carry a later stamp), writes a
 * changelog, and emits the matching Forge issue event.
 */
import { issueEvent, type ChangelogItem } from './events';
import { numberField } from './fields';
import { fieldErrors, issueNotFound, JiraError } from './jira-error';
import type { LocalJira } from './local-jira';
import type { JiraProject, StoredIssue } from './model';
import { actorAccountId, canBrowse, hasProjectPermission, type Actor } from './permissions';

/** Validated changes to an issue's fields; absent means unchanged, null means cleared. */
export interface IssueEdit {
  summary?: string;
  description?: string | null;
  numbers?: Record<string, number | null>;
  parentId?: string | null;
  duedate?: string | null;
  labels?: string[];
  assigneeId?: string | null;
  priorityId?: string | null;
}

/** The issue, if the actor may browse it; else Jira's 404. */
export function browsableIssue(
  jira: LocalJira,
  actor: Actor,
  idOrKey: string,
): { issue: StoredIssue; project: JiraProject } {
  const issue = jira.store.issue(idOrKey);
  const project = issue ? jira.store.projectById(issue.projectId) : undefined;
  if (!issue || !project || !canBrowse(actor, project)) throw issueNotFound();
  return { issue, project };
}

function touch(jira: LocalJira, issue: StoredIssue): void {
  issue.updated = Math.max(jira.now(), issue.updated + 1);
}

const item = (
  field: string,
  fieldId: string,
  from: string | null,
  fromString: string | null,
  to: string | null,
  toString: string | null,
  fieldtype: 'jira' | 'custom' = 'jira',
): ChangelogItem => ({ field, fieldtype, fieldId, from, fromString, to, toString });

function userName(jira: LocalJira, accountId: string | null): string | null {
  return accountId === null ? null : (jira.store.user(accountId)?.displayName ?? accountId);
}

function emitUpdated(jira: LocalJira, actor: Actor, issue: StoredIssue, items: ChangelogItem[]): void {
  const changelog = { id: jira.store.nextChangelogId(), items };
  jira.emit(issueEvent(jira.store, jira.site, 'avi:jira:updated:issue', issue, actorAccountId(actor), changelog), {
    causedByApp: actor.kind === 'app',
  });
  jira.changed();
}

/** Applies an edit (already validated by `resolveEdit`); returns the changelog items (none: nothing changed). */
export function applyEdit(jira: LocalJira, actor: Actor, issue: StoredIssue, edit: IssueEdit): ChangelogItem[] {
  const { store } = jira;
  const before = jira.copyForSearch(issue);
  const items: ChangelogItem[] = [];
  if (edit.summary !== undefined && edit.summary !== issue.summary) {
    items.push(item('summary', 'summary', null, issue.summary, null, edit.summary));
    issue.summary = edit.summary;
  }
  if (edit.description !== undefined && edit.description !== issue.description) {
    items.push(item('description', 'description', null, issue.description, null, edit.description));
    issue.description = edit.description;
  }
  for (const [fieldId, value] of Object.entries(edit.numbers ?? {})) {
    const before = issue.numbers[fieldId] ?? null;
    if (before === value) continue;
    items.push(
      item(
        numberField(fieldId)?.name ?? fieldId,
        fieldId,
        null,
        before === null ? null : String(before),
        null,
        value === null ? null : String(value),
        'custom',
      ),
    );
    if (value === null) delete issue.numbers[fieldId];
    else issue.numbers[fieldId] = value;
  }
  if (edit.parentId !== undefined && edit.parentId !== issue.parentId) {
    const before = issue.parentId === null ? undefined : store.issueById(issue.parentId);
    const after = edit.parentId === null ? undefined : store.issueById(edit.parentId);
    items.push(
      item(
        'IssueParentAssociation',
        'parent',
        before?.id ?? null,
        before?.key ?? null,
        after?.id ?? null,
        after?.key ?? null,
      ),
    );
    store.setParent(issue, edit.parentId);
  }
  if (edit.duedate !== undefined && edit.duedate !== issue.duedate) {
    const stamp = (d: string | null) => (d === null ? null : `${d} 00:00:00.0`);
    items.push(item('duedate', 'duedate', issue.duedate, stamp(issue.duedate), edit.duedate, stamp(edit.duedate)));
    issue.duedate = edit.duedate;
  }
  if (edit.labels !== undefined && edit.labels.join(' ') !== issue.labels.join(' ')) {
    items.push(item('labels', 'labels', null, issue.labels.join(' ') || null, null, edit.labels.join(' ') || null));
    issue.labels = [...edit.labels];
  }
  if (edit.assigneeId !== undefined && edit.assigneeId !== issue.assigneeId) {
    items.push(
      item(
        'assignee',
        'assignee',
        issue.assigneeId,
        userName(jira, issue.assigneeId),
        edit.assigneeId,
        userName(jira, edit.assigneeId),
      ),
    );
    issue.assigneeId = edit.assigneeId;
  }
  if (edit.priorityId !== undefined && edit.priorityId !== issue.priorityId) {
    const name = (id: string | null) => (id === null ? null : (store.priority(id)?.name ?? id));
    items.push(
      item('priority', 'priority', issue.priorityId, name(issue.priorityId), edit.priorityId, name(edit.priorityId)),
    );
    issue.priorityId = edit.priorityId;
  }
  if (items.length > 0) {
    jira.willChange(issue.id, before);
    touch(jira, issue);
    emitUpdated(jira, actor, issue, items);
  }
  return items;
}

/**
 * Moves an issue to a status. Entering a done status sets the resolution (the one given, else
 * the site's "Done") and the resolution date; leaving done clears both. Same status: no change.
 */
export function transitionIssue(
  jira: LocalJira,
  actor: Actor,
  issue: StoredIssue,
  statusId: string,
  resolutionId?: string,
): ChangelogItem[] {
  const { store } = jira;
  const from = store.status(issue.statusId);
  const to = store.status(statusId);
  if (!to) throw new JiraError(400, [`Transition to status '${statusId}' is not valid for this issue.`]);
  const before = jira.copyForSearch(issue);
  const items: ChangelogItem[] = [];
  if (statusId !== issue.statusId) {
    items.push(item('status', 'status', issue.statusId, from?.name ?? null, statusId, to.name));
    if (from?.categoryKey !== to.categoryKey) issue.statusCategoryChanged = Math.max(jira.now(), issue.updated + 1);
    issue.statusId = statusId;
  }
  const nextResolution =
    to.categoryKey === 'done' ? (resolutionId ?? issue.resolutionId ?? store.doneResolutionId) : null;
  if (nextResolution !== issue.resolutionId) {
    const name = (id: string | null) => (id === null ? null : (store.resolution(id)?.name ?? id));
    items.push(
      item(
        'resolution',
        'resolution',
        issue.resolutionId,
        name(issue.resolutionId),
        nextResolution,
        name(nextResolution),
      ),
    );
    issue.resolutionId = nextResolution;
  }
  if (items.length === 0) return items;
  jira.willChange(issue.id, before);
  touch(jira, issue);
  if (issue.resolutionId === null) issue.resolutiondate = null;
  else if (issue.resolutiondate === null) issue.resolutiondate = issue.updated;
  emitUpdated(jira, actor, issue, items);
  return items;
}

/** Deletes an issue (and its sub-tasks when `deleteSubtasks`); other children lose their parent. */
export function deleteIssue(
  jira: LocalJira,
  actor: Actor,
  issue: StoredIssue,
  project: JiraProject,
  deleteSubtasks: boolean,
): void {
  const { store } = jira;
  if (!hasProjectPermission(actor, project, 'DELETE_ISSUES')) {
    throw new JiraError(403, ['You do not have permission to delete issues in this project.']);
  }
  const children = store.children(issue.id);
  const subtasks = children.filter((c) => (store.issueType(c.issueTypeId)?.hierarchyLevel ?? 0) < 0);
  if (subtasks.length > 0 && !deleteSubtasks) {
    throw new JiraError(400, ['The issue has subtasks. Set deleteSubtasks=true to delete them with the issue.']);
  }
  const causedByApp = actor.kind === 'app';
  const gone = [...subtasks, issue];
  for (const doomed of gone) {
    const event = issueEvent(store, jira.site, 'avi:jira:deleted:issue', doomed, actorAccountId(actor));
    for (const child of store.children(doomed.id)) {
      if (gone.includes(child)) continue;
      jira.willChange(child.id, child);
      store.setParent(child, null);
    }
    jira.willChange(doomed.id, doomed);
    store.removeIssue(doomed);
    jira.emit(event, { causedByApp });
  }
  jira.changed();
}

export interface NewIssue {
  project: JiraProject;
  issueTypeId: string;
  summary: string;
  edit: IssueEdit;
}

/** Creates an issue in the first status of the workflow; the actor is its reporter and creator. */
export function createIssue(jira: LocalJira, actor: Actor, input: NewIssue): StoredIssue {
  const { store } = jira;
  const now = jira.now();
  const first = store.statuses().find((s) => s.categoryKey === 'new') ?? store.statuses()[0];
  if (!first) throw new JiraError(500, ['The local Jira has no statuses.']);
  const who = actorAccountId(actor);
  const issue: StoredIssue = {
    id: store.nextIssueId(),
    key: store.nextIssueKey(input.project),
    projectId: input.project.id,
    issueTypeId: input.issueTypeId,
    statusId: first.id,
    summary: input.summary,
    description: input.edit.description ?? null,
    parentId: null,
    numbers: {},
    assigneeId: input.edit.assigneeId ?? null,
    reporterId: who,
    creatorId: who,
    created: now,
    updated: now,
    statusCategoryChanged: now,
    resolutionId: null,
    resolutiondate: null,
    duedate: input.edit.duedate ?? null,
    labels: input.edit.labels ?? [],
    priorityId: input.edit.priorityId ?? store.defaultPriorityId,
    properties: {},
  };
  for (const [id, value] of Object.entries(input.edit.numbers ?? {})) if (value !== null) issue.numbers[id] = value;
  store.insertIssue(issue);
  jira.willChange(issue.id, null);
  if (input.edit.parentId) store.setParent(issue, input.edit.parentId);
  jira.emit(issueEvent(store, jira.site, 'avi:jira:created:issue', issue, who), { causedByApp: actor.kind === 'app' });
  jira.changed();
  return issue;
}

export function requireEdit(actor: Actor, project: JiraProject, fieldIds: readonly string[]): void {
  if (hasProjectPermission(actor, project, 'EDIT_ISSUES')) return;
  const errors: Record<string, string> = {};
  for (const id of fieldIds.length > 0 ? fieldIds : ['summary']) {
    errors[id] = `Field '${id}' cannot be set. It is not on the appropriate screen, or unknown.`;
  }
  throw fieldErrors(errors);
}

export interface MoveTarget {
  project: JiraProject;
  issueTypeId: string;
  /** The new parent's id; undefined keeps the parent the issue has. */
  parentId?: string;
}

/**
 * Moves an issue to another project (and issue type, and parent) as Jira's move does: the issue
 * keeps its id and gets the next key of the target project; its sub-tasks move with it. Each moved
 * issue changes `updated` and emits `avi:jira:updated:issue` with the changelog Jira writes for a
 * move (`project`, `Key`, and `issuetype`/parent when they change). The old key still finds it.
 * Permissions are the caller's to check.
 */
export function moveIssue(jira: LocalJira, actor: Actor, issue: StoredIssue, target: MoveTarget): StoredIssue[] {
  const { store } = jira;
  const moved: StoredIssue[] = [];
  const moveOne = (one: StoredIssue, issueTypeId: string, parentId: string | null | undefined) => {
    const before = jira.copyForSearch(one);
    const fromProject = store.projectById(one.projectId);
    const items: ChangelogItem[] = [];
    if (fromProject?.id !== target.project.id) {
      items.push(
        item(
          'project',
          'project',
          fromProject?.id ?? null,
          fromProject?.name ?? null,
          target.project.id,
          target.project.name,
        ),
      );
      const oldKey = store.moveIssue(one, target.project);
      items.push(item('Key', 'issuekey', null, oldKey, null, one.key));
    }
    if (issueTypeId !== one.issueTypeId) {
      const name = (id: string) => store.issueType(id)?.name ?? id;
      items.push(
        item('issuetype', 'issuetype', one.issueTypeId, name(one.issueTypeId), issueTypeId, name(issueTypeId)),
      );
      one.issueTypeId = issueTypeId;
    }
    if (parentId !== undefined && parentId !== one.parentId) {
      const was = one.parentId === null ? undefined : store.issueById(one.parentId);
      const now = parentId === null ? undefined : store.issueById(parentId);
      items.push(
        item('IssueParentAssociation', 'parent', was?.id ?? null, was?.key ?? null, now?.id ?? null, now?.key ?? null),
      );
      store.setParent(one, parentId);
    }
    if (items.length === 0) return;
    jira.willChange(one.id, before);
    touch(jira, one);
    moved.push(one);
    emitUpdated(jira, actor, one, items);
  };
  const subtasks = store.children(issue.id).filter((c) => (store.issueType(c.issueTypeId)?.hierarchyLevel ?? 0) < 0);
  moveOne(issue, target.issueTypeId, target.parentId);
  for (const subtask of subtasks) moveOne(subtask, subtask.issueTypeId, undefined);
  return moved;
}

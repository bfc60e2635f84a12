/**
 * Who may do what: Jira's permission keys (ids and names as Jira Cloud reports them) and their
 * evaluation from site admin, project roles, and the app's own account.
 */
import type { JiraProject, JiraUser, ProjectRole } from './model';
import type { JiraStore } from './store';

export interface PermissionDefinition {
  id: string;
  key: string;
  name: string;
  type: 'GLOBAL' | 'PROJECT';
  description: string;
}

const def = (
  id: string,
  key: string,
  name: string,
  type: 'GLOBAL' | 'PROJECT',
  description: string,
): PermissionDefinition => ({
  id,
  key,
  name,
  type,
  description,
});

export const PERMISSIONS: readonly PermissionDefinition[] = [
  def(
    '0',
    'ADMINISTER',
    'Administer Jira',
    'GLOBAL',
    'Create and administer projects, issue types, fields, workflows, and schemes for all projects. Users with this permission can perform most administration tasks, except: managing users, importing data, and editing system email settings.',
  ),
  def('44', 'SYSTEM_ADMIN', 'Administer Jira system', 'GLOBAL', 'Ability to perform all administration functions.'),
  def(
    '27',
    'USER_PICKER',
    'Browse users and groups',
    'GLOBAL',
    'View and select users or groups from the user picker, and share issues.',
  ),
  def(
    '22',
    'CREATE_SHARED_OBJECTS',
    'Share dashboards and filters',
    'GLOBAL',
    'Share dashboards and filters with other users.',
  ),
  def('33', 'BULK_CHANGE', 'Make bulk changes', 'GLOBAL', 'Modify collections of issues at once.'),
  def('23', 'ADMINISTER_PROJECTS', 'Administer Projects', 'PROJECT', 'Ability to administer a project in Jira.'),
  def('10', 'BROWSE_PROJECTS', 'Browse Projects', 'PROJECT', 'Ability to browse projects and the issues within them.'),
  def('11', 'CREATE_ISSUES', 'Create Issues', 'PROJECT', 'Ability to create issues.'),
  def('12', 'EDIT_ISSUES', 'Edit Issues', 'PROJECT', 'Ability to edit issues.'),
  def('13', 'ASSIGN_ISSUES', 'Assign Issues', 'PROJECT', 'Ability to assign issues to other people.'),
  def('17', 'ASSIGNABLE_USER', 'Assignable User', 'PROJECT', 'Users with this permission may be assigned to issues.'),
  def(
    '14',
    'RESOLVE_ISSUES',
    'Resolve Issues',
    'PROJECT',
    'Ability to resolve and reopen issues. This includes the ability to set a fix version.',
  ),
  def(
    '18',
    'CLOSE_ISSUES',
    'Close Issues',
    'PROJECT',
    'Ability to close issues. Often useful where your developers resolve issues, and a QA department closes them.',
  ),
  def('46', 'TRANSITION_ISSUES', 'Transition Issues', 'PROJECT', 'Ability to transition issues.'),
  def('28', 'SCHEDULE_ISSUES', 'Schedule Issues', 'PROJECT', 'Ability to set and edit due dates.'),
  def(
    '25',
    'MOVE_ISSUES',
    'Move Issues',
    'PROJECT',
    'Ability to move issues between projects or between workflows of the same project (if applicable). Note the user can only move issues to a project they have the create permission for.',
  ),
  def('16', 'DELETE_ISSUES', 'Delete Issues', 'PROJECT', 'Ability to delete issues.'),
  def(
    '21',
    'LINK_ISSUES',
    'Link Issues',
    'PROJECT',
    'Ability to link issues together and create linked issues. Only useful if issue linking is turned on.',
  ),
  def('15', 'ADD_COMMENTS', 'Add Comments', 'PROJECT', 'Ability to comment on issues.'),
  def(
    '20',
    'WORK_ON_ISSUES',
    'Work On Issues',
    'PROJECT',
    'Ability to log work done against an issue. Only useful if Time Tracking is turned on.',
  ),
];

export const PERMISSION_BY_KEY: ReadonlyMap<string, PermissionDefinition> = new Map(PERMISSIONS.map((p) => [p.key, p]));

const PROJECT_KEYS = PERMISSIONS.filter((p) => p.type === 'PROJECT').map((p) => p.key);

const ROLE_PERMISSIONS: Record<ProjectRole, ReadonlySet<string>> = {
  administrator: new Set(PROJECT_KEYS),
  member: new Set([
    'BROWSE_PROJECTS',
    'CREATE_ISSUES',
    'EDIT_ISSUES',
    'ASSIGN_ISSUES',
    'ASSIGNABLE_USER',
    'RESOLVE_ISSUES',
    'CLOSE_ISSUES',
    'TRANSITION_ISSUES',
    'SCHEDULE_ISSUES',
    'LINK_ISSUES',
    'ADD_COMMENTS',
    'WORK_ON_ISSUES',
  ]),
  viewer: new Set(['BROWSE_PROJECTS']),
};

/** Who makes a request: the app itself (`asApp()`), or a user (`asUser()`). */
export type Actor = { kind: 'app'; accountId: string } | { kind: 'user'; user: JiraUser };

/**
 * Resolves the `asUser` of a request. `null` is the app. An unknown or deactivated account is
 * `undefined` (the request is then unauthenticated).
 */
export function actorFor(store: JiraStore, asUser: string | null): Actor | undefined {
  if (asUser === null) return { kind: 'app', accountId: store.appAccountId };
  const user = store.user(asUser);
  if (!user || !user.active) return undefined;
  return { kind: 'user', user };
}

export function actorAccountId(actor: Actor): string {
  return actor.kind === 'app' ? actor.accountId : actor.user.accountId;
}

/** The app's system user is in Jira's add-ons admin group: it may do everything. */
function isAllPowerful(actor: Actor): boolean {
  return actor.kind === 'app' || actor.user.siteAdmin;
}

export function hasProjectPermission(actor: Actor, project: JiraProject, key: string): boolean {
  if (isAllPowerful(actor)) return true;
  if (actor.kind !== 'user') return false;
  const role = project.roles[actor.user.accountId];
  return role !== undefined && ROLE_PERMISSIONS[role].has(key);
}

export function canBrowse(actor: Actor, project: JiraProject): boolean {
  return hasProjectPermission(actor, project, 'BROWSE_PROJECTS');
}

export function hasGlobalPermission(actor: Actor, key: string): boolean {
  if (isAllPowerful(actor)) return true;
  // Every licensed user may browse users and share filters (Jira Cloud's defaults).
  return key === 'USER_PICKER' || key === 'CREATE_SHARED_OBJECTS' || key === 'BULK_CHANGE';
}

/**
 * Jira's rule for `mypermissions`: a global permission as is; a project permission in a project
 * (or an issue's project) when given one, else "in any project".
 */
export function havePermission(
  store: JiraStore,
  actor: Actor,
  perm: PermissionDefinition,
  project: JiraProject | null,
): boolean {
  if (perm.type === 'GLOBAL') return hasGlobalPermission(actor, perm.key);
  if (project) return hasProjectPermission(actor, project, perm.key);
  return store.projects().some((p) => hasProjectPermission(actor, p, perm.key));
}

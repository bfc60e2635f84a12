/**
 * Builds the store's next snapshot from its current one and the imported issues: unknown projects,
 * issue types, statuses, priorities, resolutions and users are created; issues are added, or
 * replaced in place when their key is already there; parents are resolved once every issue is
 * known. Nothing here touches the store: the caller applies the result in one step.
 */
import {
  type JiraProject,
  type JiraSnapshot,
  type JiraUser,
  type ProjectRole,
  type StatusCategoryKey,
  type StoredIssue,
} from '../jira/model';
import type { CatalogueRef, ImportedIssue, ImportedUser, ParentVia, WarningKind } from './convert';
import { normaliseName } from './jira-values';

export interface BuildOptions {
  /** Roles given on projects the import creates; default: the `lead` persona administers, `member` is a member. */
  projectRoles?: Record<string, ProjectRole>;
  warn: (kind: WarningKind, detail: string) => void;
}

export interface BuildCounts {
  issuesAdded: number;
  issuesUpdated: number;
  issuesUnchanged: number;
  usersAdded: number;
  projectsAdded: string[];
  issueTypesAdded: string[];
  statusesAdded: string[];
  prioritiesAdded: string[];
  resolutionsAdded: string[];
  parentsResolved: Record<ParentVia, number>;
  parentsUnresolved: Record<ParentVia, number>;
}

const numeric = (id: string | null): id is string => id !== null && /^\d+$/.test(id) && id.length < 16;

/** Hands out numeric ids: the exported one when it is free, else the next after the highest in use. */
class Ids {
  private readonly used = new Set<string>();
  private next = 0;
  constructor(existing: Iterable<string>) {
    for (const id of existing) this.use(id);
  }
  use(id: string): void {
    this.used.add(id);
    if (/^\d+$/.test(id)) this.next = Math.max(this.next, Number(id));
  }
  isFree(id: string | null): id is string {
    return numeric(id) && !this.used.has(id);
  }
  take(preferred: string | null): string {
    const id = this.isFree(preferred) ? preferred : String(this.next + 1);
    this.use(id);
    return id;
  }
}

/** A catalogue (issue types, statuses …) found by name, case-insensitively, and extended on demand. */
class Catalogue<T extends { id: string; name: string }, R extends CatalogueRef = CatalogueRef> {
  private readonly byName = new Map<string, T>();
  private readonly ids: Ids;
  readonly added: T[] = [];
  constructor(
    readonly items: T[],
    private readonly make: (id: string, ref: R) => T,
  ) {
    for (const item of items)
      if (!this.byName.has(normaliseName(item.name))) this.byName.set(normaliseName(item.name), item);
    this.ids = new Ids(items.map((i) => i.id));
  }
  find(name: string): T | undefined {
    return this.byName.get(normaliseName(name));
  }
  get(ref: R): T {
    const found = this.find(ref.name);
    if (found) return found;
    const item = this.make(this.ids.take(ref.sourceId), ref);
    this.items.push(item);
    this.added.push(item);
    this.byName.set(normaliseName(item.name), item);
    return item;
  }
}

export function buildSnapshot(
  base: JiraSnapshot,
  imported: readonly ImportedIssue[],
  users: ReadonlyMap<string, ImportedUser>,
  options: BuildOptions,
): { snapshot: JiraSnapshot; counts: BuildCounts } {
  const snapshot: JiraSnapshot = {
    ...base,
    users: [...base.users],
    projects: [...base.projects],
    issueTypes: [...base.issueTypes],
    statuses: [...base.statuses],
    priorities: [...base.priorities],
    resolutions: [...base.resolutions],
    issues: [...base.issues],
  };
  const counts: BuildCounts = {
    issuesAdded: 0,
    issuesUpdated: 0,
    issuesUnchanged: 0,
    usersAdded: 0,
    projectsAdded: [],
    issueTypesAdded: [],
    statusesAdded: [],
    prioritiesAdded: [],
    resolutionsAdded: [],
    parentsResolved: { parent: 0, epic: 0, epicLink: 0, subtasks: 0 },
    parentsUnresolved: { parent: 0, epic: 0, epicLink: 0, subtasks: 0 },
  };

  // ---- catalogue ---------------------------------------------------------------------------
  const types = new Catalogue(snapshot.issueTypes, (id, ref: ImportedIssue['type']) => ({
    id,
    name: ref.name,
    description: ref.description,
    hierarchyLevel: ref.hierarchyLevel,
    avatarId: ref.hierarchyLevel >= 1 ? 10307 : ref.hierarchyLevel < 0 ? 10316 : 10300,
  }));
  const statuses = new Catalogue(snapshot.statuses, (id, ref: ImportedIssue['status']) => ({
    id,
    name: ref.name,
    description: ref.description,
    categoryKey: ref.categoryKey ?? guessCategory(ref.name),
  }));
  const resolutions = new Catalogue(snapshot.resolutions, (id, ref) => ({
    id,
    name: ref.name,
    description: ref.description,
  }));
  placePriorities(snapshot, imported, counts);
  const priorities = new Catalogue(snapshot.priorities, (id, ref) => ({
    id,
    name: ref.name,
    description: ref.description,
    icon: 'medium.svg',
    statusColor: '#f79232',
  }));

  // ---- users -------------------------------------------------------------------------------
  const baseUsers: ReadonlySet<string> = new Set(base.users.map((u) => u.accountId));
  const knownUsers = new Set(baseUsers);
  const referenced = new Set<string>();
  for (const issue of imported)
    for (const id of [issue.assignee, issue.reporter, issue.creator]) if (id !== null) referenced.add(id);
  for (const accountId of referenced) {
    const user = users.get(accountId);
    if (!user || knownUsers.has(accountId)) continue;
    const added: JiraUser = { ...user, accountType: 'atlassian', siteAdmin: false, persona: null };
    snapshot.users.push(added);
    knownUsers.add(accountId);
    counts.usersAdded += 1;
  }

  // ---- projects ----------------------------------------------------------------------------
  const persona = (p: string) => base.users.find((u) => u.persona === p)?.accountId;
  const defaultRoles: Record<string, ProjectRole> = options.projectRoles ?? {
    ...(persona('lead') ? { [persona('lead') as string]: 'administrator' as const } : {}),
    ...(persona('member') ? { [persona('member') as string]: 'member' as const } : {}),
  };
  const lead = persona('lead') ?? persona('admin') ?? base.appAccountId;
  const projectIds = new Ids(snapshot.projects.map((p) => p.id));
  const projectsByKey = new Map(snapshot.projects.map((p) => [p.key, p]));
  const touchedProjects = new Map<string, JiraProject>();
  const projectFor = (ref: ImportedIssue['project']): JiraProject => {
    let project = touchedProjects.get(ref.key);
    if (project) return project;
    const existing = projectsByKey.get(ref.key);
    if (existing) {
      project = { ...existing, roles: { ...existing.roles } };
      snapshot.projects[snapshot.projects.indexOf(existing)] = project;
    } else {
      project = {
        id: projectIds.take(ref.sourceId),
        key: ref.key,
        name: ref.name.slice(0, 255),
        description: ref.description,
        leadAccountId: lead,
        roles: { ...defaultRoles },
        lastIssueNumber: 0,
      };
      snapshot.projects.push(project);
      counts.projectsAdded.push(ref.key);
    }
    touchedProjects.set(ref.key, project);
    return project;
  };

  // ---- issues ------------------------------------------------------------------------------
  const byKey = new Map<string, ImportedIssue>();
  for (const issue of imported) {
    if (byKey.has(issue.key)) {
      options.warn('duplicateKey', `${issue.key} (${issue.position} replaces the earlier record)`);
      byKey.delete(issue.key); // keep the order of the last occurrence
    }
    byKey.set(issue.key, issue);
  }
  const existingByKey = new Map(snapshot.issues.map((issue, index) => [issue.key, index]));
  const issueIds = new Ids(snapshot.issues.map((i) => i.id));
  // exported ids are kept when free: reserve them before handing out new ones
  const keptIds = new Map<string, string>();
  for (const issue of byKey.values()) {
    const at = existingByKey.get(issue.key);
    if (at !== undefined) keptIds.set(issue.key, (snapshot.issues[at] as StoredIssue).id);
    else if (issueIds.isFree(issue.sourceId)) keptIds.set(issue.key, issueIds.take(issue.sourceId));
  }
  const idOf = new Map<string, string>(); // imported key → local id
  for (const issue of byKey.values()) idOf.set(issue.key, keptIds.get(issue.key) ?? issueIds.take(null));
  const keyBySourceId = new Map<string, string>();
  for (const issue of byKey.values()) if (issue.sourceId !== null) keyBySourceId.set(issue.sourceId, issue.key);

  // sub-tasks that do not name their parent, found through the parent's `subtasks` list
  const listedParent = new Map<string, string>();
  for (const issue of byKey.values())
    for (const sub of issue.subtaskKeys) if (!listedParent.has(sub)) listedParent.set(sub, issue.key);

  const localIdOfKey = (key: string): string | undefined => {
    const imported = idOf.get(key);
    if (imported !== undefined) return imported;
    const at = existingByKey.get(key);
    return at === undefined ? undefined : snapshot.issues[at]?.id;
  };

  const parentOf = new Map<string, string | null>(); // local id → parent id, for the cycle check
  for (const issue of snapshot.issues) parentOf.set(issue.id, issue.parentId);
  const stored: StoredIssue[] = [];
  for (const issue of byKey.values()) {
    const project = projectFor(issue.project);
    for (const accountId of [issue.assignee, issue.reporter, issue.creator]) {
      if (accountId !== null && project.roles[accountId] === undefined && !baseUsers.has(accountId))
        project.roles[accountId] = 'member';
    }
    const id = idOf.get(issue.key) as string;
    if (issue.status.categoryKey === null && !statuses.find(issue.status.name))
      options.warn('statusCategoryGuessed', `${issue.status.name} (${issue.key})`);
    const status = statuses.get(issue.status);
    const ref =
      issue.parent ??
      (listedParent.has(issue.key)
        ? { key: listedParent.get(issue.key) ?? null, id: null, via: 'subtasks' as const }
        : null);
    let parentId: string | null = null;
    if (ref) {
      const key = ref.key ?? (ref.id !== null ? keyBySourceId.get(ref.id) : undefined);
      parentId = (key !== undefined && key !== null ? localIdOfKey(key) : undefined) ?? null;
      if (parentId === null) {
        counts.parentsUnresolved[ref.via] += 1;
        options.warn(
          ref.via === 'parent' || ref.via === 'subtasks' ? 'parentNotFound' : 'epicNotFound',
          `${issue.key} → ${ref.key ?? `id ${ref.id}`}`,
        );
      }
    }
    const done = status.categoryKey === 'done';
    const existingAt = existingByKey.get(issue.key);
    const existing = existingAt === undefined ? undefined : snapshot.issues[existingAt];
    const next: StoredIssue = {
      id,
      key: issue.key,
      projectId: project.id,
      issueTypeId: types.get(issue.type).id,
      statusId: status.id,
      summary: issue.summary,
      description: issue.description,
      parentId,
      numbers: issue.numbers,
      assigneeId: issue.assignee,
      reporterId: issue.reporter,
      creatorId: issue.creator,
      created: issue.created,
      updated: issue.updated,
      statusCategoryChanged:
        issue.statusCategoryChanged ?? (done && issue.resolutiondate !== null ? issue.resolutiondate : issue.updated),
      resolutionId: issue.resolution ? resolutions.get(issue.resolution).id : null,
      resolutiondate: issue.resolutiondate,
      duedate: issue.duedate,
      labels: issue.labels,
      priorityId: issue.priority ? priorities.get(issue.priority).id : null,
      properties: { ...(existing?.properties ?? {}), ...issue.properties },
    };
    parentOf.set(id, parentId);
    if (existing !== undefined && existingAt !== undefined) {
      if (sameIssue(existing, next)) counts.issuesUnchanged += 1;
      else counts.issuesUpdated += 1;
      snapshot.issues[existingAt] = next;
    } else {
      stored.push(next);
      counts.issuesAdded += 1;
    }
    if (ref && parentId !== null) counts.parentsResolved[ref.via] += 1;
  }
  snapshot.issues.push(...stored);

  // a parent chain that loops back (possible when files disagree) is cut at the imported issue
  const byId = new Map(snapshot.issues.map((i) => [i.id, i]));
  for (const issue of byKey.values()) {
    const id = idOf.get(issue.key) as string;
    const seen = new Set<string>([id]);
    let at = parentOf.get(id) ?? null;
    while (at !== null && !seen.has(at)) {
      seen.add(at);
      at = parentOf.get(at) ?? null;
    }
    if (at === id) {
      const self = byId.get(id);
      if (self) {
        options.warn('parentCycle', `${issue.key}: its parent chain leads back to it; the link is dropped`);
        self.parentId = null;
        parentOf.set(id, null);
      }
    }
  }

  for (const id of idOf.values()) snapshot.lastIssueId = Math.max(snapshot.lastIssueId, Number(id));
  counts.issueTypesAdded = types.added.map((t) => t.name);
  counts.statusesAdded = statuses.added.map((s) => s.name);
  counts.resolutionsAdded = resolutions.added.map((r) => r.name);
  return { snapshot, counts };
}

function sameIssue(a: StoredIssue, b: StoredIssue): boolean {
  return sameJson(a, b);
}

/** Deep equality of plain JSON data (whatever the objects' prototypes; parsed records may have none). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(rb, k) && sameJson(ra[k], rb[k]));
}

/** A status without a category in the export: by its name, as Jira's defaults are named. */
function guessCategory(name: string): StatusCategoryKey {
  const n = normaliseName(name);
  if (
    /^(done|closed|resolved|complete|completed|finished|released|cancelled|canceled|rejected|wontdo|wontfix)$/.test(n)
  )
    return 'done';
  if (/^(todo|open|new|backlog|reopened|selectedfordevelopment)$/.test(n)) return 'new';
  return 'indeterminate';
}

/**
 * Priorities are ordered highest first. The export's priorities are ranked by their ids (Jira
 * numbers them from the highest down); a new one is placed right after the nearest higher-ranked
 * one the site already has, or first when there is none.
 */
function placePriorities(snapshot: JiraSnapshot, imported: readonly ImportedIssue[], counts: BuildCounts): void {
  const refs = new Map<string, CatalogueRef>();
  for (const issue of imported)
    if (issue.priority && !refs.has(normaliseName(issue.priority.name)))
      refs.set(normaliseName(issue.priority.name), issue.priority);
  const ranked = [...refs.values()].sort((a, b) => rank(a) - rank(b));
  const ids = new Ids(snapshot.priorities.map((p) => p.id));
  let anchor = -1;
  for (const ref of ranked) {
    const at = snapshot.priorities.findIndex((p) => normaliseName(p.name) === normaliseName(ref.name));
    if (at >= 0) {
      anchor = at;
      continue;
    }
    anchor += 1;
    snapshot.priorities.splice(anchor, 0, {
      id: ids.take(ref.sourceId),
      name: ref.name,
      description: ref.description,
      icon: 'medium.svg',
      statusColor: '#f79232',
    });
    counts.prioritiesAdded.push(ref.name);
  }
}

function rank(ref: CatalogueRef): number {
  return numeric(ref.sourceId) ? Number(ref.sourceId) : Number.MAX_SAFE_INTEGER;
}

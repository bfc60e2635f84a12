/**
 * The local Jira's data in memory, with lookups by id and key. Loads from and saves to a plain
 * JSON snapshot (`toSnapshot()` returns data another part of the host can write as it is).
 * No I/O and no clock here: mutations take the time they happen at.
 */
import {
  JiraSnapshot,
  type IssueType,
  type JiraProject,
  type JiraSnapshotInput,
  type JiraUser,
  type Priority,
  type Resolution,
  type Status,
  type StoredIssue,
} from './model';

/** A gadget on a dashboard, as the store keeps it. */
export interface DashboardGadgetRecord {
  id: string;
  moduleKey: string;
  configuration: Record<string, unknown> | null;
}

export class JiraStore {
  private data: JiraSnapshot;
  private readonly issuesById = new Map<string, StoredIssue>();
  private readonly issuesByKey = new Map<string, StoredIssue>();
  private readonly childrenById = new Map<string, Set<string>>();
  private readonly usersById = new Map<string, JiraUser>();

  /** Parses `snapshot` (unknown data, e.g. read from a file) and indexes it. Throws a ZodError when invalid. */
  static fromSnapshot(snapshot: unknown): JiraStore {
    return new JiraStore(JiraSnapshot.parse(snapshot));
  }

  static fromInput(snapshot: JiraSnapshotInput): JiraStore {
    return new JiraStore(JiraSnapshot.parse(snapshot));
  }

  private constructor(data: JiraSnapshot) {
    this.data = data;
    this.load();
  }

  /**
   * Replaces all data with `snapshot` (e.g. a bulk import). It is parsed and checked like any
   * snapshot first; when that throws (a ZodError), nothing has changed. Issues no longer in the
   * data lose their lookups.
   */
  replaceAll(snapshot: unknown): void {
    this.data = JiraSnapshot.parse(snapshot);
    this.issuesById.clear();
    this.issuesByKey.clear();
    this.childrenById.clear();
    this.usersById.clear();
    this.load();
  }

  private load(): void {
    const data = this.data;
    for (const user of data.users) this.usersById.set(user.accountId, user);
    for (const issue of data.issues) this.index(issue);
    // ids and keys are never reused: continue after the highest one present
    const projects = new Map(data.projects.map((p) => [p.id, p]));
    for (const issue of data.issues) {
      data.lastIssueId = Math.max(data.lastIssueId, Number(issue.id));
      const project = projects.get(issue.projectId);
      if (project)
        project.lastIssueNumber = Math.max(project.lastIssueNumber, Number(issue.key.slice(project.key.length + 1)));
    }
    // a key an issue had before it moved is not handed out again either
    for (const oldKey of Object.keys(data.movedKeys)) {
      const dash = oldKey.lastIndexOf('-');
      const project = data.projects.find((p) => p.key === oldKey.slice(0, dash));
      if (project) project.lastIssueNumber = Math.max(project.lastIssueNumber, Number(oldKey.slice(dash + 1)));
    }
  }

  /** The data as plain JSON (a deep copy, so later changes do not leak into it). */
  toSnapshot(): JiraSnapshot {
    return structuredClone(this.data);
  }

  get appAccountId(): string {
    return this.data.appAccountId;
  }

  // ---- catalogue -------------------------------------------------------------------------

  users(): readonly JiraUser[] {
    return this.data.users;
  }
  user(accountId: string): JiraUser | undefined {
    return this.usersById.get(accountId);
  }
  projects(): readonly JiraProject[] {
    return this.data.projects;
  }
  project(idOrKey: string): JiraProject | undefined {
    const upper = idOrKey.toUpperCase();
    return this.data.projects.find((p) => p.id === idOrKey || p.key === upper);
  }
  projectById(id: string): JiraProject | undefined {
    return this.data.projects.find((p) => p.id === id);
  }
  issueTypes(): readonly IssueType[] {
    return this.data.issueTypes;
  }
  issueType(id: string): IssueType | undefined {
    return this.data.issueTypes.find((t) => t.id === id);
  }
  statuses(): readonly Status[] {
    return this.data.statuses;
  }
  status(id: string): Status | undefined {
    return this.data.statuses.find((s) => s.id === id);
  }
  priorities(): readonly Priority[] {
    return this.data.priorities;
  }
  priority(id: string): Priority | undefined {
    return this.data.priorities.find((p) => p.id === id);
  }
  resolutions(): readonly Resolution[] {
    return this.data.resolutions;
  }
  resolution(id: string): Resolution | undefined {
    return this.data.resolutions.find((r) => r.id === id);
  }
  get doneResolutionId(): string | null {
    return this.data.doneResolutionId;
  }
  get defaultPriorityId(): string | null {
    return this.data.defaultPriorityId;
  }

  // ---- issues ----------------------------------------------------------------------------

  issues(): readonly StoredIssue[] {
    return this.data.issues;
  }
  issueById(id: string): StoredIssue | undefined {
    return this.issuesById.get(id);
  }
  /** By id, or by key case-insensitively (as Jira finds `tet-1`), also a key it had before a move. */
  issue(idOrKey: string): StoredIssue | undefined {
    const key = idOrKey.toUpperCase();
    const found = this.issuesById.get(idOrKey) ?? this.issuesByKey.get(key);
    if (found !== undefined) return found;
    const movedTo = this.data.movedKeys[key];
    return movedTo === undefined ? undefined : this.issuesById.get(movedTo);
  }

  /**
   * Moves an issue to another project under a new key (its id stays); the old key keeps finding it.
   * Returns the old key.
   */
  moveIssue(issue: StoredIssue, project: JiraProject): string {
    const oldKey = issue.key;
    this.issuesByKey.delete(oldKey);
    this.data.movedKeys[oldKey] = issue.id;
    issue.projectId = project.id;
    issue.key = this.nextIssueKey(project);
    this.issuesByKey.set(issue.key, issue);
    return oldKey;
  }
  /** Direct children (any type) of an issue. */
  children(id: string): StoredIssue[] {
    const ids = this.childrenById.get(id);
    if (!ids) return [];
    const out: StoredIssue[] = [];
    for (const childId of ids) {
      const child = this.issuesById.get(childId);
      if (child) out.push(child);
    }
    return out;
  }

  nextIssueId(): string {
    this.data.lastIssueId += 1;
    return String(this.data.lastIssueId);
  }
  nextIssueKey(project: JiraProject): string {
    project.lastIssueNumber += 1;
    return `${project.key}-${project.lastIssueNumber}`;
  }
  nextChangelogId(): string {
    this.data.lastChangelogId += 1;
    return String(this.data.lastChangelogId);
  }

  insertIssue(issue: StoredIssue): void {
    this.data.issues.push(issue);
    this.index(issue);
  }

  /** Re-links an issue under a new parent (or none). */
  setParent(issue: StoredIssue, parentId: string | null): void {
    if (issue.parentId !== null) this.childrenById.get(issue.parentId)?.delete(issue.id);
    issue.parentId = parentId;
    if (parentId !== null) this.linkChild(parentId, issue.id);
  }

  /** The issue panels added to an issue (module keys, in the order they were added). */
  addedPanels(issueId: string): readonly string[] {
    return this.data.issuePanels[issueId] ?? [];
  }

  /** Adds an issue panel to an issue; false when it was there already. */
  addPanel(issueId: string, moduleKey: string): boolean {
    const panels = this.data.issuePanels[issueId] ?? [];
    if (panels.includes(moduleKey)) return false;
    this.data.issuePanels[issueId] = [...panels, moduleKey];
    return true;
  }

  /** The dashboard of a user (created on first use), with its gadgets in the order they were added. */
  dashboardOf(accountId: string): { id: string; gadgets: DashboardGadgetRecord[] } {
    const found = Object.entries(this.data.dashboards).find(([, d]) => d.owner === accountId);
    if (found !== undefined) return { id: found[0], gadgets: found[1].gadgets };
    const id = this.nextDashboardId();
    this.data.dashboards[id] = { owner: accountId, gadgets: [] };
    return { id, gadgets: this.data.dashboards[id].gadgets };
  }

  /** Adds a gadget of `moduleKey` to a dashboard, without a configuration; its id. */
  addGadget(dashboardId: string, moduleKey: string): string | null {
    const dashboard = this.data.dashboards[dashboardId];
    if (dashboard === undefined) return null;
    const id = this.nextDashboardId();
    dashboard.gadgets.push({ id, moduleKey, configuration: null });
    return id;
  }

  /** Stores a gadget's configuration (what its edit view submitted); false when there is no such gadget. */
  configureGadget(dashboardId: string, gadgetId: string, configuration: Record<string, unknown>): boolean {
    const gadget = this.data.dashboards[dashboardId]?.gadgets.find((g) => g.id === gadgetId);
    if (gadget === undefined) return false;
    gadget.configuration = configuration;
    return true;
  }

  removeGadget(dashboardId: string, gadgetId: string): boolean {
    const dashboard = this.data.dashboards[dashboardId];
    const at = dashboard?.gadgets.findIndex((g) => g.id === gadgetId) ?? -1;
    if (dashboard === undefined || at < 0) return false;
    dashboard.gadgets.splice(at, 1);
    return true;
  }

  private nextDashboardId(): string {
    this.data.lastDashboardId += 1;
    return String(this.data.lastDashboardId);
  }

  removeIssue(issue: StoredIssue): void {
    delete this.data.issuePanels[issue.id];
    const at = this.data.issues.indexOf(issue);
    if (at >= 0) this.data.issues.splice(at, 1);
    this.issuesById.delete(issue.id);
    this.issuesByKey.delete(issue.key);
    if (issue.parentId !== null) this.childrenById.get(issue.parentId)?.delete(issue.id);
    this.childrenById.delete(issue.id);
  }

  private index(issue: StoredIssue): void {
    this.issuesById.set(issue.id, issue);
    this.issuesByKey.set(issue.key, issue);
    if (issue.parentId !== null) this.linkChild(issue.parentId, issue.id);
  }

  private linkChild(parentId: string, childId: string): void {
    let set = this.childrenById.get(parentId);
    if (!set) {
      set = new Set();
      this.childrenById.set(parentId, set);
    }
    set.add(childId);
  }
}

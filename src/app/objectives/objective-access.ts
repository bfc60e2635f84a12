/**
 * Who may see and change an objective, decided on the server for every request:
 *
 *   see      its owner; the leads and members of its workgroup; for a public objective, anyone
 *            who may browse one of its workgroup's projects (BROWSE_PROJECTS), or any signed-in
 *            user when it has no workgroup; Jira administrators see everything. A restricted
 *            objective is invisible to everyone else: reads leave it out, writes answer NOT_FOUND.
 *   manage   (structure: owner, workgroup, parent, alignments, weight, status, visibility, key
 *            results) an objective below the top level that belongs to a workgroup: that
 *            workgroup's leads; any other (organisation level, or no workgroup): Jira
 *            administrators only; Jira administrators may manage every objective.
 *   own      the owner may change the objective's title and description and its key results'
 *            targets, and check in.
 *
 * Workgroups are read in batches and kept for the invocation; Jira is asked only when a rule
 * needs it (a public objective of a workgroup in a project not known to be browsable, or a
 * site-admin question), and each answer once per invocation (Permissions caches them).
 */
import type { Level, Objective } from '../../contract';
import type { WorkgroupRecord } from '../../contract/api';
import { forbidden, notFound } from '../app-failure';
import type { Permissions } from '../permissions';
import type { WorkgroupStore } from '../workgroup-store';

export type AccessSubject = Pick<Objective, 'key' | 'owner' | 'workgroupId' | 'visibility' | 'levelId'>;

export class ObjectiveAccess {
  private readonly known = new Map<string, WorkgroupRecord | null>();
  private readonly browsable: Set<string>;

  constructor(
    private readonly permissions: Permissions,
    private readonly workgroups: WorkgroupStore,
    private readonly levels: readonly Pick<Level, 'id'>[],
    /** Projects the caller is known to browse already (the project page checked its own). */
    browsable: readonly string[] = [],
  ) {
    this.browsable = new Set(browsable);
  }

  get accountId(): string | null {
    return this.permissions.accountId;
  }

  /** Workgroups already read (e.g. a project's), so they are not read again. */
  remember(workgroups: Iterable<WorkgroupRecord>): void {
    for (const w of workgroups) this.known.set(w.id, w);
  }

  /** Reads, in one batch, the workgroups of these objectives that are not known yet. */
  async load(objectives: Iterable<Pick<Objective, 'workgroupId'>>): Promise<void> {
    const missing = new Set<string>();
    for (const o of objectives) if (o.workgroupId !== null && !this.known.has(o.workgroupId)) missing.add(o.workgroupId);
    if (missing.size === 0) return;
    const found = await this.workgroups.getMany([...missing]);
    for (const id of missing) this.known.set(id, found.get(id) ?? null);
  }

  async workgroup(id: string | null): Promise<WorkgroupRecord | null> {
    if (id === null) return null;
    if (!this.known.has(id)) await this.load([{ workgroupId: id }]);
    return this.known.get(id) ?? null;
  }

  isTopLevel(o: Pick<Objective, 'levelId'>): boolean {
    return this.levels[0]?.id === o.levelId;
  }

  isSiteAdmin(): Promise<boolean> {
    return this.permissions.isSiteAdmin();
  }

  async canView(o: AccessSubject): Promise<boolean> {
    const me = this.permissions.accountId;
    if (me === null) return false;
    if (o.owner === me) return true;
    const w = await this.workgroup(o.workgroupId);
    if (w !== null && (this.permissions.isLeadOf(w) || this.permissions.isMemberOf(w))) return true;
    if (o.visibility === 'restricted') return this.permissions.isSiteAdmin();
    if (o.workgroupId === null) return true;
    if (w === null) return this.permissions.isSiteAdmin();
    if (w.projects.some((p) => this.browsable.has(p))) return true;
    for (const p of w.projects) {
      if (await this.permissions.canBrowseProject(p)) {
        this.browsable.add(p);
        return true;
      }
    }
    return this.permissions.isSiteAdmin();
  }

  /** The objectives among `list` the caller may see, in the same order. */
  async visible<T extends AccessSubject>(list: readonly T[]): Promise<T[]> {
    await this.load(list);
    const shown: T[] = [];
    for (const o of list) if (await this.canView(o)) shown.push(o);
    return shown;
  }

  /** NOT_FOUND for an objective that does not exist or that the caller may not see (the two look the same). */
  async requireView<T extends AccessSubject>(key: string, o: T | null): Promise<T> {
    if (o === null || !(await this.canView(o))) throw notFound(`There is no objective ${key}`);
    return o;
  }

  async canManage(o: Pick<Objective, 'workgroupId' | 'levelId'>): Promise<boolean> {
    if (o.workgroupId !== null && !this.isTopLevel(o)) {
      const w = await this.workgroup(o.workgroupId);
      if (w !== null && this.permissions.isLeadOf(w)) return true;
    }
    return this.permissions.isSiteAdmin();
  }

  /** Who may manage such an objective, for refusals: `the leads of workgroup "Web Squad" and Jira administrators`. */
  async managers(o: Pick<Objective, 'workgroupId' | 'levelId'>): Promise<string> {
    if (o.workgroupId === null || this.isTopLevel(o)) return 'Jira administrators';
    const w = await this.workgroup(o.workgroupId);
    return `the leads of workgroup "${w?.name ?? o.workgroupId}" and Jira administrators`;
  }

  /** FORBIDDEN unless the caller may manage every one of `objectives` (e.g. as it is and as it will be). */
  async requireManage(doing: string, ...objectives: Pick<Objective, 'workgroupId' | 'levelId'>[]): Promise<void> {
    this.permissions.requireUser();
    for (const o of objectives) {
      if (!(await this.canManage(o))) throw forbidden(`Only ${await this.managers(o)} can ${doing}`);
    }
  }
}

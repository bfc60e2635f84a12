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
 *            targets, and check in; a key result's owner may change that key result's targets
 *            and check in on it.
 *   link     work may be linked to an objective the caller sees, unless it is archived (the
 *            issue's EDIT_ISSUES is checked by the caller of this class).
 *
 * The change keys allow or refuse with canManage, canEdit, canEditTargets, canCheckIn, canLink
 * and canReadAnswers; the views answer `can` (what the UI offers) with the same functions.
 *
 * Workgroups are read in batches and kept for the invocation; Jira is asked only when a rule
 * needs it (a public objective of a workgroup in a project not known to be browsable, or a
 * site-admin question), and each answer once per invocation (Permissions caches them).
 */
import type { KeyResult, Level, Objective } from '../../contract';
import type { KeyResultCan, ObjectiveCan, WorkgroupRecord } from '../../contract/api';
import { forbidden, notFound } from '../app-failure';
import type { Permissions } from '../permissions';
import type { WorkgroupStore } from '../../ports';

export type AccessSubject = Pick<Objective, 'key' | 'owner' | 'workgroupId' | 'visibility' | 'levelId'>;
type ManageSubject = Pick<Objective, 'workgroupId' | 'levelId'>;
type OwnSubject = Pick<Objective, 'owner' | 'workgroupId' | 'levelId'>;

export interface AccessOptions {
  /** Projects the caller is known to browse already (the project page checked its own). */
  browsable?: readonly string[];
  /**
   * Where the rules that grant Jira administrators more (manage, read answers) take the answer
   * from: Jira, asked in this invocation (every change), or `view` — Permissions.isSiteAdminForView,
   * the answer remembered with the browse grant — for a read view's `can`, which allows nothing.
   * Who may *see* an objective always asks Jira.
   */
  siteAdmin?: 'jira' | 'view';
}

export class ObjectiveAccess {
  private readonly known = new Map<string, WorkgroupRecord | null>();
  private readonly browsable: Set<string>;
  private readonly forView: boolean;

  constructor(
    private readonly permissions: Permissions,
    private readonly workgroups: Pick<WorkgroupStore, 'getMany'>,
    private readonly levels: readonly Pick<Level, 'id'>[],
    options: AccessOptions = {},
  ) {
    this.browsable = new Set(options.browsable ?? []);
    this.forView = options.siteAdmin === 'view';
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
    for (const o of objectives)
      if (o.workgroupId !== null && !this.known.has(o.workgroupId)) missing.add(o.workgroupId);
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

  /** May change its structure (and everything else): its workgroup's leads below the top level, Jira administrators. */
  async canManage(o: ManageSubject): Promise<boolean> {
    if (o.workgroupId !== null && !this.isTopLevel(o)) {
      const w = await this.workgroup(o.workgroupId);
      if (w !== null && this.permissions.isLeadOf(w)) return true;
    }
    return this.siteAdmin();
  }

  /** Its owner. */
  owns(o: Pick<Objective, 'owner'>): boolean {
    return this.accountId !== null && o.owner === this.accountId;
  }

  /** May change its title and description: its owner, whoever manages it. */
  async canEdit(o: OwnSubject): Promise<boolean> {
    return this.owns(o) || this.canManage(o);
  }

  /** May change the targets of its key result `kr`: the objective's owner, the key result's owner, whoever manages it. */
  async canEditTargets(o: OwnSubject, kr: Pick<KeyResult, 'owner'>): Promise<boolean> {
    return this.owns(o) || this.owns(kr) || this.canManage(o);
  }

  /** May check in on it (`kr` null) or on its key result `kr`: the objective's owner, the key result's owner, whoever manages it. */
  async canCheckIn(o: OwnSubject, kr: Pick<KeyResult, 'owner'> | null): Promise<boolean> {
    return this.owns(o) || (kr !== null && this.owns(kr)) || this.canManage(o);
  }

  /** May link new work to it, as far as the objective decides (whoever sees it; requireView checks that): it is not archived. */
  canLink(o: Pick<Objective, 'status'>): boolean {
    return o.status !== 'cancelled';
  }

  /** May read the answered prompts of a workgroup: its leads, Jira administrators. */
  async canReadAnswers(w: Pick<WorkgroupRecord, 'leads'>): Promise<boolean> {
    return this.permissions.isLeadOf(w) || this.siteAdmin();
  }

  /** What the caller may do with an objective they see, by the functions above: a view's `can`. */
  async can(
    o: OwnSubject & Pick<Objective, 'status'> & { keyResults: readonly Pick<KeyResult, 'id' | 'owner'>[] },
  ): Promise<ObjectiveCan> {
    const workgroup = await this.workgroup(o.workgroupId);
    const [manage, edit, checkIn, readAnswers, keyResults] = await Promise.all([
      this.canManage(o),
      this.canEdit(o),
      this.canCheckIn(o, null),
      workgroup === null ? false : this.canReadAnswers(workgroup),
      Promise.all(
        o.keyResults.map(async (kr): Promise<[string, KeyResultCan]> => [
          kr.id,
          { checkIn: await this.canCheckIn(o, kr), editTargets: await this.canEditTargets(o, kr) },
        ]),
      ),
    ]);
    return { manage, edit, checkIn, link: this.canLink(o), readAnswers, keyResults: Object.fromEntries(keyResults) };
  }

  private siteAdmin(): Promise<boolean> {
    return this.forView ? this.permissions.isSiteAdminForView() : this.permissions.isSiteAdmin();
  }

  /** Who may manage such an objective, for refusals: `the leads of workgroup "Web Squad" and Jira administrators`. */
  async managers(o: ManageSubject): Promise<string> {
    if (o.workgroupId === null || this.isTopLevel(o)) return 'Jira administrators';
    const w = await this.workgroup(o.workgroupId);
    return `the leads of workgroup "${w?.name ?? o.workgroupId}" and Jira administrators`;
  }

  /** FORBIDDEN unless the caller may manage every one of `objectives` (e.g. as it is and as it will be). */
  async requireManage(doing: string, ...objectives: ManageSubject[]): Promise<void> {
    this.permissions.requireUser();
    for (const o of objectives) {
      if (!(await this.canManage(o))) throw forbidden(`Only ${await this.managers(o)} can ${doing}`);
    }
  }
}

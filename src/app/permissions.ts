/**
 * Who may do what in Tether, asked of Jira as the invoking user and never taken from the
 * frontend. One instance per invocation: answers are cached for that invocation only (a
 * permission granted or revoked in Jira applies from the next call).
 *
 *   site admin          ADMINISTER in the site scope ("Administer Jira")
 *   workgroup lead      the account is in the workgroup's `leads`
 *   view a project      BROWSE_PROJECTS on the project
 *   link an issue       EDIT_ISSUES on the issue
 *
 * Settings, levels, periods and workgroups may be changed by site admins only. A denial is a
 * FORBIDDEN failure, raised before anything is read or written for the request.
 *
 * With a GrantCache, `requireBrowseProject` (the project's read views: the project page, its
 * workgroups) takes BROWSE_PROJECTS on a project that Jira granted the user in the last five
 * minutes from storage instead of asking again (a project page then costs no Jira call);
 * refusals, every other permission and every other question are asked of Jira each invocation.
 * Jira's ADMINISTER answer is asked in the same call as a grant and remembered with it, for
 * `isSiteAdminForView` only: what a read view offers, never what a change is allowed.
 *
 * ADMINISTER is a global permission: asked with a project's or an issue's permissions (one Jira
 * call), its answer is kept as the site-wide one.
 */
import { AppFailure, forbidden } from './app-failure';
import { GRANT_TTL_MS } from './grant-ttl';
import type { Clock, JiraPermission, JiraPort, PermissionScope, GrantCache } from '../ports';

export type PermissionsJira = Pick<JiraPort, 'myPermissions' | 'permittedProjects'>;

const SITE: PermissionScope = { site: true };
/** Jira's global permissions among those the app asks about: the same answer in every scope. */
const GLOBAL: ReadonlySet<JiraPermission> = new Set(['ADMINISTER']);

export class Permissions {
  private readonly answers = new Map<string, Promise<boolean>>();
  /** The ADMINISTER answer remembered with a grant read in this invocation (null: none read). */
  private rememberedSiteAdmin: boolean | null = null;

  constructor(
    private readonly jira: PermissionsJira,
    /** The invoking user; null when the call has no user (Forge gives none, e.g. to triggers). */
    readonly accountId: string | null,
    /** Remembered grants (src/app/grant-ttl.ts, src/ports/grants.ts); without it every question goes to Jira. */
    private readonly remembered: { cache: GrantCache; clock: Clock } | null = null,
  ) {}

  /** The invoking user's account id; FORBIDDEN when there is none. */
  requireUser(): string {
    if (this.accountId === null) throw forbidden('Sign in to Jira to use Tether');
    return this.accountId;
  }

  isSiteAdmin(): Promise<boolean> {
    return this.has(SITE, 'ADMINISTER');
  }

  /**
   * Whether the user is a Jira administrator, for what a read view offers them (its `can`), never
   * for allowing a change: Jira's answer when this invocation has it, else the one remembered
   * with the browse grant the view was allowed by (at most five minutes old), else Jira's.
   */
  isSiteAdminForView(): Promise<boolean> {
    const asked = this.answers.get(answerKey(SITE, 'ADMINISTER'));
    if (asked !== undefined) return asked;
    if (this.rememberedSiteAdmin !== null) return Promise.resolve(this.rememberedSiteAdmin);
    return this.isSiteAdmin();
  }

  canBrowseProject(projectKey: string): Promise<boolean> {
    return this.has({ projectKey }, 'BROWSE_PROJECTS');
  }

  canEditIssue(issueKey: string): Promise<boolean> {
    return this.has({ issueKey }, 'EDIT_ISSUES');
  }

  canBrowseIssue(issueKey: string): Promise<boolean> {
    return this.has({ issueKey }, 'BROWSE_PROJECTS');
  }

  /**
   * Asks Jira about several permissions in one scope with one call; the answers are cached like
   * any other, so the questions that follow cost nothing (e.g. browse and edit of one issue).
   */
  async prefetch(scope: PermissionScope, permissions: readonly JiraPermission[]): Promise<void> {
    if (this.accountId === null) return;
    const keyOf = (p: JiraPermission) => answerKey(GLOBAL.has(p) ? SITE : scope, p);
    const missing = permissions.filter((p) => !this.answers.has(keyOf(p)));
    if (missing.length === 0) return;
    const granted = this.jira.myPermissions(scope, missing).catch((error: unknown) => {
      if (error instanceof AppFailure && error.code === 'NOT_FOUND') return null;
      for (const p of missing) this.answers.delete(keyOf(p));
      throw error;
    });
    for (const p of missing) {
      // a project or issue Jira does not show the user (404) answers nothing about global permissions: those are asked on their own
      const answer = granted.then((g) => (g !== null ? g.has(p) : GLOBAL.has(p) ? this.ask(SITE, p) : false));
      answer.catch(() => undefined); // the failure is thrown below; asked again, it is asked again
      this.answers.set(keyOf(p), answer);
    }
    await granted;
  }

  /**
   * Whether the user may browse each of these projects, asked of Jira in one call ("Get permitted
   * projects": the keys of every project they may browse) and kept as this invocation's answers,
   * so canBrowseProject asks nothing more about them; a project not listed is a "no", as a 404 from
   * mypermissions is. Without that call on the port, or for one project, they are asked one
   * project a call, all at once. Nothing is decided here.
   */
  async prefetchBrowseProjects(projectKeys: readonly string[]): Promise<void> {
    if (this.accountId === null) return;
    const keyOf = (projectKey: string) => answerKey({ projectKey }, 'BROWSE_PROJECTS');
    const missing = [...new Set(projectKeys)].filter((k) => !this.answers.has(keyOf(k)));
    if (missing.length === 0) return;
    if (this.jira.permittedProjects === undefined || missing.length === 1) {
      await Promise.all(missing.map((k) => this.canBrowseProject(k)));
      return;
    }
    const permitted = this.jira.permittedProjects(['BROWSE_PROJECTS']).catch((error: unknown) => {
      for (const k of missing) this.answers.delete(keyOf(k)); // not kept: asked again, it is asked again
      throw error;
    });
    for (const k of missing) {
      const answer = permitted.then((keys) => keys.has(k));
      answer.catch(() => undefined); // the failure is thrown below
      this.answers.set(keyOf(k), answer);
    }
    await permitted;
  }

  isLeadOf(workgroup: { leads: readonly string[] }): boolean {
    return this.accountId !== null && workgroup.leads.includes(this.accountId);
  }

  isMemberOf(workgroup: { members: readonly string[] }): boolean {
    return this.accountId !== null && workgroup.members.includes(this.accountId);
  }

  /** FORBIDDEN unless the user is a Jira administrator; `doing` completes "Only Jira administrators can …". */
  async requireSiteAdmin(doing: string): Promise<string> {
    const accountId = this.requireUser();
    if (!(await this.isSiteAdmin())) throw forbidden(`Only Jira administrators can ${doing}`);
    return accountId;
  }

  /** FORBIDDEN unless the user may browse the project; a grant remembered in the last five minutes counts. */
  async requireBrowseProject(projectKey: string): Promise<string> {
    const accountId = this.requireUser();
    if (!(await this.has({ projectKey }, 'BROWSE_PROJECTS', `browse:${projectKey}`)))
      throw forbidden(`You do not have permission to browse project ${projectKey}`);
    return accountId;
  }

  async requireEditIssue(issueKey: string): Promise<string> {
    const accountId = this.requireUser();
    if (!(await this.canEditIssue(issueKey))) throw forbidden(`You do not have permission to edit issue ${issueKey}`);
    return accountId;
  }

  /**
   * One permission in one scope, asked once per invocation. Without a user, nothing is granted.
   * A project or issue Jira does not show the user (404) is a "no", as Jira itself treats it.
   * With `grant`, a remembered grant of that name answers, and Jira's grant is remembered.
   */
  private has(scope: PermissionScope, permission: JiraPermission, grant: string | null = null): Promise<boolean> {
    if (this.accountId === null) return Promise.resolve(false);
    const key = answerKey(scope, permission);
    let answer = this.answers.get(key);
    if (answer === undefined) {
      answer = (
        grant === null ? this.ask(scope, permission) : this.askRemembered(this.accountId, grant, scope, permission)
      ).catch((error: unknown) => {
        this.answers.delete(key); // not kept: asked again, it is asked again
        throw error;
      });
      this.answers.set(key, answer);
    }
    return answer;
  }

  /**
   * A remembered grant when it is fresh (and the ADMINISTER answer kept with it); else Jira, asked
   * for the permission and ADMINISTER in one call, remembering both for the next invocations
   * when the permission is granted.
   */
  private async askRemembered(
    accountId: string,
    grant: string,
    scope: PermissionScope,
    permission: JiraPermission,
  ): Promise<boolean> {
    if (this.remembered === null) return this.ask(scope, permission);
    const { cache, clock } = this.remembered;
    const remembered = await cache.recall(accountId, grant);
    const now = clock.now();
    if (remembered !== null && remembered.at <= now && now - remembered.at < GRANT_TTL_MS) {
      this.rememberedSiteAdmin = remembered.siteAdmin;
      return true;
    }
    const { granted, siteAdmin } = await this.askWithSiteAdmin(scope, permission);
    if (granted) await cache.remember(accountId, grant, { at: now, siteAdmin });
    return granted;
  }

  /**
   * Jira's answers to `permission` in `scope` and to ADMINISTER, in one call; the ADMINISTER
   * answer becomes this invocation's. A project or issue Jira does not show the user (404) is a
   * "no" to the permission and says nothing of ADMINISTER.
   */
  private async askWithSiteAdmin(
    scope: PermissionScope,
    permission: JiraPermission,
  ): Promise<{ granted: boolean; siteAdmin: boolean | null }> {
    const adminKey = answerKey(SITE, 'ADMINISTER');
    const known = this.answers.get(adminKey);
    if (known !== undefined) return { granted: await this.ask(scope, permission), siteAdmin: await known };
    let found: Set<JiraPermission>;
    try {
      found = await this.jira.myPermissions(scope, [permission, 'ADMINISTER']);
    } catch (error) {
      if (error instanceof AppFailure && error.code === 'NOT_FOUND') return { granted: false, siteAdmin: null };
      throw error;
    }
    const siteAdmin = found.has('ADMINISTER');
    if (!this.answers.has(adminKey)) this.answers.set(adminKey, Promise.resolve(siteAdmin));
    return { granted: found.has(permission), siteAdmin };
  }

  /** Jira's answer; a project or issue Jira does not show the user (404) is a "no". */
  private ask(scope: PermissionScope, permission: JiraPermission): Promise<boolean> {
    return this.jira.myPermissions(scope, [permission]).then(
      (granted) => granted.has(permission),
      (error: unknown) => {
        if (error instanceof AppFailure && error.code === 'NOT_FOUND') return false;
        throw error;
      },
    );
  }
}

function answerKey(scope: PermissionScope, permission: JiraPermission): string {
  return `${JSON.stringify(scope)} ${permission}`;
}

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
 */
import type { Clock, JiraPermission, JiraPort, PermissionScope } from '../ports';
import { AppFailure, forbidden } from './app-failure';
import { GRANT_TTL_MS, type GrantCache } from './grant-cache';

export type PermissionsJira = Pick<JiraPort, 'myPermissions'>;

export class Permissions {
  private readonly answers = new Map<string, Promise<boolean>>();

  constructor(
    private readonly jira: PermissionsJira,
    /** The invoking user; null when the call has no user (Forge gives none, e.g. to triggers). */
    readonly accountId: string | null,
    /** Remembered grants (src/app/grant-cache.ts); without it every question goes to Jira. */
    private readonly remembered: { cache: GrantCache; clock: Clock } | null = null,
  ) {}

  /** The invoking user's account id; FORBIDDEN when there is none. */
  requireUser(): string {
    if (this.accountId === null) throw forbidden('Sign in to Jira to use Tether');
    return this.accountId;
  }

  isSiteAdmin(): Promise<boolean> {
    return this.has({ site: true }, 'ADMINISTER');
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
    const missing = permissions.filter((p) => !this.answers.has(answerKey(scope, p)));
    if (missing.length === 0) return;
    const granted = this.jira.myPermissions(scope, missing).catch((error: unknown) => {
      if (error instanceof AppFailure && error.code === 'NOT_FOUND') return new Set<JiraPermission>();
      for (const p of missing) this.answers.delete(answerKey(scope, p));
      throw error;
    });
    for (const p of missing) {
      const answer = granted.then((g) => g.has(p));
      answer.catch(() => undefined); // the failure is thrown below; asked again, it is asked again
      this.answers.set(answerKey(scope, p), answer);
    }
    await granted;
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
    if (!(await this.has({ projectKey }, 'BROWSE_PROJECTS', `browse:${projectKey}`))) throw forbidden(`You do not have permission to browse project ${projectKey}`);
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
      answer = (grant === null ? this.ask(scope, permission) : this.askRemembered(this.accountId, grant, scope, permission)).catch((error: unknown) => {
        this.answers.delete(key); // not kept: asked again, it is asked again
        throw error;
      });
      this.answers.set(key, answer);
    }
    return answer;
  }

  /** A remembered grant when it is fresh; else Jira, remembering a grant for the next invocations. */
  private async askRemembered(accountId: string, grant: string, scope: PermissionScope, permission: JiraPermission): Promise<boolean> {
    if (this.remembered === null) return this.ask(scope, permission);
    const { cache, clock } = this.remembered;
    const at = await cache.grantedAt(accountId, grant);
    const now = clock.now();
    if (at !== null && at <= now && now - at < GRANT_TTL_MS) return true;
    const granted = await this.ask(scope, permission);
    if (granted) await cache.remember(accountId, grant, now);
    return granted;
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

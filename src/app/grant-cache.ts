/**
 * A short-lived record of permissions Jira has granted a user, kept in app storage so that a
 * page load can skip the Jira question it asked a moment ago. Only read permissions are kept
 * (BROWSE_PROJECTS on a project), only grants (a refusal is asked again every time, so a user
 * who is given access sees it at once), and only for GRANT_TTL_MS: a revoked permission stops
 * showing Tether's data at most that long after Jira stops showing the project.
 *
 * With the grant, Jira's answer to "is this user a Jira administrator?" (asked in the same call)
 * is kept, yes or no. It is never used to allow anything: only a read view's `can` (what to offer
 * the user) takes it, so that the page shows the buttons the server would honour without a Jira
 * call; every change asks Jira again (Permissions.isSiteAdmin).
 * Why not the Forge context: docs/resolvers.md "Permissions remembered for five minutes".
 */
export const GRANT_TTL_MS = 5 * 60_000;

export interface RememberedGrant {
  /** When Jira granted it (epoch ms). */
  at: number;
  /** Jira's ADMINISTER answer asked with it; null when it was not asked (a record written before it was). */
  siteAdmin: boolean | null;
}

export interface GrantCache {
  /** The grant as remembered for the account, or null when it is not. */
  recall(accountId: string, grant: string): Promise<RememberedGrant | null>;
  /** Remembers that Jira granted `grant` to the account, for GRANT_TTL_MS. */
  remember(accountId: string, grant: string, remembered: RememberedGrant): Promise<void>;
}

/**
 * A short-lived record of permissions Jira has granted a user, kept in app storage so that a
 * page load can skip the Jira question it asked a moment ago. Only read permissions are kept
 * (BROWSE_PROJECTS on a project), only grants (a refusal is asked again every time, so a user
 * who is given access sees it at once), and only for GRANT_TTL_MS: a revoked permission stops
 * showing Tether's data at most that long after Jira stops showing the project.
 * Why not the Forge context: docs/resolvers.md "Permissions remembered for five minutes".
 */
export const GRANT_TTL_MS = 5 * 60_000;

export interface GrantCache {
  /** When Jira last granted `grant` to the account (epoch ms), or null when it is not remembered. */
  grantedAt(accountId: string, grant: string): Promise<number | null>;
  /** Remembers that Jira granted `grant` to the account at `at`, for GRANT_TTL_MS. */
  remember(accountId: string, grant: string, at: number): Promise<void>;
}

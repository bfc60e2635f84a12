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

/** Remembered permission grants (src/forge/store/grant-cache.ts). */
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

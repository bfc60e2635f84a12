/** Issue and objective rollup records (src/forge/store/rollup-store.ts). */
import type { StoredIssue, StoredLinkedKeys, StoredRollup } from '../app/rollup/stored-records';
import type { LinkRef } from './contributions';

/** What the live rollup reads and writes; implemented on Forge storage in src/forge/store. */
export interface RollupStore {
  /** The stored issues with these keys (absent keys are left out). */
  getIssues(keys: readonly string[]): Promise<Map<string, StoredIssue>>;
  /** Stored issues whose Jira parent is `parentKey` (whether or not that parent is stored). */
  issuesWithParent(parentKey: string): Promise<StoredIssue[]>;
  getRollups(objectiveIds: readonly string[]): Promise<Map<string, StoredRollup>>;
  /** The contributions made on one issue (it may have been linked before Jira told us about it). */
  linksOn(issueKey: string): Promise<{ objectiveId: string; keyResultId: string | null }[]>;
  /**
   * Every issue key linked to the objective or one of its key results, as the contribution index
   * lists them (a query: it may not show a link made or removed a moment ago).
   */
  linkedIssues(objectiveId: string): Promise<{ issueKey: string; keyResultId: string | null }[]>;
  /** Which of these links are stored now, read by key (consistent: a link made or removed a moment ago is as it is now). */
  storedLinks(refs: readonly LinkRef[]): Promise<LinkRef[]>;
  /** The keys of the issues saved linked to each objective, read by key (consistent); absent: none saved yet. */
  getLinkedKeys(objectiveIds: readonly string[]): Promise<Map<string, StoredLinkedKeys>>;
  /**
   * Writes the changes together. Each record carries the version it was read with; when another
   * writer got there first, nothing is written and RollupConflict is thrown.
   */
  save(changes: RollupChanges): Promise<void>;
}

/** What one save writes: issue records, issues deleted, rollups, and the linked keys of objectives. */
export interface RollupChanges {
  issues: StoredIssue[];
  deletedIssues: string[];
  rollups: StoredRollup[];
  linkedKeys?: StoredLinkedKeys[];
}

/** Another invocation changed a record between our read and our write. */
export class RollupConflict extends Error {
  override readonly name = 'RollupConflict';
}

export type { RollupSettings } from '../domain/rollup/records';

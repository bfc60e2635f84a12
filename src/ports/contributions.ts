/** Links between issues and objectives (src/forge/store/contribution-store.ts) and the queue that writes issue properties (src/forge/queue/). */
import type { Contribution } from '../contract';

/** Which link: an issue, an objective and one of its key results (or null for the objective as a whole). */
export interface LinkRef {
  issueKey: string;
  objectiveId: string;
  keyResultId: string | null;
}

/**
 * The links from issues to objectives (src/forge/store/contribution-store.ts: the `contribution`
 * entity, one record per issue, objective and key result).
 */
export interface ContributionStore {
  get(ref: LinkRef): Promise<Contribution | null>;
  /** Stores the link unless it is there already; true when it was added. */
  add(contribution: Contribution): Promise<boolean>;
  /** Removes the link if it is there; true when it was removed. */
  remove(ref: LinkRef): Promise<boolean>;
  /** The links made on one issue. */
  onIssue(issueKey: string): Promise<Contribution[]>;
  /** The links made on several issues, per issue (one query each, run together). */
  onIssues(issueKeys: readonly string[]): Promise<Map<string, Contribution[]>>;
  /** The links to an objective or one of its key results. */
  ofObjective(objectiveId: string): Promise<Contribution[]>;
}

/** Hands issue keys to a later invocation (the async queue on Forge) that writes their property. */
export interface PropertyQueue {
  push(issueKeys: readonly string[]): Promise<void>;
  /** Writes again, later, the property of every issue serving the objective (its links and the stored issues below them). */
  pushObjective(objectiveId: string): Promise<void>;
}

/** Prompts, feedback, escalation watches and decisions (src/forge/store/). */
import type { Confidence, NotificationOrder, Prompt, RollupStatus } from '../contract';
import type { EscalationDecision } from '../contract/api';
import type { FeedbackTally, GradeTotal } from '../domain/prompts/feedback';

/**
 * Where prompts live (src/forge/store/prompt-store.ts on Forge storage). Reads remember the
 * version of each prompt; `update` writes only if the prompt is still at the version read and
 * throws VersionConflict otherwise.
 */
export interface PromptStore {
  /** Writes the prompts whose ids are not stored yet and returns those; existing ids are left as they are. */
  createMissing(prompts: readonly Prompt[]): Promise<Prompt[]>;
  /** Every prompt addressed to one person. */
  ofRecipient(recipient: string): Promise<Prompt[]>;
  get(id: string): Promise<Prompt | null>;
  /** The stored prompts among `ids` (missing ones are left out), in batches of 25. */
  getMany(ids: readonly string[]): Promise<Map<string, Prompt>>;
  /** Every prompt in one state (the daily job: queued ones to deliver, snoozed ones to wake). */
  inState(state: 'queued' | 'snoozed' | 'open'): Promise<Prompt[]>;
  /**
   * At most `limit` answered prompts of the whole organisation, those due last first (`by-state`
   * index): a bounded read, whatever the size of the organisation.
   */
  answeredLatestDue(limit: number): Promise<Prompt[]>;
  /** Every prompt about an objective: on the objective, one of its key results, or an issue serving it. */
  ofObjective(objectiveId: string): Promise<Prompt[]>;
  /** Every prompt about one issue (outcome reviews). */
  aboutIssue(issueKey: string): Promise<Prompt[]>;
  /** Every prompt about a workgroup (alignment gaps). */
  aboutWorkgroup(workgroupId: string): Promise<Prompt[]>;
  /**
   * Writes prompts the caller read and changed (delivery, answers), 25 operations to a transaction.
   * `notify`: outbox orders for some of these prompts (their ids are the prompts' ids), each
   * written new in the same transaction as its prompt and queued for sending once written.
   */
  update(prompts: readonly Prompt[], notify?: readonly NotificationOrder[]): Promise<void>;
}

/** An objective's stored feedback: the tally of its own prompts, and the grades of its subtree. */
export interface StoredObjectiveFeedback {
  own: FeedbackTally;
  subtree: GradeTotal;
}

/** Feedback rollups, kept current whenever a prompt changes (src/forge/store/prompt-records.ts). */
export interface FeedbackStore {
  objectives(ids: readonly string[]): Promise<Map<string, StoredObjectiveFeedback>>;
  putObjective(id: string, value: StoredObjectiveFeedback): Promise<void>;
  /** The tallies of workgroups' own prompts (alignment gaps). */
  workgroups(ids: readonly string[]): Promise<Map<string, FeedbackTally>>;
  putWorkgroup(id: string, value: FeedbackTally): Promise<void>;
  /** Both at once, in the same batches (the project page). */
  read(
    objectiveIds: readonly string[],
    workgroupIds: readonly string[],
  ): Promise<{ objectives: Map<string, StoredObjectiveFeedback>; workgroups: Map<string, FeedbackTally> }>;
}

/** An objective's status and confidence, as the escalation rule last compared them. */
export interface EscalationSeen {
  status: RollupStatus;
  confidence: Confidence | null;
}

/** What the escalation rule saw of each objective last time, to tell a turn from a state. */
export interface EscalationWatch {
  seen(objectiveIds: readonly string[]): Promise<Map<string, EscalationSeen>>;
  remember(objectiveId: string, value: EscalationSeen): Promise<void>;
  /** As `remember`, for many objectives at once (in batches). */
  rememberAll(seen: ReadonlyMap<string, EscalationSeen>): Promise<void>;
}

/** Escalation decisions, kept in the objective's history beside its check-ins. */
export interface DecisionStore {
  add(decision: EscalationDecision): Promise<void>;
  /** Newest first. */
  ofObjective(objectiveId: string): Promise<EscalationDecision[]>;
}

/** Everything the prompt use cases store. */
export interface PromptStores {
  prompts: PromptStore;
  feedback: FeedbackStore;
  watch: EscalationWatch;
  decisions: DecisionStore;
}

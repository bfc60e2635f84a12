import type { Confidence, RollupStatus } from '../../contract';
import type { EscalationDecision } from '../../contract/api';
import type { FeedbackTally, GradeTotal } from '../../domain/prompts/feedback';
import type { PromptStore } from './prompt-store';

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

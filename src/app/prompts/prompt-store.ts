import type { Prompt } from '../../contract';

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
  /** Writes prompts the caller read and changed (delivery, answers), 25 to a transaction. */
  update(prompts: readonly Prompt[]): Promise<void>;
}

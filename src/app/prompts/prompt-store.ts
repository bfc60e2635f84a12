import type { Prompt } from '../../contract';

/** Where prompts live (src/forge/store/prompt-store.ts on Forge storage). */
export interface PromptStore {
  /** Writes the prompts whose ids are not stored yet and returns those; existing ids are left as they are. */
  createMissing(prompts: readonly Prompt[]): Promise<Prompt[]>;
  /** Every prompt addressed to one person. */
  ofRecipient(recipient: string): Promise<Prompt[]>;
  /** Writes prompts the caller read and changed (delivery, answers). */
  update(prompts: readonly Prompt[]): Promise<void>;
}

import { z } from 'zod';
import { Prompt } from '../../contract';
import { VersionConflict } from '../../app/app-failure';
import type { PromptStore } from '../../app/prompts/prompt-store';
import { EntityRepository, type EntitySpec } from './entity-repository';
import { StoreTransaction } from './store-transaction';

export const StoredPrompt = Prompt.extend({ version: z.number().int().nonnegative().default(0) });
export type StoredPrompt = z.infer<typeof StoredPrompt>;

/** What a prompt is about, as one indexable string (`issue:ABC-1`, `objective:O-3`, `workgroup:w`). */
export function subjectKey(p: Prompt): string {
  switch (p.subject.type) {
    case 'issue':
      return `issue:${p.subject.issueKey}`;
    case 'key-result':
    case 'objective':
      return `objective:${p.subject.objectiveId}`;
    case 'workgroup':
      return `workgroup:${p.subject.workgroupId}`;
  }
}

/** Prompts by their deterministic id (entity `prompt`). */
export const promptEntity: EntitySpec<StoredPrompt> = {
  name: 'prompt',
  describe: (key) => `the prompt ${key}`,
  schema: StoredPrompt,
  key: (p) => p.id,
  attributes: (p) => ({ recipient: p.recipient, dueAt: p.dueAt, subject: subjectKey(p), createdAt: p.createdAt }),
  indexes: {
    'by-recipient': { partition: ['recipient'], range: 'dueAt' },
    'by-subject': { partition: ['subject'], range: 'createdAt' },
  },
};

/** PromptStore on Forge storage. Versions read by `ofRecipient` guard the later `update`. */
export function forgePromptStore(): PromptStore {
  const repo = new EntityRepository(promptEntity);
  const versions = new Map<string, number>();
  const strip = ({ version, ...p }: StoredPrompt): Prompt => {
    versions.set(p.id, version);
    return p;
  };
  return {
    async createMissing(prompts) {
      const created: Prompt[] = [];
      for (const p of prompts) {
        try {
          await repo.put({ ...p, version: 0 }, 0);
          created.push(p);
        } catch (e) {
          if (!(e instanceof VersionConflict)) throw e; // already there: the same prompt, raised before
        }
      }
      return created;
    },
    async ofRecipient(recipient) {
      return (await repo.query('by-recipient', { partition: [recipient] })).map(strip);
    },
    async update(prompts) {
      for (let i = 0; i < prompts.length; i += 25) {
        const tx = new StoreTransaction();
        for (const p of prompts.slice(i, i + 25)) tx.put(repo, { ...p, version: 0 }, versions.get(p.id) ?? 0);
        await tx.execute();
      }
    },
  };
}

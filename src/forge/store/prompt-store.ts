import { z } from 'zod';
import { Prompt } from '../../contract';
import { VersionConflict } from '../../app/app-failure';
import { EntityRepository, type EntitySpec } from './entity-repository';
import { STORAGE_LIMITS } from './storage-limits';
import { StoreTransaction } from './store-transaction';
import type { PromptStore } from '../../ports';

export const StoredPrompt = Prompt.extend({ version: z.number().int().nonnegative().default(0) });
export type StoredPrompt = z.infer<typeof StoredPrompt>;

const NONE = '-';

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
  attributes: (p) => ({
    recipient: p.recipient,
    state: p.state,
    objectiveId: p.subject.type === 'workgroup' ? NONE : p.subject.objectiveId,
    dueAt: p.dueAt,
    subject: subjectKey(p),
    createdAt: p.createdAt,
  }),
  indexes: {
    'by-recipient': { partition: ['recipient'], range: 'dueAt' },
    'by-subject': { partition: ['subject'], range: 'createdAt' },
    'by-state': { partition: ['state'], range: 'dueAt' },
    'by-objective': { partition: ['objectiveId'], range: 'createdAt' },
  },
};

/**
 * PromptStore on Forge storage. The versions of the prompts read through this store guard its
 * later `update`s (a prompt changed by someone else meanwhile is a VersionConflict).
 */
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
          // remembered as read: a query may not show it yet, and the caller delivers it next
          versions.set(p.id, 1);
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
    async get(id) {
      const found = await repo.get(id);
      return found === null ? null : strip(found);
    },
    async getMany(ids) {
      return new Map([...(await repo.getMany(ids))].map(([id, p]) => [id, strip(p)]));
    },
    async inState(state) {
      return (await repo.query('by-state', { partition: [state] })).map(strip);
    },
    async answeredLatestDue(limit) {
      return (await repo.query('by-state', { partition: ['answered'], sort: 'DESC', limit })).map(strip);
    },
    async ofObjective(objectiveId) {
      return (await repo.query('by-objective', { partition: [objectiveId] })).map(strip);
    },
    async aboutIssue(issueKey) {
      return (await repo.query('by-subject', { partition: [`issue:${issueKey}`] })).map(strip);
    },
    async aboutWorkgroup(workgroupId) {
      return (await repo.query('by-subject', { partition: [`workgroup:${workgroupId}`] })).map(strip);
    },
    async update(prompts) {
      for (let i = 0; i < prompts.length; i += STORAGE_LIMITS.transactionMaxOperations) {
        const tx = new StoreTransaction();
        const chunk = prompts.slice(i, i + STORAGE_LIMITS.transactionMaxOperations);
        for (const p of chunk) tx.put(repo, { ...p, version: 0 }, versions.get(p.id) ?? 0);
        await tx.execute();
        for (const p of chunk) versions.set(p.id, (versions.get(p.id) ?? 0) + 1);
      }
    },
  };
}

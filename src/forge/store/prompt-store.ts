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
 *
 * What this store wrote (one store per invocation) is newer than anything its queries may show:
 * Forge's queries lag writes, so a prompt created a moment ago can be missing from a list and one
 * just delivered listed in its old state. Every list merges in the prompts this store wrote, in
 * their written state and version, and leaves out those the write took out of the list (a prompt
 * opened is no longer in `inState('queued')`). Without it, the prompts raised by one run of the
 * job for several rules were missing from the next rule's count, and the weekly cap let too many
 * through.
 */
export function forgePromptStore(): PromptStore {
  const repo = new EntityRepository(promptEntity);
  const versions = new Map<string, number>();
  const written = new Map<string, { prompt: Prompt; version: number }>();
  const strip = ({ version, ...p }: StoredPrompt): Prompt => {
    versions.set(p.id, version);
    return p;
  };
  const wrote = (p: Prompt, version: number) => {
    written.set(p.id, { prompt: p, version });
    versions.set(p.id, version);
  };
  /** A query's answer with this store's writes merged in; `belongs`: whether a prompt is in the list. */
  const withWrites = (listed: readonly StoredPrompt[], belongs: (p: Prompt) => boolean): Prompt[] => {
    const out: Prompt[] = [];
    for (const stored of listed) {
      const mine = written.get(stored.id);
      if (mine === undefined) out.push(strip(stored));
      else if (belongs(mine.prompt)) out.push(mine.prompt);
    }
    for (const { prompt } of written.values())
      if (belongs(prompt) && !listed.some((p) => p.id === prompt.id)) out.push(prompt);
    for (const { prompt, version } of written.values()) versions.set(prompt.id, version);
    return out;
  };
  const subjectIs = (key: string) => (p: Prompt) => subjectKey(p) === key;
  return {
    async createMissing(prompts) {
      const created: Prompt[] = [];
      for (const p of prompts) {
        try {
          await repo.put({ ...p, version: 0 }, 0);
          // remembered as written: a query may not show it yet, and the caller delivers it next
          wrote(p, 1);
          created.push(p);
        } catch (e) {
          if (!(e instanceof VersionConflict)) throw e; // already there: the same prompt, raised before
        }
      }
      return created;
    },
    async ofRecipient(recipient) {
      return withWrites(await repo.query('by-recipient', { partition: [recipient] }), (p) => p.recipient === recipient);
    },
    async get(id) {
      const found = await repo.get(id);
      return found === null ? null : strip(found);
    },
    async getMany(ids) {
      return new Map([...(await repo.getMany(ids))].map(([id, p]) => [id, strip(p)]));
    },
    async inState(state) {
      return withWrites(await repo.query('by-state', { partition: [state] }), (p) => p.state === state);
    },
    async answeredLatestDue(limit) {
      return (await repo.query('by-state', { partition: ['answered'], sort: 'DESC', limit })).map(strip);
    },
    async ofObjective(objectiveId) {
      return withWrites(
        await repo.query('by-objective', { partition: [objectiveId] }),
        (p) => p.subject.type !== 'workgroup' && p.subject.objectiveId === objectiveId,
      );
    },
    async aboutIssue(issueKey) {
      const key = `issue:${issueKey}`;
      return withWrites(await repo.query('by-subject', { partition: [key] }), subjectIs(key));
    },
    async aboutWorkgroup(workgroupId) {
      const key = `workgroup:${workgroupId}`;
      return withWrites(await repo.query('by-subject', { partition: [key] }), subjectIs(key));
    },
    async update(prompts) {
      for (let i = 0; i < prompts.length; i += STORAGE_LIMITS.transactionMaxOperations) {
        const tx = new StoreTransaction();
        const chunk = prompts.slice(i, i + STORAGE_LIMITS.transactionMaxOperations);
        for (const p of chunk) tx.put(repo, { ...p, version: 0 }, versions.get(p.id) ?? 0);
        await tx.execute();
        for (const p of chunk) wrote(p, (versions.get(p.id) ?? 0) + 1);
      }
    },
  };
}

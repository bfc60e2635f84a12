import { z } from 'zod';
import { Prompt } from '../../contract';
import { VersionConflict } from '../../app/app-failure';
import { EntityRepository, type EntitySpec } from './entity-repository';
import { STORAGE_LIMITS } from './storage-limits';
import { StoreTransaction } from './store-transaction';
import type { NotificationQueue, PromptStore } from '../../ports';
import { forgeNotificationQueue } from '../queue/job-queue';
import { notificationEntity } from './notification-store';
import { logFor } from '../log';
import { retryOnConflict } from '../../app/retry-on-conflict';

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
 * Each person's mailbox (`prompt-mailbox:<account id>`, in the `settings` entity): the ids of the
 * latest prompts addressed to them, newest last, written in the same transaction as each prompt.
 * Read by key beside the `by-recipient` query, it puts a prompt raised a moment ago (an escalation
 * after someone's check-in, by another invocation) in its recipient's inbox at once, where the
 * query may not show it yet.
 */
export const PromptMailbox = z.object({
  recipient: z.string(),
  latest: z.array(z.string()),
  version: z.number().int().nonnegative().default(0),
});
export type PromptMailbox = z.infer<typeof PromptMailbox>;

/** How many prompt ids a mailbox keeps: more than a week of prompts under any weekly cap. */
const MAILBOX_KEPT = 50;

export const mailboxKey = (recipient: string) => `prompt-mailbox:${recipient}`;

export const promptMailboxEntity: EntitySpec<PromptMailbox> = {
  name: 'settings',
  describe: (key) => `the prompt mailbox ${key}`,
  schema: PromptMailbox,
  key: (m) => mailboxKey(m.recipient),
  attributes: () => ({}),
  indexes: {},
};

/** Tries to write a prompt with its mailbox before giving up (each lost race on the mailbox costs one). */
const MAILBOX_ATTEMPTS = 10;

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
export function forgePromptStore(notificationQueue: NotificationQueue = forgeNotificationQueue): PromptStore {
  const repo = new EntityRepository(promptEntity);
  const outbox = new EntityRepository(notificationEntity);
  const mailboxes = new EntityRepository(promptMailboxEntity);
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
      // the recipients' mailboxes, read once; each prompt is written with its recipient's mailbox
      const boxes = await mailboxes.getMany([...new Set(prompts.map((p) => mailboxKey(p.recipient)))]);
      for (const p of prompts) {
        const isNew = await retryOnConflict(
          async (attempt) => {
            // after a lost race on the mailbox (another prompt reached it first), it is read again
            const read =
              attempt === 1 ? boxes.get(mailboxKey(p.recipient)) : await mailboxes.get(mailboxKey(p.recipient));
            const box = read ?? { recipient: p.recipient, latest: [], version: 0 };
            const latest = [...box.latest.filter((id) => id !== p.id), p.id].slice(-MAILBOX_KEPT);
            try {
              await new StoreTransaction()
                .put(repo, { ...p, version: 0 }, 0)
                .put(mailboxes, { ...box, latest }, box.version)
                .execute();
            } catch (e) {
              // already there: the same prompt, raised before
              if (e instanceof VersionConflict && e.what === promptEntity.describe(p.id)) return false;
              throw e;
            }
            boxes.set(mailboxKey(p.recipient), { ...box, latest, version: box.version + 1 });
            return true;
          },
          { attempts: MAILBOX_ATTEMPTS },
        );
        if (!isNew) continue;
        // remembered as written: a query may not show it yet, and the caller delivers it next
        wrote(p, 1);
        created.push(p);
      }
      return created;
    },
    async ofRecipient(recipient) {
      const [listed, box] = await Promise.all([
        repo.query('by-recipient', { partition: [recipient] }),
        mailboxes.get(mailboxKey(recipient)),
      ]);
      // those raised a moment ago that the query does not show yet, read by key (one wave more, only then)
      const shown = new Set(listed.map((p) => p.id));
      const behind = (box?.latest ?? []).filter((id) => !shown.has(id) && !written.has(id));
      const caughtUp = behind.length === 0 ? [] : [...(await repo.getMany(behind)).values()];
      return withWrites(
        [...listed, ...caughtUp.filter((p) => p.recipient === recipient)].sort((a, b) => a.dueAt - b.dueAt),
        (p) => p.recipient === recipient,
      );
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
    async update(prompts, notify = []) {
      // each prompt with its outbox order (a new record) in one transaction: the email is owed
      // exactly when the delivery is stored
      const orders = new Map(notify.map((o) => [o.id, o]));
      const perPrompt = orders.size === 0 ? 1 : 2;
      const size = Math.floor(STORAGE_LIMITS.transactionMaxOperations / perPrompt);
      for (let i = 0; i < prompts.length; i += size) {
        const tx = new StoreTransaction();
        const chunk = prompts.slice(i, i + size);
        const queued: string[] = [];
        for (const p of chunk) {
          tx.put(repo, { ...p, version: 0 }, versions.get(p.id) ?? 0);
          const order = orders.get(p.id);
          if (order !== undefined) {
            tx.put(outbox, { ...order, version: 0 }, 0);
            queued.push(order.id);
          }
        }
        await tx.execute();
        for (const p of chunk) wrote(p, (versions.get(p.id) ?? 0) + 1);
        // sent by the job queue. The delivery is stored whatever the queue answers: a push refused
        // here (the queue busy) is logged, and the hourly sweep queues the order again
        if (queued.length > 0)
          await notificationQueue
            .push(queued)
            .catch((error: unknown) =>
              logFor('prompt-store').warn(
                'prompt emails could not be queued; the hourly job queues them again',
                { orders: queued.join(',') },
                error,
              ),
            );
      }
    },
  };
}

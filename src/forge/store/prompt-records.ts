/**
 * What prompts leave behind besides themselves, as plain Forge keys (no transaction condition is
 * needed: each is recomputed from the prompts, or written once under a key of its own):
 *
 *   feedback:o:{objectiveId}    the objective's feedback tally and its subtree's grades
 *   feedback:w:{workgroupId}    the tally of the workgroup's alignment-gap prompts
 *   escalation-seen:{objective} the status and confidence the escalation rule last compared with
 *   decision:{objectiveId}:{at}:{promptId}   an escalation's answer, in the objective's history
 *   decisions-latest:{objectiveId}           its latest decisions, read by key (see forgeDecisionStore)
 */
import { kvs } from './kvs';
import { z } from 'zod';
import { Confidence, RollupStatus } from '../../contract';
import { EscalationDecision } from '../../contract/api';
import { forgePromptStore } from './prompt-store';
import type { FeedbackTally } from '../../domain/prompts/feedback';
import { StoredRecordInvalid } from './entity-repository';
import { KeyValueStore } from './key-value-store';
import { checkKey, isKeyNotFound, STORAGE_LIMITS } from './storage-limits';
import type { DecisionStore, EscalationWatch, FeedbackStore, PromptStores, StoredObjectiveFeedback } from '../../ports';

const Tally = z.object({
  delivered: z.number().int().nonnegative(),
  answered: z.number().int().nonnegative(),
  dismissed: z.number().int().nonnegative(),
  expired: z.number().int().nonnegative(),
  waiting: z.number().int().nonnegative(),
  impactAnswers: z.number().int().nonnegative(),
  impactSum: z.number().nonnegative(),
  gradedReviews: z.number().int().nonnegative(),
  gradeSum: z.number().nonnegative(),
}) satisfies z.ZodType<FeedbackTally>;

const ObjectiveFeedbackRecord = z.object({
  own: Tally,
  subtree: z.object({ gradedReviews: z.number().int().nonnegative(), gradeSum: z.number().nonnegative() }),
}) satisfies z.ZodType<StoredObjectiveFeedback>;

const Seen = z.object({ status: RollupStatus, confidence: Confidence.nullable() });

/** Plain keys, 25 to a batch; missing keys are left out. Each key is parsed with the schema of its prefix. */
async function getKeys(keys: readonly string[], schemaOf: (key: string) => z.ZodType): Promise<Map<string, unknown>> {
  const unique = [...new Set(keys)];
  unique.forEach(checkKey);
  const found = new Map<string, unknown>();
  for (let i = 0; i < unique.length; i += STORAGE_LIMITS.batchMaxItems) {
    const chunk = unique.slice(i, i + STORAGE_LIMITS.batchMaxItems);
    const result = await kvs.batchGet<unknown>(chunk.map((key) => ({ key })));
    const failed = result.failedKeys.filter((f) => !isKeyNotFound(f.error.code));
    if (failed.length > 0)
      throw new Error(
        `Reading ${failed.length} key(s) failed; the first, ${failed[0]?.key}: ${failed[0]?.error.message}`,
      );
    for (const item of result.successfulKeys) {
      const parsed = schemaOf(item.key).safeParse(item.value);
      if (!parsed.success)
        throw new StoredRecordInvalid(`Stored key ${item.key} does not match its schema: ${parsed.error.message}`);
      found.set(item.key, parsed.data);
    }
  }
  return found;
}

/** Plain keys `{prefix}{id}` by id. */
async function getMany<T>(prefix: string, ids: readonly string[], schema: z.ZodType<T>): Promise<Map<string, T>> {
  const found = await getKeys(
    ids.map((id) => `${prefix}${id}`),
    () => schema,
  );
  return new Map([...found].map(([key, value]) => [key.slice(prefix.length), schema.parse(value)]));
}

export function forgeFeedbackStore(): FeedbackStore {
  const keys = new KeyValueStore();
  return {
    objectives: (ids) => getMany('feedback:o:', ids, ObjectiveFeedbackRecord),
    putObjective: (id, value) => keys.set(`feedback:o:${id}`, value),
    workgroups: (ids) => getMany('feedback:w:', ids, Tally),
    putWorkgroup: (id, value) => keys.set(`feedback:w:${id}`, value),
    async read(objectiveIds, workgroupIds) {
      const found = await getKeys(
        [...objectiveIds.map((id) => `feedback:o:${id}`), ...workgroupIds.map((id) => `feedback:w:${id}`)],
        (key) => (key.startsWith('feedback:o:') ? ObjectiveFeedbackRecord : Tally),
      );
      const objectives = new Map<string, StoredObjectiveFeedback>();
      const workgroups = new Map<string, FeedbackTally>();
      for (const [key, value] of found) {
        if (key.startsWith('feedback:o:'))
          objectives.set(key.slice('feedback:o:'.length), ObjectiveFeedbackRecord.parse(value));
        else workgroups.set(key.slice('feedback:w:'.length), Tally.parse(value));
      }
      return { objectives, workgroups };
    },
  };
}

export function forgeEscalationWatch(): EscalationWatch {
  const keys = new KeyValueStore();
  return {
    seen: (ids) => getMany('escalation-seen:', ids, Seen),
    remember: (id, value) => keys.set(`escalation-seen:${id}`, value),
    async rememberAll(seen) {
      const items = [...seen].map(([id, value]) => ({ key: `escalation-seen:${id}`, value }));
      items.forEach((item) => checkKey(item.key));
      // transactions, not batch sets: Forge allows 45 batch sets a minute, and the daily job
      // remembers every objective (200 batches for 5,000); a transaction counts only its units
      for (let i = 0; i < items.length; i += STORAGE_LIMITS.transactionMaxOperations) {
        const tx = kvs.transact();
        for (const item of items.slice(i, i + STORAGE_LIMITS.transactionMaxOperations)) tx.set(item.key, item.value);
        await tx.execute();
      }
    },
  };
}

/** Instants padded so that keys sort in time order. */
const pad = (at: number) => String(at).padStart(15, '0');

/** How many of an objective's decisions its `decisions-latest` record keeps. */
const LATEST_DECISIONS = 20;
const LatestDecisions = z.array(EscalationDecision);

/**
 * Each decision under a key of its own, listed by prefix — a query, which lags writes — and the
 * objective's latest ones in one record read by key beside it, so a decision made a moment ago is
 * in the objective's history at once. The record is rewritten without a condition: two decisions
 * on one objective in the same instant may leave one of them out of it, never out of the history
 * (its own key stays, and the query shows it after the lag).
 */
export function forgeDecisionStore(): DecisionStore {
  const keys = new KeyValueStore();
  const latestKey = (objectiveId: string) => `decisions-latest:${objectiveId}`;
  return {
    async add(d) {
      await keys.set(`decision:${d.objectiveId}:${pad(d.at)}:${d.promptId}`, d);
      const latest = (await keys.get(latestKey(d.objectiveId), LatestDecisions)) ?? [];
      const next = [...latest.filter((l) => l.promptId !== d.promptId), d]
        .sort((a, b) => a.at - b.at)
        .slice(-LATEST_DECISIONS);
      await keys.set(latestKey(d.objectiveId), next);
    },
    async ofObjective(objectiveId) {
      const [listed, latest] = await Promise.all([
        keys.listByPrefix(`decision:${objectiveId}:`, EscalationDecision),
        keys.get(latestKey(objectiveId), LatestDecisions),
      ]);
      const byPrompt = new Map(listed.map((kv) => [kv.value.promptId, kv.value]));
      for (const d of latest ?? []) byPrompt.set(d.promptId, d);
      return [...byPrompt.values()].sort((a, b) => b.at - a.at || (a.promptId < b.promptId ? 1 : -1));
    },
  };
}

/** Every store of the prompt use cases, on Forge storage. */
export function forgePromptStores(): PromptStores {
  return {
    prompts: forgePromptStore(),
    feedback: forgeFeedbackStore(),
    watch: forgeEscalationWatch(),
    decisions: forgeDecisionStore(),
  };
}

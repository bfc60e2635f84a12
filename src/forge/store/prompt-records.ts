/**
 * What prompts leave behind besides themselves, as plain Forge keys (no transaction condition is
 * needed: each is recomputed from the prompts, or written once under a key of its own):
 *
 *   feedback:o:{objectiveId}    the objective's feedback tally and its subtree's grades
 *   feedback:w:{workgroupId}    the tally of the workgroup's alignment-gap prompts
 *   escalation-seen:{objective} the status and confidence the escalation rule last compared with
 *   decision:{objectiveId}:{at}:{promptId}   an escalation's answer, in the objective's history
 */
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { Confidence, RollupStatus } from '../../contract';
import { EscalationDecision } from '../../contract/api';
import type { DecisionStore, EscalationWatch, FeedbackStore, PromptStores, StoredObjectiveFeedback } from '../../app/prompts/prompt-ports';
import { forgePromptStore } from './prompt-store';
import type { FeedbackTally } from '../../domain/prompts/feedback';
import { KeyValueStore } from './key-value-store';
import { checkKey, isKeyNotFound, STORAGE_LIMITS } from './storage-limits';

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

/** Plain keys by id, 25 to a batch; missing keys are left out. */
async function getMany<T>(prefix: string, ids: readonly string[], schema: z.ZodType<T>): Promise<Map<string, T>> {
  const unique = [...new Set(ids)];
  const found = new Map<string, T>();
  for (let i = 0; i < unique.length; i += STORAGE_LIMITS.batchMaxItems) {
    const chunk = unique.slice(i, i + STORAGE_LIMITS.batchMaxItems).map((id) => `${prefix}${id}`);
    chunk.forEach(checkKey);
    const result = await kvs.batchGet<unknown>(chunk.map((key) => ({ key })));
    const failed = result.failedKeys.filter((f) => !isKeyNotFound(f.error.code));
    if (failed.length > 0) throw new Error(`Reading ${failed.length} key(s) failed; the first, ${failed[0]?.key}: ${failed[0]?.error.message}`);
    for (const item of result.successfulKeys) {
      const parsed = schema.safeParse(item.value);
      if (!parsed.success) throw new Error(`Stored key ${item.key} does not match its schema: ${parsed.error.message}`);
      found.set(item.key.slice(prefix.length), parsed.data);
    }
  }
  return found;
}

export function forgeFeedbackStore(): FeedbackStore {
  const keys = new KeyValueStore();
  return {
    objectives: (ids) => getMany('feedback:o:', ids, ObjectiveFeedbackRecord),
    putObjective: (id, value) => keys.set(`feedback:o:${id}`, value),
    workgroups: (ids) => getMany('feedback:w:', ids, Tally),
    putWorkgroup: (id, value) => keys.set(`feedback:w:${id}`, value),
  };
}

export function forgeEscalationWatch(): EscalationWatch {
  const keys = new KeyValueStore();
  return {
    seen: (ids) => getMany('escalation-seen:', ids, Seen),
    remember: (id, value) => keys.set(`escalation-seen:${id}`, value),
  };
}

/** Instants padded so that keys sort in time order. */
const pad = (at: number) => String(at).padStart(15, '0');

export function forgeDecisionStore(): DecisionStore {
  const keys = new KeyValueStore();
  return {
    add: (d) => keys.set(`decision:${d.objectiveId}:${pad(d.at)}:${d.promptId}`, d),
    async ofObjective(objectiveId) {
      return (await keys.listByPrefix(`decision:${objectiveId}:`, EscalationDecision)).map((kv) => kv.value).reverse();
    },
  };
}

/** Every store of the prompt use cases, on Forge storage. */
export function forgePromptStores(): PromptStores {
  return { prompts: forgePromptStore(), feedback: forgeFeedbackStore(), watch: forgeEscalationWatch(), decisions: forgeDecisionStore() };
}

import type { ObjectiveRollup, Prompt, PromptPolicy } from '../../contract';
import { escalationCause, escalationPrompts } from '../../domain/prompts/escalation';
import { isEnabled } from '../../domain/prompts/new-prompt';
import { promptAudience } from './prompt-audience';
import { raisePrompts } from './raise-prompts';
import { refreshFeedback, type FeedbackPorts } from './refresh-feedback';
import type { JiraPort, Logger, ObjectiveStore, WorkgroupStore, EscalationSeen } from '../../ports';

type EscalationRecord = Pick<ObjectiveRollup, 'objectiveId' | 'status' | 'confidence' | 'progress' | 'expected'>;

export interface EscalationPorts extends FeedbackPorts {
  objectiveStore: Pick<ObjectiveStore, 'getMany' | 'withParent'>;
  workgroups: Pick<WorkgroupStore, 'getMany'>;
  /** Jira as the app, to ask whether a recipient may see the objective (prompt-audience.ts); without it only stored roles count. */
  jira?: Pick<JiraPort, 'accountPermissions'> | undefined;
}

/**
 * Rollup records that may have moved (after an issue event, a check-in, an objective change, or
 * the daily refresh): each is compared with what the escalation rule saw of the objective last
 * time. An active objective that turned off track, or whose confidence dropped two steps, asks
 * its parent's owner and its workgroup's leads — those of them who may see it (a parent's owner may
 * not see a restricted child); then what was seen is remembered. An objective
 * seen for the first time is only remembered: an escalation is about a turn, and a first sight
 * (an objective just created, or every objective when prompts are first switched on) is none.
 * Prompts are stored by their deterministic ids, so two paths noticing the same turn ask once.
 */
export async function escalateChanges(
  ports: EscalationPorts,
  records: ReadonlyArray<EscalationRecord>,
  policy: PromptPolicy,
  now: number,
): Promise<Prompt[]> {
  const latest = [...new Map(records.map((r) => [r.objectiveId, r])).values()];
  if (latest.length === 0) return [];
  const seen = await ports.stores.watch.seen(latest.map((r) => r.objectiveId));
  const moved = latest.filter((r) => {
    const before = seen.get(r.objectiveId);
    return before === undefined || before.status !== r.status || before.confidence !== r.confidence;
  });
  if (moved.length === 0) return [];

  const candidates = isEnabled(policy, 'escalation') ? await candidatesFor(ports, moved, seen, policy, now) : [];
  const { created, opened } = await raisePrompts(ports.stores.prompts, candidates, policy, now, promptAudience(ports));
  await refreshFeedback(ports, opened);
  await ports.stores.watch.rememberAll(
    new Map(moved.map((r) => [r.objectiveId, { status: r.status, confidence: r.confidence }])),
  );
  return created;
}

/** The escalation prompts of the objectives that turned since they were last seen (a first sight escalates nothing). */
async function candidatesFor(
  ports: EscalationPorts,
  moved: readonly EscalationRecord[],
  seen: ReadonlyMap<string, EscalationSeen>,
  policy: PromptPolicy,
  now: number,
): Promise<Prompt[]> {
  // only a turn escalates: the objectives of the others need not be read
  const turned = moved.filter((r) => {
    const before = seen.get(r.objectiveId);
    return before !== undefined && escalationCause(before, r) !== null;
  });
  if (turned.length === 0) return [];
  const objectives = await ports.objectiveStore.getMany(turned.map((r) => r.objectiveId));
  const parentIds = [...objectives.values()].flatMap((o) => (o.parentId === null ? [] : [o.parentId]));
  const workgroupIds = [...objectives.values()].flatMap((o) => (o.workgroupId === null ? [] : [o.workgroupId]));
  const [parents, workgroups] = await Promise.all([
    ports.objectiveStore.getMany(parentIds),
    ports.workgroups.getMany(workgroupIds),
  ]);

  const candidates: Prompt[] = [];
  for (const r of turned) {
    const objective = objectives.get(r.objectiveId);
    const previous = seen.get(r.objectiveId);
    if (objective === undefined || previous === undefined) continue;
    candidates.push(
      ...escalationPrompts({
        objective,
        previous,
        next: r,
        parent: objective.parentId === null ? null : (parents.get(objective.parentId) ?? null),
        workgroup: objective.workgroupId === null ? null : (workgroups.get(objective.workgroupId) ?? null),
        policy,
        now,
      }),
    );
  }
  return candidates;
}

/** As escalateChanges, for paths where escalating is a follow-up: a failure is logged, never passed on. */
export async function escalateQuietly(
  ports: EscalationPorts & { log: Logger },
  records: ReadonlyArray<EscalationRecord>,
  policy: PromptPolicy,
  now: number,
): Promise<void> {
  try {
    await escalateChanges(ports, records, policy, now);
  } catch (error) {
    ports.log.error(
      'escalation prompts could not be raised (the daily job tries again)',
      { objectives: new Set(records.map((r) => r.objectiveId)).size },
      error,
    );
  }
}

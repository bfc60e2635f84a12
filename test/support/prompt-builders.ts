/**
 * Builders for feedback-prompt tests: prompts, the prompt policy, workgroups and rollup records,
 * each parsed through the contract so defaults are filled in the way the app fills them.
 */
import {
  ObjectiveRollup,
  Prompt,
  PromptPolicy,
  Workgroup,
  type PromptKind,
  type PromptSubject,
} from '../../src/contract';
import { DAY, T0 } from './builders';

export { DAY, T0 };

type PolicyOver = Partial<Omit<PromptPolicy, 'enabled'>> & { enabled?: Partial<PromptPolicy['enabled']> };

/** The default prompt policy (everything on, cap 5, answer within 7 days, review 7 days ahead). */
export function aPromptPolicy(over: PolicyOver = {}): PromptPolicy {
  return PromptPolicy.parse(over);
}

/** The policy with every kind switched off but one … or none. */
export function onlyEnabled(kind: PromptKind | null, over: PolicyOver = {}): PromptPolicy {
  const enabled = {
    'outcome-review': false,
    'check-in-due': false,
    escalation: false,
    'period-review': false,
    'alignment-gap': false,
  };
  if (kind !== null) enabled[kind] = true;
  return aPromptPolicy({ ...over, enabled });
}

const SUBJECTS: Record<PromptKind, PromptSubject> = {
  'outcome-review': { type: 'issue', issueKey: 'ABC-1', objectiveId: 'obj-x' },
  'check-in-due': { type: 'key-result', objectiveId: 'obj-x', keyResultId: 'kr-x' },
  escalation: { type: 'objective', objectiveId: 'obj-x' },
  'period-review': { type: 'objective', objectiveId: 'obj-x' },
  'alignment-gap': { type: 'workgroup', workgroupId: 'wg-x', issueKeys: ['ABC-1'] },
};

let promptSeq = 0;
/** An OPEN prompt delivered at T0 to `acc-member` (override `state` for other states). */
export function aPrompt(over: Partial<Prompt> = {}): Prompt {
  promptSeq += 1;
  const kind = over.kind ?? 'outcome-review';
  return Prompt.parse({
    id: `${kind}:test-${promptSeq}`,
    kind,
    recipient: 'acc-member',
    subject: SUBJECTS[kind],
    reason: 'a test prompt',
    createdAt: T0,
    dueAt: T0 + 7 * DAY,
    state: 'open',
    deliveredAt: T0,
    ...over,
  });
}

/** A queued prompt, as a rule creates it. */
export function aQueuedPrompt(over: Partial<Prompt> = {}): Prompt {
  return aPrompt({ state: 'queued', deliveredAt: null, ...over });
}

let workgroupSeq = 0;
export function aWorkgroup(over: Partial<Workgroup> = {}): Workgroup {
  workgroupSeq += 1;
  return Workgroup.parse({
    id: `wg-${workgroupSeq}`,
    name: `Workgroup ${workgroupSeq}`,
    kind: 'squad',
    leads: ['acc-lead'],
    projects: ['ABC'],
    ...over,
  });
}

/** A rollup record of an objective that is on track with high confidence. */
export function aRollupRecord(over: Partial<ObjectiveRollup> & { objectiveId: string }): ObjectiveRollup {
  return ObjectiveRollup.parse({
    progress: 0.5,
    expected: 0.5,
    status: 'on-track',
    pace: 'on-track',
    stale: false,
    confidence: 'high',
    lastCheckInAt: T0,
    measuredInputs: 1,
    work: { issues: 0, done: 0, inProgress: 0, toDo: 0, points: 0, pointsDone: 0 },
    delivery: { onTimeRate: null, medianCycleDays: null, throughputPerWeek: null, bugShare: null },
    keyResults: [],
    ...over,
  });
}

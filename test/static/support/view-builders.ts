/**
 * Builders for what resolvers send the surfaces, parsed through the contract so each is a reply
 * the real backend could give.
 */
import { ObjectiveRollup, type RollupStatus } from '@contract/rollup';
import { ObjectiveView } from '@contract/api/objectives';
import { z } from 'zod';
import { ObjectiveCan, ProjectObjectiveEntry, ProjectPageView } from '@contract/api/views';
import { PromptInbox, PromptItem, type PromptsWaiting } from '@contract/api/prompts';
import { aKeyResult, anObjective, aPeriod, T0 } from '../../support/builders';

export function anObjectiveView(over: Record<string, unknown> = {}): ObjectiveView {
  const base = anObjective();
  return ObjectiveView.parse({ ...base, keyResults: [], ...over });
}

export function aKeyResultOf(objectiveId: string, over: Record<string, unknown> = {}) {
  return aKeyResult({ objectiveId, ...over });
}

export function aRollup(
  objectiveId: string,
  status: RollupStatus,
  progress: number | null,
  over: Record<string, unknown> = {},
): ObjectiveRollup {
  return ObjectiveRollup.parse({
    objectiveId,
    progress,
    expected: 0.5,
    status,
    pace: null,
    stale: status === 'stale',
    confidence: null,
    lastCheckInAt: null,
    measuredInputs: progress === null ? 0 : 1,
    work: { issues: 4, done: 2, inProgress: 1, toDo: 1, points: 0, pointsDone: 0 },
    delivery: { onTimeRate: null, medianCycleDays: null, throughputPerWeek: null, bugShare: null },
    keyResults: [],
    ...over,
  });
}

/**
 * What a view says the caller may do with an objective (`can`): everything unless told, as the
 * server answers a lead of its workgroup.
 */
export function anObjectiveCan(
  objective: Pick<ObjectiveView, 'keyResults'>,
  over: Partial<ObjectiveCan> = {},
): ObjectiveCan {
  const keyResults = Object.fromEntries(
    objective.keyResults.map((kr) => [kr.id, { checkIn: true, editTargets: true }]),
  );
  return ObjectiveCan.parse({
    manage: true,
    edit: true,
    checkIn: true,
    link: true,
    readAnswers: true,
    keyResults,
    ...over,
  });
}

/** An objective as a view sends it: with its rollup and what the caller may do with it (everything unless told). */
export function aViewEntry(
  objective: ObjectiveView,
  rollup: ObjectiveRollup | null = null,
  can: Partial<ObjectiveCan> = {},
) {
  return { objective, rollup, can: anObjectiveCan(objective, can) };
}

/** A workgroup of the project page; the caller may create its objectives when they lead it (`youLead`, true unless told). */
export function aWorkgroupRecord(over: Record<string, unknown> = {}) {
  const youLead = over['youLead'] !== false;
  return {
    id: 'wg-checkout',
    name: 'Checkout squad',
    kind: 'squad',
    leads: ['acc-lead'],
    members: ['acc-member'],
    projects: ['SHOP'],
    version: 1,
    createdAt: T0,
    updatedAt: T0,
    youLead,
    can: { create: youLead },
    objectives: [],
    ...over,
  };
}

/**
 * A project page with every objective's whole entry: what the server's records hold. project-page/view
 * answers its rows (the client's parse keeps a row's fields only), project-page/objective one whole
 * entry (test/static/project-page/page-host.ts answers both from the same page).
 */
export const WholeProjectPageView = ProjectPageView.extend({
  workgroups: z.array(ProjectPageView.shape.workgroups.element.extend({ objectives: z.array(ProjectObjectiveEntry) })),
  aligned: z.array(ProjectObjectiveEntry),
});
export type WholeProjectPageView = z.infer<typeof WholeProjectPageView>;

export function aProjectPageView(over: Record<string, unknown> = {}): WholeProjectPageView {
  return WholeProjectPageView.parse({
    projectKey: 'SHOP',
    periodId: 'p-2026q4',
    levels: [
      { id: 'organisation', name: 'Organisation' },
      { id: 'workgroup', name: 'Workgroup' },
    ],
    periods: [aPeriod()],
    can: { create: false },
    workgroups: [],
    aligned: [],
    owners: [],
    ...over,
  });
}

/** An open outcome review of issue `issueKey` done for objective `objectiveId` ("Checkout converts better", Checkout squad). */
export function anOutcomeReviewOf(
  issueKey: string,
  objectiveId: string,
  recipient: string,
  over: Record<string, unknown> = {},
): PromptItem {
  return PromptItem.parse({
    id: `outcome-review:${issueKey}:${objectiveId}`,
    kind: 'outcome-review',
    recipient,
    subject: { type: 'issue', issueKey, objectiveId },
    reason: `${issueKey} is done: did it deliver what "Checkout converts better" needed?`,
    createdAt: T0,
    dueAt: T0 + 7 * 86_400_000,
    state: 'open',
    deliveredAt: T0,
    context: {
      objective: { id: objectiveId, key: objectiveId, title: 'Checkout converts better', status: 'active' },
      keyResult: null,
      workgroup: { id: 'wg-checkout', name: 'Checkout squad' },
      issueKeys: [issueKey],
    },
    ...over,
  });
}

/** A prompts/inbox reply: these prompts, and nothing waiting under the weekly cap unless told. */
export function anInbox(prompts: readonly PromptItem[] = [], waiting: Partial<PromptsWaiting> = {}): PromptInbox {
  return PromptInbox.parse({ prompts, waiting: { count: 0, nextAt: null, cap: null, ...waiting } });
}

/**
 * A project page as the backend could send it: the organisation objective O-1, the Checkout
 * squad's objectives O-2 (at risk, owned by Ana), O-3 (on track, owned by Ben) and O-4 under O-2,
 * and a second workgroup, Payments, with O-5 — each parsed through the contract — with the `can`
 * the server answers the caller (the lead of the Checkout squad unless told).
 */
import type { PromptItem } from '@contract/api/prompts';
import { CheckInList } from '@contract/api/check-ins';
import { ObjectiveHistory } from '@contract/api/history';
import type { ObjectiveCan, ObjectiveView } from '@contract/api';
import { aPeriod } from '../../support/builders';
import {
  aKeyResultOf,
  anObjectiveCan,
  anObjectiveView,
  anOutcomeReviewOf,
  aProjectPageView,
  aRollup,
  aWorkgroupRecord,
  type WholeProjectPageView,
} from '../support/view-builders';

export const ANA = 'acc-ana';
export const BEN = 'acc-ben';
export const LEAD = 'acc-lead';

/** Whom the page is sent to: their account, the workgroups they lead, and whether they are a Jira administrator (no, unless told). */
export interface Caller {
  accountId: string;
  leads: readonly string[];
  isSiteAdmin?: boolean;
}
export const AS_LEAD: Caller = { accountId: LEAD, leads: ['wg-checkout'] };
export const ADMIN = 'acc-admin';
/** A Jira administrator who leads no workgroup. */
export const AS_ADMIN: Caller = { accountId: ADMIN, leads: [], isSiteAdmin: true };

/**
 * What the server answers `caller` about an objective of these pages (docs/resolvers.md, "Who
 * may call what"; test/resolvers/view-abilities.test.ts checks the server itself): a lead of its
 * workgroup manages it below the top level, a Jira administrator every objective; its owner edits
 * it and checks in; a key result's owner changes that key result's targets and checks in on it;
 * the leads of its workgroup and administrators read the answered prompts.
 */
export function canOf(caller: Caller, objective: ObjectiveView): ObjectiveCan {
  const admin = caller.isSiteAdmin === true;
  const manage =
    admin ||
    (objective.workgroupId !== null &&
      objective.levelId !== 'organisation' &&
      caller.leads.includes(objective.workgroupId));
  const owns = manage || objective.owner === caller.accountId;
  const keyResults = Object.fromEntries(
    objective.keyResults.map((kr) => [
      kr.id,
      { checkIn: owns || kr.owner === caller.accountId, editTargets: owns || kr.owner === caller.accountId },
    ]),
  );
  const readAnswers = objective.workgroupId !== null && (admin || caller.leads.includes(objective.workgroupId));
  return anObjectiveCan(objective, {
    manage,
    edit: owns,
    checkIn: owns,
    link: objective.status !== 'cancelled',
    readAnswers,
    keyResults,
  });
}

export function anEntry(
  key: string,
  over: Record<string, unknown>,
  status: Parameters<typeof aRollup>[1] = 'on-track',
  progress: number | null = 0.5,
  rollupOver: Record<string, unknown> = {},
) {
  const objective = anObjectiveView({ id: key, key, ...over });
  return {
    objective,
    rollup: aRollup(key, status, progress, rollupOver),
    can: canOf(AS_LEAD, objective),
    feedback: null,
  };
}

/**
 * The page for `caller`: its workgroups' `youLead` and `can`, the page's `can` and every
 * objective's `can`, are what the server answers them (objectives at the top level or without a
 * workgroup: administrators; in a workgroup: its leads and administrators).
 */
export function aPage(over: Record<string, unknown> = {}, caller: Caller = AS_LEAD): WholeProjectPageView {
  const page = aPageOf(over);
  const admin = caller.isSiteAdmin === true;
  const withCan = <E extends { objective: ObjectiveView }>(e: E) => ({ ...e, can: canOf(caller, e.objective) });
  return {
    ...page,
    can: { create: admin },
    workgroups: page.workgroups.map((w) => ({
      ...w,
      youLead: caller.leads.includes(w.id),
      can: { create: admin || caller.leads.includes(w.id) },
      objectives: w.objectives.map(withCan),
    })),
    aligned: page.aligned.map(withCan),
  };
}

function aPageOf(over: Record<string, unknown>): WholeProjectPageView {
  const o1 = anEntry(
    'O-1',
    { title: 'Customers pay without friction', levelId: 'organisation', owner: LEAD },
    'on-track',
    0.4,
  );
  const o2 = anEntry(
    'O-2',
    {
      title: 'Checkout converts better',
      workgroupId: 'wg-checkout',
      parentId: 'O-1',
      owner: ANA,
      version: 3,
      keyResults: [
        aKeyResultOf('O-2', {
          id: 'O-2.KR-1',
          key: 'KR-1',
          title: 'Conversion rate',
          kind: 'metric',
          unit: '%',
          baseline: 2,
          target: 4,
          owner: ANA,
        }),
        aKeyResultOf('O-2', {
          id: 'O-2.KR-2',
          key: 'KR-2',
          title: 'Payment bugs fixed',
          kind: 'query',
          jql: 'project = SHOP AND type = Bug',
          direction: 'increase',
          baseline: 0,
          target: 10,
          owner: ANA,
        }),
      ],
    },
    'at-risk',
    0.25,
    {
      keyResults: [
        { keyResultId: 'O-2.KR-1', progress: 0.5, overshoot: 0, value: 3, target: 4, work: null },
        { keyResultId: 'O-2.KR-2', progress: 0.3, overshoot: 0, value: 3, target: 10, work: null },
      ],
    },
  );
  const o3 = anEntry(
    'O-3',
    { title: 'Faster page loads', workgroupId: 'wg-checkout', parentId: 'O-1', owner: BEN },
    'on-track',
    0.6,
  );
  const o4 = anEntry(
    'O-4',
    { title: 'One-click payment', workgroupId: 'wg-checkout', parentId: 'O-2', owner: ANA },
    'off-track',
    0.1,
  );
  const o5 = anEntry(
    'O-5',
    { title: 'Refunds in a day', workgroupId: 'wg-payments', parentId: null, owner: BEN },
    'stale',
    null,
  );
  return aProjectPageView({
    levels: [
      { id: 'organisation', name: 'Organisation' },
      { id: 'workgroup', name: 'Workgroup' },
    ],
    periods: [aPeriod(), aPeriod({ id: 'p-2027q1', name: '2027 Q1', start: '2027-01-01', end: '2027-03-31' })],
    workgroups: [
      aWorkgroupRecord({ objectives: [o2, o3, o4] }),
      aWorkgroupRecord({ id: 'wg-payments', name: 'Payments', leads: [BEN], youLead: false, objectives: [o5] }),
    ],
    aligned: [o1],
    owners: [LEAD, ANA, BEN],
    ...over,
  });
}

export const USERS = { [ANA]: 'Ana Alves', [BEN]: 'Ben Brown', [LEAD]: 'Lea Lead' };

export function noCheckIns() {
  return CheckInList.parse({ checkIns: [], nextCursor: null });
}

export function noHistory(objectiveKey = 'O-2') {
  return ObjectiveHistory.parse({ objectiveKey, snapshots: [] });
}

export function aPrompt(over: Record<string, unknown> = {}): PromptItem {
  return anOutcomeReviewOf('SHOP-7', 'O-2', LEAD, over);
}

/**
 * Builders ("object mothers") for test data: each returns a valid record, parsed through the
 * contract so defaults are filled in the way the app fills them, with any field overridden.
 */
import {
  CheckIn,
  Contribution,
  DEFAULT_POLICY,
  IssueState,
  KeyResult,
  Objective,
  Period,
  RollupPolicy,
  type KeyResult as KeyResultT,
} from '../../src/contract';
import type { RollupInput } from '../../src/domain/rollup/full-recompute';

export const T0 = Date.parse('2026-10-01T00:00:00Z');
export const DAY = 86_400_000;

export function aPeriod(over: Partial<Period> = {}): Period {
  return Period.parse({ id: 'p-2026q4', name: '2026 Q4', start: '2026-10-01', end: '2026-12-31', ...over });
}

let objectiveSeq = 0;
export function anObjective(over: Partial<Objective> = {}): Objective {
  objectiveSeq += 1;
  const n = objectiveSeq;
  return Objective.parse({
    id: `obj-${n}`,
    key: `O-${n}`,
    title: `Objective ${n}`,
    levelId: 'workgroup',
    periodId: 'p-2026q4',
    owner: 'acc-owner',
    createdAt: T0,
    updatedAt: T0,
    ...over,
  });
}

let krSeq = 0;
type KrOver = Record<string, unknown> & { kind?: KeyResultT['kind']; objectiveId: string };
export function aKeyResult(over: KrOver): KeyResultT {
  krSeq += 1;
  const kind = over.kind ?? 'completion';
  const defaults: Record<string, Record<string, unknown>> = {
    completion: {},
    metric: { direction: 'increase', baseline: 0, target: 100, unit: '%' },
    query: { direction: 'increase', baseline: 0, target: 10, jql: 'project = ABC' },
    'delivery-quality': { measure: 'on-time-rate', target: 0.9 },
    milestone: {},
  };
  return KeyResult.parse({
    id: `kr-${krSeq}`,
    key: `KR-${krSeq}`,
    title: `Key result ${krSeq}`,
    owner: 'acc-owner',
    createdAt: T0,
    updatedAt: T0,
    ...defaults[kind],
    ...over,
    kind,
  });
}

export function anIssue(over: Partial<IssueState> & { key: string }): IssueState {
  return IssueState.parse({ statusCategory: 'new', created: T0, updated: T0, ...over });
}

export function aContribution(over: Partial<Contribution> & { issueKey: string; objectiveId: string }): Contribution {
  return Contribution.parse({ createdBy: 'acc-member', createdAt: T0, ...over });
}

let checkInSeq = 0;
export function aCheckIn(over: Partial<CheckIn> & { objectiveId: string }): CheckIn {
  checkInSeq += 1;
  return CheckIn.parse({ id: `ci-${checkInSeq}`, confidence: 'high', author: 'acc-owner', at: T0, ...over });
}

export function aPolicy(over: Partial<RollupPolicy> = {}): RollupPolicy {
  return RollupPolicy.parse({ ...DEFAULT_POLICY, ...over });
}

export function aRollupInput(over: Partial<RollupInput> = {}): RollupInput {
  return {
    periods: [aPeriod()],
    objectives: [],
    keyResults: [],
    contributions: [],
    issues: [],
    checkIns: [],
    queryValues: [],
    policy: aPolicy(),
    now: T0 + 10 * DAY,
    ...over,
  };
}

/**
 * A deliberately naive rollup, the baseline the real one is compared with: for every
 * objective it scans ALL issues and walks each issue's ancestors to see whether the issue
 * (or an ancestor) is linked to the objective or to one of its key results. Then it counts
 * by the same rule as src/domain/tally.ts: containers (issues with children) are not counted,
 * and an issue's points count only when nothing below it carries points.
 *
 * Its cost is (objectives × issues × depth), linear in the number of objectives.
 */
import type { IssueState, KeyResult, WorkSummary } from '../src/contract';
import type { RollupInput } from '../src/domain/rollup/full-recompute';

interface Link {
  objectiveId: string;
  keyResultId: string | null;
}

/** What the naive rollup looks things up in; built once, whatever the number of objectives. */
export interface NaiveIndex {
  issues: readonly IssueState[];
  byKey: Map<string, IssueState>;
  links: Map<string, Link[]>;
  keyResultsOf: Map<string, KeyResult[]>;
  /** Issues that have at least one known child. */
  containers: Set<string>;
  /** Issues with some issue below them carrying story points. */
  pointsBelow: Set<string>;
}

/** Deeper than any Jira hierarchy; stops a walk if imported data had a parent cycle. */
const MAX_DEPTH = 1_000;

function parentOf(index: Pick<NaiveIndex, 'byKey'>, issue: IssueState): IssueState | undefined {
  return issue.parentKey === null ? undefined : index.byKey.get(issue.parentKey);
}

export function prepareNaive(input: RollupInput): NaiveIndex {
  const byKey = new Map(input.issues.map((i) => [i.key, i]));
  const keyResultsOf = new Map<string, KeyResult[]>();
  for (const kr of input.keyResults)
    keyResultsOf.set(kr.objectiveId, [...(keyResultsOf.get(kr.objectiveId) ?? []), kr]);
  const links = new Map<string, Link[]>();
  for (const c of input.contributions) links.set(c.issueKey, [...(links.get(c.issueKey) ?? []), c]);
  const containers = new Set<string>();
  const pointsBelow = new Set<string>();
  for (const issue of input.issues) {
    const parent = parentOf({ byKey }, issue);
    if (parent) containers.add(parent.key);
    if (issue.storyPoints === null) continue;
    let at = parent;
    for (let depth = 0; at && depth < MAX_DEPTH; depth += 1, at = parentOf({ byKey }, at)) pointsBelow.add(at.key);
  }
  return { issues: input.issues, byKey, links, keyResultsOf, containers, pointsBelow };
}

interface Counts {
  issues: number;
  done: number;
  inProgress: number;
  centiPoints: number;
  centiPointsDone: number;
}

const zero = (): Counts => ({ issues: 0, done: 0, inProgress: 0, centiPoints: 0, centiPointsDone: 0 });

function count(index: NaiveIndex, into: Counts, issue: IssueState): void {
  const done = issue.statusCategory === 'done';
  if (issue.storyPoints !== null && !index.pointsBelow.has(issue.key)) {
    const centi = Math.round(issue.storyPoints * 100);
    into.centiPoints += centi;
    if (done) into.centiPointsDone += centi;
  }
  if (index.containers.has(issue.key)) return;
  into.issues += 1;
  if (done) into.done += 1;
  else if (issue.statusCategory === 'indeterminate') into.inProgress += 1;
}

const summary = (c: Counts): WorkSummary => ({
  issues: c.issues,
  done: c.done,
  inProgress: c.inProgress,
  toDo: c.issues - c.done - c.inProgress,
  points: c.centiPoints / 100,
  pointsDone: c.centiPointsDone / 100,
});

export interface NaiveKeyResult {
  keyResultId: string;
  work: WorkSummary;
  /** Completion progress (count or story points); null for other kinds or nothing to measure. */
  progress: number | null;
}

export interface NaiveObjective {
  objectiveId: string;
  work: WorkSummary;
  /** Completion and delivery-quality key results: those measured on Jira work. */
  keyResults: NaiveKeyResult[];
}

/** One objective, from scratch: every issue is looked at. */
export function naiveObjective(index: NaiveIndex, objectiveId: string): NaiveObjective {
  const krs = index.keyResultsOf.get(objectiveId) ?? [];
  const krIndex = new Map(krs.map((kr, k) => [kr.id, k]));
  const own = zero();
  const perKr = krs.map(zero);
  const inKr = krs.map(() => false);
  for (const issue of index.issues) {
    let inObjective = false;
    if (krs.length > 0) inKr.fill(false);
    let at: IssueState | undefined = issue;
    for (let depth = 0; at && depth < MAX_DEPTH; depth += 1, at = parentOf(index, at)) {
      const links = index.links.get(at.key);
      if (!links) continue;
      for (const link of links) {
        if (link.objectiveId !== objectiveId) continue;
        if (link.keyResultId === null) {
          inObjective = true;
          continue;
        }
        const k = krIndex.get(link.keyResultId);
        if (k === undefined) continue; // a link to a key result of another objective is ignored
        inObjective = true;
        inKr[k] = true;
      }
    }
    if (inObjective) count(index, own, issue);
    for (let k = 0; k < krs.length; k += 1) if (inKr[k]) count(index, perKr[k] as Counts, issue);
  }

  const keyResults: NaiveKeyResult[] = [];
  krs.forEach((kr, k) => {
    if (kr.kind !== 'completion' && kr.kind !== 'delivery-quality') return;
    const c = kr.scope === 'objective' ? own : (perKr[k] as Counts);
    const byPoints = kr.kind === 'completion' && kr.measure === 'story-points';
    const total = byPoints ? c.centiPoints : c.issues;
    const done = byPoints ? c.centiPointsDone : c.done;
    const progress = kr.kind !== 'completion' || total === 0 ? null : Math.min(1, Math.max(0, done / total));
    keyResults.push({ keyResultId: kr.id, work: summary(c), progress });
  });
  return { objectiveId, work: summary(own), keyResults };
}

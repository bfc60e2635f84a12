/**
 * A slow, plain rollup: the oracle the property tests hold the engine to (src/domain/rollup).
 * For every set it walks each issue's line of ancestors to see whether the issue belongs (it or
 * an ancestor is linked there), counts the members one by one, and computes the records with
 * contributors first. No forest, no subtree tallies, no incremental bookkeeping — so a mistake
 * in those shows up as a difference.
 *
 * It shares with the engine only what is specified elsewhere and tested on its own: the
 * counting rule of one issue (tally.ts, see counting-rule.test.ts) and the record computed from
 * tallies (objective-record.ts).
 */
import type { CheckIn, IssueState, KeyResult, Objective, ObjectiveRollup } from '../../src/contract';
import { bottomUpOrder } from '../../src/domain/hierarchy';
import { boundsOf } from '../../src/domain/pace';
import type { RollupInput } from '../../src/domain/rollup/full-recompute';
import type { IssueRecord, LinkCount } from '../../src/domain/rollup/records';
import { countsUpward, objectiveRecord } from '../../src/domain/rollup/objective-record';
import { addInto, emptyTally, unitTally, type WorkTally } from '../../src/domain/tally';

export function referenceRollup(input: RollupInput): Map<string, ObjectiveRollup> {
  const issues = new Map<string, IssueState>();
  for (const i of input.issues) issues.set(i.key, i);

  /** The issue and its known ancestors, nearest first (a cycle, which Jira never makes, stops the walk). */
  const lineOf = (key: string): string[] => {
    const line: string[] = [];
    for (
      let at: string | null = key;
      at !== null && issues.has(at) && !line.includes(at);
      at = issues.get(at)?.parentKey ?? null
    )
      line.push(at);
    return line;
  };
  const hasChildren = new Set<string>();
  const pointsBelow = new Set<string>();
  for (const i of issues.values()) {
    const [, ...above] = lineOf(i.key);
    if (above[0] !== undefined) hasChildren.add(above[0]);
    if (i.storyPoints !== null) for (const a of above) pointsBelow.add(a);
  }
  const countOf = (members: Iterable<string>): WorkTally => {
    const t = emptyTally();
    for (const k of members)
      addInto(
        t,
        unitTally(issues.get(k) as IssueState, { hasChildren: hasChildren.has(k), pointsBelow: pointsBelow.has(k) }),
      );
    return t;
  };
  /** The known issues that are linked in `linked`, or have an ancestor there. */
  const membersOf = (linked: Set<string>): string[] =>
    [...issues.keys()].filter((k) => lineOf(k).some((a) => linked.has(a)));

  const objectives = new Map(input.objectives.map((o) => [o.id, o]));
  const keyResultsOf = (o: Objective): KeyResult[] =>
    input.keyResults.filter((kr) => kr.objectiveId === o.id).sort((a, b) => (a.id < b.id ? -1 : 1));
  const latest = (checkIns: readonly CheckIn[]): CheckIn | undefined =>
    [...checkIns].sort((a, b) => (a.at !== b.at ? a.at - b.at : a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).at(-1);

  const records = new Map<string, ObjectiveRollup>();
  for (const id of bottomUpOrder(input.objectives)) {
    const o = objectives.get(id) as Objective;
    const keyResults = keyResultsOf(o);
    const links = input.contributions.filter((c) => c.objectiveId === o.id);
    const own = countOf(membersOf(new Set(links.map((c) => c.issueKey))));
    const byKeyResult = new Map(
      keyResults.map((kr) => [
        kr.id,
        countOf(membersOf(new Set(links.filter((c) => c.keyResultId === kr.id).map((c) => c.issueKey)))),
      ]),
    );
    const values = new Map<string, number>();
    for (const kr of keyResults) {
      const value = latest(input.checkIns.filter((ci) => ci.keyResultId === kr.id && ci.value !== null))?.value;
      if (value !== undefined && value !== null) values.set(kr.id, value);
    }
    for (const q of input.queryValues)
      if (keyResults.some((kr) => kr.id === q.keyResultId)) values.set(q.keyResultId, q.value);
    const last = latest(input.checkIns.filter((ci) => ci.objectiveId === o.id));
    const contributors = input.objectives
      .filter((c) => c.id !== o.id && (c.parentId === o.id || c.alignments.some((a) => a.objectiveId === o.id)))
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map((c) => ({
        weight: c.parentId === o.id ? c.weight : (c.alignments.find((a) => a.objectiveId === o.id)?.weight ?? null),
        // a child whose period has not begun is left out until it begins (docs/rollup.md)
        progress: ((r) => (r === undefined || r.status === 'not-started' ? null : r.progress))(records.get(c.id)),
        counts: countsUpward(c),
      }));
    records.set(
      id,
      objectiveRecord({
        objective: o,
        keyResults,
        ownTally: own,
        keyResultTallies: Object.fromEntries(byKeyResult),
        measurements: Object.fromEntries(values),
        contributors,
        period: ((p) => (p === undefined ? null : boundsOf(p)))(input.periods.find((p) => p.id === o.periodId)),
        lastCheckIn: last === undefined ? null : { id: last.id, at: last.at, confidence: last.confidence },
        policy: input.policy,
        now: input.now,
      }),
    );
  }
  return records;
}

/**
 * Every issue record a full recompute holds, plainly (the oracle of issue-records.property.test.ts):
 * the known parent, the line of known ancestors, the children counted one by one, the issues below
 * that carry points, the contributions counted per target in order, and — when linked — the tally
 * of every issue whose line passes through it, counted one by one. Issues in input order, a key given
 * twice at its first place with its later state. Assumes no cycle (Jira makes none).
 */
export function referenceIssueRecords(input: RollupInput): IssueRecord[] {
  const issues = new Map<string, IssueState>();
  for (const i of input.issues) issues.set(i.key, i);
  const lineOf = (key: string): string[] => {
    const line: string[] = [];
    for (let at: string | null = key; at !== null && issues.has(at); at = issues.get(at)?.parentKey ?? null)
      line.push(at);
    return line;
  };
  const lines = new Map([...issues.keys()].map((k) => [k, lineOf(k)]));
  const below = (key: string): string[] => [...issues.keys()].filter((k) => k !== key && lines.get(k)?.includes(key));
  const hasChildren = (key: string) => below(key).length > 0;
  const pointsBelow = (key: string) => below(key).filter((k) => issues.get(k)?.storyPoints !== null).length;
  return [...issues.values()].map((state) => {
    const [, ...ancestors] = lines.get(state.key) as string[];
    const counts = new Map<string, LinkCount>();
    for (const c of input.contributions.filter((c) => c.issueKey === state.key)) {
      const id = `${c.objectiveId} ${c.keyResultId ?? ''}`;
      const known = counts.get(id);
      if (known) known.count += 1;
      else counts.set(id, { objectiveId: c.objectiveId, keyResultId: c.keyResultId, count: 1 });
    }
    const links = [...counts.values()].sort((a, b) =>
      a.objectiveId !== b.objectiveId
        ? a.objectiveId < b.objectiveId
          ? -1
          : 1
        : a.keyResultId === b.keyResultId
          ? 0
          : a.keyResultId === null
            ? -1
            : b.keyResultId === null
              ? 1
              : a.keyResultId < b.keyResultId
                ? -1
                : 1,
    );
    let tally: WorkTally | null = null;
    if (links.length > 0) {
      tally = emptyTally();
      for (const k of [state.key, ...below(state.key)])
        addInto(
          tally,
          unitTally(issues.get(k) as IssueState, { hasChildren: hasChildren(k), pointsBelow: pointsBelow(k) > 0 }),
        );
    }
    return {
      key: state.key,
      state,
      parent: ancestors[0] ?? null,
      ancestors,
      childCount: [...issues.values()].filter((i) => i.parentKey === state.key && i.key !== state.key).length,
      pointsBelow: pointsBelow(state.key),
      links,
      tally,
    };
  });
}

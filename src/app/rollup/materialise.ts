import { targetsOf } from '../../domain/hierarchy';
import { ancestors, hasChildren, type IssueNode } from '../../domain/issue-forest';
import { countsUpward, keyResultSet, objectiveSet, type RollupModel } from '../../domain/rollup-model';
import { emptyTally } from '../../domain/tally';
import { storeTally, type StoredIssue, type StoredLink, type StoredRollup } from './stored-records';

/** The stored form of one issue of a full rollup. */
function storedIssue(model: RollupModel, node: IssueNode, links: StoredLink[]): StoredIssue {
  const tally = model.rootTally.get(node.issue.key);
  return {
    key: node.issue.key,
    state: node.issue,
    parent: node.parent?.issue.key ?? null,
    ancestors: ancestors(model.forest, node.issue.key),
    childCount: hasChildren(node) ? (node.children as IssueNode[]).length : 0,
    pointsBelow: node.pointsBelow,
    links,
    tally: tally ? storeTally(tally) : null,
    version: 0,
  };
}

/**
 * Everything a full rollup knows, as the records storage keeps: one per known issue and one per
 * objective. `links` are the contributions, counted per issue and target.
 */
export function materialise(model: RollupModel, contributions: readonly { issueKey: string; objectiveId: string; keyResultId: string | null }[]): {
  issues: StoredIssue[];
  rollups: StoredRollup[];
} {
  const linksByIssue = new Map<string, StoredLink[]>();
  for (const c of contributions) {
    if (!model.objectives.has(c.objectiveId)) continue;
    if (c.keyResultId !== null && model.objectiveOfKeyResult.get(c.keyResultId) !== c.objectiveId) continue;
    let list = linksByIssue.get(c.issueKey);
    if (!list) linksByIssue.set(c.issueKey, (list = []));
    const same = list.find((l) => l.objectiveId === c.objectiveId && l.keyResultId === c.keyResultId);
    if (same) same.count += 1;
    else list.push({ objectiveId: c.objectiveId, keyResultId: c.keyResultId, count: 1 });
  }
  const issues = [...model.forest.nodes.values()].map((n) => storedIssue(model, n, linksByIssue.get(n.issue.key) ?? []));

  const rollups: StoredRollup[] = [...model.objectives.values()].map((o) => {
    const keyResults = model.keyResultsOf.get(o.id) ?? [];
    const keyResultTallies: StoredRollup['keyResultTallies'] = {};
    const measurements: StoredRollup['measurements'] = {};
    for (const kr of keyResults) {
      const t = model.setTally.get(keyResultSet(kr.id));
      if (t) keyResultTallies[kr.id] = storeTally(t);
      const m = model.measurements.get(kr.id);
      if (m !== undefined) measurements[kr.id] = m;
    }
    const contributors: StoredRollup['contributors'] = {};
    for (const c of model.contributorsOf.get(o.id) ?? []) {
      const child = model.objectives.get(c.id);
      contributors[c.id] = { weight: c.weight, progress: model.records.get(c.id)?.progress ?? null, counts: child !== undefined && countsUpward(child) };
    }
    const own = model.setTally.get(objectiveSet(o.id));
    return {
      objectiveId: o.id,
      objective: o,
      keyResults,
      own: storeTally(own ?? emptyTally()),
      keyResultTallies,
      measurements,
      lastCheckIn: model.lastCheckIn.get(o.id) ?? null,
      contributors,
      targets: [...new Set(targetsOf(o))].filter((t) => t !== o.id && model.objectives.has(t)),
      record: recordOf(model, o.id),
      version: 0,
    };
  });
  return { issues, rollups };
}

function recordOf(model: RollupModel, id: string): StoredRollup['record'] {
  const record = model.records.get(id);
  if (!record) throw new Error(`materialise: objective ${id} has no record; run the full rollup first`);
  return record;
}

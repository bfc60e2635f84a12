import {
  byKeyResultKey,
  byObjectiveKey,
  OBJECTIVES_FILE_FORMAT,
  type FileKeyResult,
  type FileObjective,
  type KeyResult,
  type ObjectivesFile,
} from '../../contract';
import { byIssueKey, type Hierarchy } from './hierarchy';

/** The fields a stored key result has that the file does not carry (or carries differently). */
function fileKeyResult(kr: KeyResult, issues: string[]): FileKeyResult {
  const {
    id: _id,
    objectiveId: _objective,
    createdAt: _created,
    updatedAt: _updated,
    version: _version,
    ...fields
  } = kr;
  if (fields.kind === 'milestone') {
    const { doneAt: _doneAt, ...milestone } = fields;
    return { ...milestone, issues };
  }
  return { ...fields, issues };
}

/**
 * The whole hierarchy as one objectives file, in a stable order (objectives by key, key results
 * by key, issues as people sort them), so that exports of the same hierarchy are identical and
 * diffs between exports show only what changed.
 */
export function exportObjectivesFile(h: Hierarchy): ObjectivesFile {
  const keyOf = new Map(h.objectives.map((o) => [o.id, o.key]));
  const linksOf = new Map<string, string[]>();
  for (const c of h.contributions) {
    const at = c.keyResultId ?? `objective:${c.objectiveId}`;
    let list = linksOf.get(at);
    if (!list) linksOf.set(at, (list = []));
    if (!list.includes(c.issueKey)) list.push(c.issueKey);
  }
  const issuesOf = (at: string) => [...(linksOf.get(at) ?? [])].sort(byIssueKey);

  const objectives: FileObjective[] = [...h.objectives].sort(byObjectiveKey).map((o) => ({
    key: o.key,
    title: o.title,
    description: o.description,
    level: o.levelId,
    period: o.periodId,
    owner: o.owner,
    workgroup: o.workgroupId,
    parent: o.parentId === null ? null : (keyOf.get(o.parentId) ?? null),
    weight: o.weight,
    alignments: o.alignments.flatMap((a) => {
      const key = keyOf.get(a.objectiveId);
      return key === undefined ? [] : [{ objective: key, weight: a.weight }];
    }),
    status: o.status,
    visibility: o.visibility,
    issues: issuesOf(`objective:${o.id}`),
    keyResults: h.keyResults
      .filter((kr) => kr.objectiveId === o.id)
      .sort(byKeyResultKey)
      .map((kr) => fileKeyResult(kr, issuesOf(kr.id))),
  }));

  return {
    format: OBJECTIVES_FILE_FORMAT,
    levels: h.levels,
    periods: [...h.periods].sort((a, b) => (a.start === b.start ? (a.id < b.id ? -1 : 1) : a.start < b.start ? -1 : 1)),
    workgroups: [...h.workgroups].sort((a, b) => (a.id < b.id ? -1 : 1)),
    objectives,
  };
}

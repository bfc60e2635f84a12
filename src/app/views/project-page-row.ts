import type { ObjectiveRollup } from '../../contract';
import type { ObjectiveCan, ProjectObjectiveRow } from '../../contract/api';
import type { StoredObjective } from '../objectives/stored-objective';

/**
 * An objective as a row of the project page's tree (ProjectObjectiveRow): what the row, the
 * filters, the link pickers and the CSV export show, from the records project-page/view has read.
 * The rest of the entry (key results' definitions and figures, delivery figures, feedback, the
 * version a form edits) is project-page/objective's, asked when a detail opens.
 */
export function rowOf(o: StoredObjective, record: ObjectiveRollup | null, can: ObjectiveCan): ProjectObjectiveRow {
  const { keyResults: _perKeyResult, ...objectiveCan } = can;
  return {
    objective: {
      id: o.id,
      key: o.key,
      title: o.title,
      description: o.description,
      levelId: o.levelId,
      periodId: o.periodId,
      owner: o.owner,
      workgroupId: o.workgroupId,
      parentId: o.parentId,
      alignments: o.alignments,
      status: o.status,
      visibility: o.visibility,
      keyResults: o.keyResults.map((kr) => ({
        id: kr.id,
        key: kr.key,
        title: kr.title,
        kind: kr.kind,
        ...(kr.kind === 'completion' || kr.kind === 'delivery-quality' ? { scope: kr.scope } : {}),
      })),
    },
    rollup:
      record === null
        ? null
        : {
            progress: record.progress,
            expected: record.expected,
            status: record.status,
            pace: record.pace,
            stale: record.stale,
            confidence: record.confidence,
            lastCheckInAt: record.lastCheckInAt,
            work: { issues: record.work.issues, done: record.work.done },
            keyResults: record.keyResults.map((k) => ({ keyResultId: k.keyResultId, progress: k.progress })),
          },
    can: objectiveCan,
  };
}

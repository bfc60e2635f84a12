/**
 * Each objective's status reason, derived on the page: project-page/view serves the rollup records
 * and the policy once (`statusPolicy`) rather than a reason per objective, and the page reaches
 * the reason with the rule the server explains with (src/contract/status-reason.ts).
 */
import type { ProjectObjectiveRow, ProjectPageView } from '@contract/api';
import { statusReason } from '@contract/status-reason';

export function withStatusReasons(view: ProjectPageView): ProjectPageView {
  const starts = new Map(view.periods.map((p) => [p.id, p.start]));
  const reasoned = (e: ProjectObjectiveRow): ProjectObjectiveRow =>
    e.rollup === null
      ? { ...e, statusReason: null }
      : {
          ...e,
          statusReason: statusReason(e.rollup, view.statusPolicy, starts.get(e.objective.periodId) ?? null),
        };
  return {
    ...view,
    workgroups: view.workgroups.map((w) => ({ ...w, objectives: w.objectives.map(reasoned) })),
    aligned: view.aligned.map(reasoned),
  };
}

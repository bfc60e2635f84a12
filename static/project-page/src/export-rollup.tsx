/**
 * The project page's "Export CSV" (docs/project-page.md): the period's rollup as the page shows it —
 * every objective of the page's workgroups, then the objectives they serve that the viewer may
 * see (the view's `aligned`) — with the names the page shows (levels, workgroups, owners). The
 * view holds only what the viewer may see, so the file does too.
 */
import type { ProjectPageView } from '@contract/api';
import { ExportCsvButton } from '@shared/components/export-csv-button';
import { csvFileName, rollupCsv, type ShownObjective } from '@shared/rollup-csv';

/** The objectives of the page, in its order: each workgroup's (by the view's order), then those they serve. */
export function projectPageObjectives(view: ProjectPageView): ShownObjective[] {
  const workgroupNames = new Map(view.workgroups.map((w) => [w.id, w.name]));
  return [
    ...view.workgroups.flatMap((w) => w.objectives.map((entry) => ({ entry, workgroup: w.name }))),
    ...view.aligned.map((entry) => ({
      entry,
      workgroup:
        entry.objective.workgroupId === null ? null : (workgroupNames.get(entry.objective.workgroupId) ?? null),
    })),
  ];
}

export function ExportRollupButton({
  view,
  ownerName,
  levelNames,
}: {
  view: ProjectPageView;
  ownerName: (accountId: string) => string;
  levelNames: ReadonlyMap<string, string>;
}) {
  const period = view.periods.find((p) => p.id === view.periodId);
  return (
    <ExportCsvButton
      fileName={csvFileName(view.projectKey, period?.id ?? 'all-periods')}
      build={() =>
        rollupCsv(projectPageObjectives(view), {
          level: (id) => levelNames.get(id) ?? id,
          owner: ownerName,
        })
      }
    />
  );
}

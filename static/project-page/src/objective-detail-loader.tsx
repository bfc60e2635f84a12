/**
 * An objective's detail with its whole entry: project-page/view serves the tree's rows only
 * (docs/project-page.md, "Size and speed"), so the detail asks project-page/objective for the rest
 * (its key results, their figures and what the caller may do with each, the work and delivery
 * figures, the feedback, the version its forms edit) when it opens, and again whenever the view is
 * read again (a change here, by someone else or in Jira), keeping what it shows until the answer
 * comes. The row's status reason, derived on the page, comes along.
 */
import { useEffect, useMemo, useRef } from 'react';
import type { ProjectObjectiveRow } from '@contract/api';
import { ErrorNotice } from '@shared/components/error-notice';
import { Loading } from '@shared/components/loading';
import { useResource } from '@shared/use-resource';
import { withEntry } from './abilities';
import ObjectiveDetail, { type DetailContext } from './objective-detail';

export default function ObjectiveDetailLoader({
  row,
  view,
  abilities,
  ...rest
}: DetailContext & { row: ProjectObjectiveRow }) {
  const loaded = useResource('project-page/objective', {
    projectKey: view.projectKey,
    objectiveKey: row.objective.key,
  });
  // the view was read again: so is the entry (the first read is useResource's own)
  const seen = useRef(view);
  const { reload } = loaded;
  useEffect(() => {
    if (seen.current === view) return;
    seen.current = view;
    reload();
  }, [view, reload]);
  const data = loaded.data;
  const entry = useMemo(
    () => (data === null ? null : { ...data.entry, statusReason: row.statusReason ?? null }),
    [data, row.statusReason],
  );
  const whole = useMemo(
    () => (entry === null ? abilities : withEntry(abilities, entry.objective, entry.can)),
    [abilities, entry],
  );
  if (entry === null)
    return loaded.state === 'error' ? (
      <ErrorNotice error={loaded.error} onRetry={reload} onReload={reload} />
    ) : (
      <Loading label="Loading the objective" />
    );
  return <ObjectiveDetail entry={entry} view={view} abilities={whole} {...rest} />;
}

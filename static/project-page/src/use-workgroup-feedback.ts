/**
 * The workgroups' feedback figures (their headers'), asked with project-page/feedback once the
 * view's first screen is on the page, and again whenever the view is read again: project-page/view
 * reads no feedback, so 2,000 objectives' feedback keys are not on the first screen's path
 * (docs/project-page.md, "Size and speed"). Until the answer comes, the headers show none.
 */
import { useEffect, useState } from 'react';
import type { ProjectPageView } from '@contract/api';
import type { FeedbackSummary } from '@contract/prompts';
import { useHost } from '@shared/app-context';

export function useWorkgroupFeedback(view: ProjectPageView | null): ReadonlyMap<string, FeedbackSummary | null> {
  const { client } = useHost();
  const [figures, setFigures] = useState<ReadonlyMap<string, FeedbackSummary | null>>(new Map());
  useEffect(() => {
    if (view === null) return;
    let current = true;
    // a passive effect: it runs after the browser has painted the rows
    const payload =
      view.periodId === null
        ? { projectKey: view.projectKey }
        : { projectKey: view.projectKey, periodId: view.periodId };
    void client.call('project-page/feedback', payload).then((reply) => {
      if (current && reply.ok) setFigures(new Map(reply.data.workgroups.map((w) => [w.id, w.feedback])));
    });
    return () => {
      current = false;
    };
  }, [client, view]);
  return figures;
}

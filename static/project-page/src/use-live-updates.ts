/**
 * Live updates of an open project page (docs/project-page.md, "Live"): while the page is visible,
 * ask `project-page/changes` every POLL_MS for the project's change mark — a few storage reads, no
 * Jira call — and call `onChange` when it moved since the last answer. Paused while the tab is
 * hidden (`document.hidden`); asked at once when it shows again. A failed poll is skipped: the next
 * one asks again.
 */
import { useEffect, useRef } from 'react';
import { useHost } from '@shared/app-context';

/** How often a visible page asks: a change in Jira shows within this and one reload of the view. */
export const POLL_MS = 5_000;

export function useLiveUpdates(projectKey: string, onChange: () => void, pollMs = POLL_MS): void {
  const { client } = useHost();
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    let mark: string | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let asking = false;
    const ask = async () => {
      if (asking || stopped) return;
      asking = true;
      const reply = await client.call('project-page/changes', { projectKey });
      asking = false;
      if (stopped || !reply.ok) return;
      const moved = mark !== null && reply.data.mark !== mark;
      mark = reply.data.mark;
      if (moved) latest.current();
    };
    const schedule = () => {
      clearTimeout(timer);
      if (stopped || document.hidden) return;
      timer = setTimeout(() => void ask().finally(schedule), pollMs);
    };
    const onVisibility = () => {
      if (document.hidden) clearTimeout(timer);
      else void ask().finally(schedule);
    };
    // the mark as the view is loaded: a change after it reloads the view
    void ask().finally(schedule);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [client, projectKey, pollMs]);
}

/**
 * An objectives-file import written by the job queue (too large for one call): a progress bar
 * with "N of M steps" and the phase, polling objectives-file/import-status until the job is done
 * or failed, then what was written or why it stopped. The job id is kept in sessionStorage, so
 * leaving the admin page and coming back (in the same tab) shows the same job.
 */
import { count } from '@shared/plural';
import { useEffect, useState } from 'react';
import Button from '@atlaskit/button/new';
import ProgressBar from '@atlaskit/progress-bar';
import { token } from '@atlaskit/tokens';
import { z } from 'zod';
import type { AppError } from '@contract/errors';
import type { ImportJobStatus, ImportPhase, ImportProgress } from '@contract/api';
import { useHost } from '@shared/app-context';
import { ErrorNotice } from '@shared/components/error-notice';

/** How often the status is asked for while the job runs. */
export const IMPORT_POLL_MS = 1500;

const STORAGE_KEY = 'tether.admin.import-job';

/** The job this tab follows, as kept in sessionStorage (read back like anything from outside). */
const RememberedJob = z.object({
  jobId: z.string().min(1),
  fileName: z.string(),
  /** Its end was announced (a flag), so coming back to the page does not announce it again. */
  announced: z.boolean().optional(),
});
export type RememberedJob = z.infer<typeof RememberedJob>;

/** The job this tab is following, if any (sessionStorage may be unavailable: then nothing is kept). */
export function rememberedJob(): RememberedJob | null {
  try {
    const raw = window.sessionStorage.getItem(STORAGE_KEY);
    if (raw === null) return null;
    const parsed = RememberedJob.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function rememberJob(job: RememberedJob | null): void {
  try {
    if (job === null) window.sessionStorage.removeItem(STORAGE_KEY);
    else window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(job));
  } catch {
    // private mode or storage disabled: the job is followed while the page stays open
  }
}

const PHASE: Record<ImportPhase, string> = {
  settings: 'writing levels and periods',
  workgroups: 'writing workgroups',
  objectives: 'writing objectives and key results',
  links: 'linking issues',
  issues: 'updating issue rollups and properties',
};

/** What an applied import wrote, in one sentence. */
export function Written({ progress: p }: { progress: ImportProgress }) {
  return (
    <>
      {p.settingsWritten ? 'Levels and periods written; ' : ''}
      {count(p.workgroupsWritten, 'workgroup')}, {count(p.objectivesWritten, 'objective')} and{' '}
      {count(p.rollupsUpdated, 'rollup')} written; {count(p.linksAdded, 'issue link')} added, {p.linksRemoved} removed;{' '}
      {count(p.propertiesWritten, 'issue property', 'issue properties')} written
      {p.propertiesPending.length > 0 ? `, ${p.propertiesPending.length} left for the next refresh` : ''}.
    </>
  );
}

export function ImportJobProgress({
  job,
  onFinished,
  onDismiss,
  pollMs = IMPORT_POLL_MS,
}: {
  job: RememberedJob;
  onFinished: (status: ImportJobStatus) => void;
  onDismiss: () => void;
  pollMs?: number;
}) {
  const { client } = useHost();
  const [status, setStatus] = useState<ImportJobStatus | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      const reply = await client.call('objectives-file/import-status', { jobId: job.jobId });
      if (stopped) return;
      if (!reply.ok) return setError(reply.error);
      setError(null);
      setStatus(reply.data);
      if (reply.data.state === 'done' || reply.data.state === 'failed') return onFinished(reply.data);
      timer = setTimeout(() => void poll(), pollMs);
    };
    void poll();
    return () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
    };
    // onFinished is the parent's; a new one must not restart the polling
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, job.jobId, pollMs, attempt]);

  const finished = status?.state === 'done' || status?.state === 'failed';
  const value = status === null ? 0 : status.done / status.total;
  return (
    <section
      aria-label="Import progress"
      style={{ marginTop: token('space.200'), display: 'flex', flexDirection: 'column', gap: token('space.100') }}
    >
      <h3 style={{ font: token('font.heading.xsmall'), margin: 0 }}>Importing {job.fileName}</h3>
      <ProgressBar
        value={value}
        isIndeterminate={status === null && error === null}
        appearance={status?.state === 'done' ? 'success' : 'default'}
        ariaLabel={status === null ? 'Import progress' : `Import progress: ${status.done} of ${status.total} steps`}
      />
      {status !== null ? (
        <p role="status" style={{ margin: 0 }}>
          {status.done} of {status.total} steps
          {status.state === 'queued' && status.done === 0 ? ' — waiting for the job queue' : ''}
          {status.state === 'running' || (status.state === 'queued' && status.done > 0)
            ? ` — ${PHASE[status.phase]}`
            : ''}
          {status.state === 'done' ? ' — done' : ''}
          {status.state === 'failed' ? ' — stopped' : ''}
        </p>
      ) : null}
      {status?.stalled === true ? (
        <p role="alert" style={{ margin: 0, color: token('color.text.warning') }}>
          The import has stalled: no run has made progress for a while. It is resumed within the hour; to resume it now,
          open the Background jobs tab and choose Retry. What was written stays.
        </p>
      ) : null}
      {status?.state === 'done' ? (
        <p style={{ margin: 0 }}>
          <strong>Imported.</strong> <Written progress={status.progress} />
        </p>
      ) : null}
      {status?.state === 'failed' ? (
        <div role="alert" style={{ color: token('color.text.danger') }}>
          <p style={{ margin: 0 }}>
            <strong>The import stopped.</strong> <Written progress={status.progress} />
          </p>
          <ul style={{ margin: 0, paddingLeft: token('space.300') }}>
            {status.errors.map((e, i) => (
              <li key={`${e.path}-${i}`}>
                <code>{e.path}</code>: {e.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {error ? <ErrorNotice alert error={error} onRetry={() => setAttempt((n) => n + 1)} /> : null}
      {finished || error?.code === 'NOT_FOUND' ? (
        <div>
          <Button onClick={onDismiss}>Dismiss</Button>
        </div>
      ) : null}
    </section>
  );
}

/**
 * The Background jobs tab (docs/admin-page.md): the app's work that runs on the job queue or on a
 * schedule — objectives-file imports and the daily refresh — with where each stands, what happened
 * in plain words, its error, and *Retry* for a job the server says a retry can take (stalled, or
 * failed on errors that may have passed). Reloaded every few seconds while a job is waiting or
 * running; a refused retry is shown with what to do instead. Loaded as a chunk of its own.
 */
import { count } from '@shared/plural';
import { useEffect, useState } from 'react';
import Button from '@atlaskit/button/new';
import { token } from '@atlaskit/tokens';
import type { JobState, JobView } from '@contract/api';
import type { AppError } from '@contract/errors';
import { useHost } from '@shared/app-context';
import { ErrorNotice } from '@shared/components/error-notice';
import { Loading } from '@shared/components/loading';
import { useResource } from '@shared/use-resource';
import { cellStyle, Hidden, SectionTitle, TableHead } from './form-bits';

/** How often the list is asked for again while a job is waiting or running. */
export const JOBS_POLL_MS = 5000;

/**
 * Each state as a lozenge: a small label in Atlassian's lozenge colours (a plain element: Atlaskit's
 * Lozenge would add about 15 KB gzipped to this chunk for five labels).
 */
const STATE: Record<JobState, { label: string; background: string; color: string }> = {
  queued: { label: 'Waiting', background: token('color.background.neutral'), color: token('color.text.subtle') },
  running: {
    label: 'Running',
    background: token('color.background.information'),
    color: token('color.text.information'),
  },
  stalled: { label: 'Stalled', background: token('color.background.warning'), color: token('color.text.warning') },
  done: { label: 'Done', background: token('color.background.success'), color: token('color.text.success') },
  failed: { label: 'Failed', background: token('color.background.danger'), color: token('color.text.danger') },
};

function StateLabel({ state }: { state: JobState }) {
  const { label, background, color } = STATE[state];
  return (
    <span
      style={{
        background,
        color,
        borderRadius: token('radius.small'),
        padding: `0 ${token('space.050')}`,
        font: token('font.body.small'),
        fontWeight: token('font.weight.bold'),
        textTransform: 'uppercase',
        whiteSpace: 'nowrap',
      }}
    >
      {label}
    </span>
  );
}

const when = (ms: number | null) => (ms === null ? '—' : new Date(ms).toISOString().slice(0, 16).replace('T', ' '));

function progressOf(job: JobView): string {
  if (job.kind === 'reconcile') return `${count(job.done, 'issue')} checked`;
  if (job.total === null) return job.done > 0 ? `up to objective ${job.done}` : '—';
  return `${job.done.toLocaleString('en-US')} of ${job.total.toLocaleString('en-US')} steps`;
}

function JobRow({ job, onRetried }: { job: JobView; onRetried: () => void }) {
  const { client, flag } = useHost();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const retry = async () => {
    if (job.kind !== 'import') return;
    setPending(true);
    setError(null);
    const reply = await client.call('jobs/retry', { kind: 'import', id: job.id });
    setPending(false);
    if (!reply.ok) return setError(reply.error);
    flag({ type: 'success', title: `${job.title}: queued again`, description: reply.data.explanation });
    onRetried();
  };
  return (
    <tr>
      <td style={cellStyle}>
        <div>{job.title}</div>
        <div style={{ color: token('color.text.subtlest'), font: token('font.body.small') }}>
          started {when(job.startedAt)}, last change {when(job.updatedAt)} UTC
        </div>
      </td>
      <td style={cellStyle}>
        <StateLabel state={job.state} />
      </td>
      <td style={{ ...cellStyle, whiteSpace: 'nowrap' }}>{progressOf(job)}</td>
      <td style={cellStyle}>
        <p style={{ margin: 0 }}>{job.explanation}</p>
        {job.error !== null ? (
          <p style={{ margin: `${token('space.050')} 0 0`, color: token('color.text.danger') }}>
            <strong>Error:</strong> {job.error}
          </p>
        ) : null}
        {error ? (
          <div style={{ marginTop: token('space.100') }}>
            <ErrorNotice alert error={error} />
          </div>
        ) : null}
      </td>
      <td style={cellStyle}>
        {job.canRetry ? (
          <Button onClick={() => void retry()} isLoading={pending}>
            Retry <Hidden>{job.title}</Hidden>
          </Button>
        ) : null}
      </td>
    </tr>
  );
}

export default function JobsTab({ pollMs = JOBS_POLL_MS }: { pollMs?: number }) {
  const jobs = useResource('jobs/list', {});
  const busy = jobs.data?.jobs.some((j) => j.state === 'queued' || j.state === 'running') ?? false;
  const { reload } = jobs;
  useEffect(() => {
    if (!busy) return undefined;
    const timer = setTimeout(reload, pollMs);
    return () => clearTimeout(timer);
  }, [busy, reload, pollMs, jobs.data]);
  return (
    <section aria-label="Background jobs">
      <SectionTitle description="Work Tether does in the background: large objectives-file imports and the daily refresh of every objective. A job that stalled or failed says why; Retry goes on from where it stopped, and what was already written stays.">
        Background jobs
      </SectionTitle>
      {jobs.state === 'loading' ? <Loading label="Loading the background jobs" height={120} /> : null}
      {jobs.state === 'error' ? <ErrorNotice error={jobs.error} onRetry={jobs.reload} /> : null}
      {jobs.data !== null ? (
        jobs.data.jobs.length === 0 ? (
          <p>No background jobs yet. Large imports and the daily refresh show here once they have run.</p>
        ) : (
          <table style={{ borderCollapse: 'collapse', width: '100%' }}>
            <TableHead columns={['Job', 'State', 'Progress', 'What happened']} actions />
            <tbody>
              {jobs.data.jobs.map((job) => (
                <JobRow key={`${job.kind}-${job.id}`} job={job} onRetried={jobs.reload} />
              ))}
            </tbody>
          </table>
        )
      ) : null}
      <div style={{ marginTop: token('space.200') }}>
        <Button onClick={jobs.reload} isLoading={jobs.refreshing}>
          Refresh
        </Button>
      </div>
    </section>
  );
}

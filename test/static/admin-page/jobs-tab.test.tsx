/** @jest-environment jsdom */
/**
 * The Background jobs tab: each job with its state, progress, what happened in plain words and its
 * error; Retry only where the server says a retry can take the job; a retry queues it again (a
 * flag, the list reloaded); a refused retry says what to do instead, in the job's row; the list is
 * asked again while a job waits or runs.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { JobView } from '@contract/api';
import JobsTab from '../../../static/admin-page/src/jobs-tab';
import { fail, fakeHost, ok, renderSurface, type Handlers } from '../support/render-surface';

const STALLED_ID = 'import-4f792510-0959-4e88-aeda-a18c231115ec';
const FAILED_ID = 'import-00000000-0000-0000-0000-000000000001';

function job(over: Partial<JobView>): JobView {
  return {
    kind: 'import',
    id: STALLED_ID,
    title: 'Objectives-file import (3,222 steps)',
    state: 'stalled',
    explanation:
      'Stalled: no run has saved progress since 2026-11-20 09:40 UTC; the run writing it stopped without finishing. Retry to go on from step 851 of 3222; what was written stays.',
    done: 850,
    total: 3222,
    error: null,
    failedRuns: 0,
    startedAt: Date.parse('2026-11-20T09:30:00Z'),
    updatedAt: Date.parse('2026-11-20T09:40:00Z'),
    finishedAt: null,
    startedBy: 'local-admin',
    canRetry: true,
    ...over,
  };
}

const failedForGood = job({
  id: FAILED_ID,
  title: 'Objectives-file import (40 steps)',
  state: 'failed',
  done: 0,
  total: 40,
  canRetry: false,
  error: 'the settings record was saved by someone else in the meantime (it is now version 2); reload and try again',
  explanation:
    'Failed at step 1 of 40 on a problem a retry would meet again (the error below). What was written stays; apply the file again on the Import and export tab: its preview shows what is still missing.',
});

const refresh = job({
  kind: 'daily-refresh',
  id: 'daily-refresh-2026-11-20',
  title: 'Daily refresh of 2026-11-20',
  state: 'done',
  done: 5000,
  total: null,
  canRetry: false,
  startedAt: null,
  explanation: 'Finished: every objective was recomputed for 2026-11-20 and its snapshot written.',
});

function setup(handlers: Handlers) {
  const host = fakeHost(handlers, { projectKey: null });
  renderSurface(<JobsTab pollMs={5} />, host);
  return { host, user: userEvent.setup() };
}

const rowOf = (title: string) => screen.getByText(title, { selector: 'div' }).closest('tr') as HTMLElement;

describe('admin page: background jobs', () => {
  it('shows each job with what happened, and Retry only where a retry can take it', async () => {
    setup({ 'jobs/list': () => ok({ jobs: [job({}), failedForGood, refresh] }) });
    await screen.findByText('Objectives-file import (3,222 steps)', { selector: 'div' });
    const stalled = rowOf('Objectives-file import (3,222 steps)');
    expect(within(stalled).getByText('Stalled')).toBeTruthy();
    expect(within(stalled).getByText('850 of 3,222 steps')).toBeTruthy();
    expect(within(stalled).getByText(/^Stalled: no run has saved progress since/)).toBeTruthy();
    expect(within(stalled).getByRole('button', { name: 'Retry Objectives-file import (3,222 steps)' })).toBeTruthy();

    const failed = rowOf('Objectives-file import (40 steps)');
    expect(within(failed).getByText('Failed')).toBeTruthy();
    expect(within(failed).getByText(/the settings record was saved by someone else/)).toBeTruthy();
    expect(within(failed).getByText(/apply the file again on the Import and export tab/)).toBeTruthy();
    expect(within(failed).queryByRole('button', { name: /Retry/ })).toBeNull();

    expect(within(rowOf('Daily refresh of 2026-11-20')).getByText('Done')).toBeTruthy();
  });

  it('retries a stalled job: it is queued again, a flag says so, and the list is asked again until it is done', async () => {
    let lists = 0;
    const { host, user } = setup({
      'jobs/list': () => {
        lists += 1;
        if (lists === 1) return ok({ jobs: [job({})] });
        if (lists === 2)
          return ok({
            jobs: [job({ state: 'queued', canRetry: false, explanation: 'Waiting for the job queue to start it.' })],
          });
        return ok({
          jobs: [
            job({ state: 'done', canRetry: false, done: 3222, explanation: 'Finished: all 3222 steps were written.' }),
          ],
        });
      },
      'jobs/retry': (p) =>
        ok(job({ id: p.id, state: 'queued', canRetry: false, explanation: 'Waiting for the job queue to start it.' })),
    });
    await user.click(await screen.findByRole('button', { name: 'Retry Objectives-file import (3,222 steps)' }));
    await screen.findByText('Finished: all 3222 steps were written.');
    expect(host.calls.filter((c) => c.key === 'jobs/retry').map((c) => c.payload)).toEqual([
      { kind: 'import', id: STALLED_ID },
    ]);
    expect(host.flags).toEqual([
      expect.objectContaining({ type: 'success', title: 'Objectives-file import (3,222 steps): queued again' }),
    ]);
    await waitFor(() => expect(lists).toBe(3));
  });

  it('shows a refused retry in the job’s row, with what to do instead', async () => {
    const { user } = setup({
      'jobs/list': () => ok({ jobs: [job({})] }),
      'jobs/retry': () =>
        fail(
          'CONFLICT',
          'A run is writing this import now (step 851 of 3222); wait for it. If it stops, the job shows as stalled within 2 minutes and can be retried then',
        ),
    });
    await user.click(await screen.findByRole('button', { name: 'Retry Objectives-file import (3,222 steps)' }));
    const alert = await within(rowOf('Objectives-file import (3,222 steps)')).findByRole('alert');
    expect(alert.textContent).toContain('A run is writing this import now (step 851 of 3222); wait for it.');
  });

  it('says when there are no jobs yet', async () => {
    setup({ 'jobs/list': () => ok({ jobs: [] }) });
    expect(await screen.findByText(/^No background jobs yet\./)).toBeTruthy();
  });
});

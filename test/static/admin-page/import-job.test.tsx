/** @jest-environment jsdom */
/**
 * The Import tab with an import too large for one call: the apply answers a job, the tab polls
 * objectives-file/import-status and shows a progress bar with "N of M steps" and the phase until
 * the job is done (what was written) or failed (why); coming back to the page finds the same job.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ImportJobStatus } from '@contract/api';
import { ImportExportTab } from '../../../static/admin-page/src/import-export-tab';
import { fakeHost, ok, renderSurface, type Handlers } from '../support/render-surface';

const summary = {
  objectives: { created: ['O-1', 'O-2'], updated: [], unchanged: [] },
  keyResults: { created: [], updated: [], removed: [] },
  links: { added: 3, removed: 0 },
  periods: { created: [], updated: [] },
  workgroups: { created: [], updated: [] },
  levelsChanged: false,
  untouched: [],
};
const progress = {
  settingsWritten: true,
  workgroupsWritten: 2,
  objectivesWritten: 0,
  rollupsUpdated: 0,
  linksAdded: 0,
  linksRemoved: 0,
  issuesRecomputed: 0,
  propertiesWritten: 0,
  propertiesPending: [],
};
const JOB = 'import-4f792510-0959-4e88-aeda-a18c231115ec';

function status(over: Partial<ImportJobStatus>): ImportJobStatus {
  return {
    jobId: JOB,
    state: 'running',
    done: 0,
    total: 40,
    phase: 'settings',
    errors: [],
    finishedAt: null,
    summary,
    progress,
    stalled: false,
    ...over,
  };
}

/** The statuses the job answers in turn; the last one is repeated. */
function statuses(list: ImportJobStatus[]): Handlers['objectives-file/import-status'] {
  let i = 0;
  return () => ok(list[Math.min(i++, list.length - 1)] as ImportJobStatus);
}

function setup(handlers: Handlers) {
  const host = fakeHost(
    {
      'objectives-file/import': (p) =>
        p.apply
          ? ok({ applied: false, summary, errors: [], progress: null, job: { jobId: JOB, state: 'queued', total: 40 } })
          : ok({ applied: false, summary, errors: [], progress: null, job: null }),
      ...handlers,
    },
    { projectKey: null },
  );
  const onApplied = jest.fn();
  const view = renderSurface(<ImportExportTab onApplied={onApplied} pollMs={5} />, host);
  return { host, onApplied, view, user: userEvent.setup() };
}

async function applyFile(user: ReturnType<typeof userEvent.setup>) {
  fireEvent.change(screen.getByLabelText('Objectives file'), {
    target: { files: [new File(['format: tether-objectives/1\n'], 'big.yaml', { type: 'application/yaml' })] },
  });
  await user.click(await screen.findByRole('button', { name: 'Apply import' }));
}

const statusCalls = (host: ReturnType<typeof setup>['host']) =>
  host.calls.filter((c) => c.key === 'objectives-file/import-status');

beforeEach(() => window.sessionStorage.clear());

describe('admin page: an import written by the job queue', () => {
  it('shows the progress, N of M steps with the phase, until the job is done, then what was written', async () => {
    const { host, onApplied, user } = setup({
      'objectives-file/import-status': statuses([
        status({ state: 'queued' }),
        status({ done: 12, phase: 'objectives' }),
        status({ done: 30, phase: 'links', progress: { ...progress, objectivesWritten: 20 } }),
        status({
          state: 'done',
          done: 40,
          phase: 'issues',
          finishedAt: 1,
          progress: { ...progress, objectivesWritten: 20, rollupsUpdated: 20, linksAdded: 3, propertiesWritten: 3 },
        }),
      ]),
    });
    await applyFile(user);
    const region = await screen.findByRole('region', { name: 'Import progress' });
    expect(within(region).getByText('Importing big.yaml')).toBeTruthy();
    // each status shows on its way to the end (the phase of a running job included)
    await within(region).findByText('40 of 40 steps — done');
    expect(within(region).getByText(/Imported\./).parentElement?.textContent).toContain(
      '2 workgroups, 20 objectives and 20 rollups written; 3 issue links added, 0 removed; 3 issue properties written.',
    );
    expect(
      within(region)
        .getByRole('progressbar', { name: 'Import progress: 40 of 40 steps' })
        .getAttribute('aria-valuenow'),
    ).toBe('1');
    expect(statusCalls(host).map((c) => c.payload)).toEqual(Array.from({ length: 4 }, () => ({ jobId: JOB })));
    expect(host.flags).toEqual([{ type: 'success', title: 'big.yaml imported' }]);
    expect(onApplied).toHaveBeenCalledTimes(1);
    // done: no more polling
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(statusCalls(host)).toHaveLength(4);
  });

  it('shows the phase and the count while the job runs', async () => {
    const { user } = setup({ 'objectives-file/import-status': statuses([status({ done: 12, phase: 'objectives' })]) });
    await applyFile(user);
    const region = await screen.findByRole('region', { name: 'Import progress' });
    expect(await within(region).findByText('12 of 40 steps — writing objectives and key results')).toBeTruthy();
    expect(
      within(region)
        .getByRole('progressbar', { name: 'Import progress: 12 of 40 steps' })
        .getAttribute('aria-valuenow'),
    ).toBe('0.3');
    // the preview is gone with the apply: the file cannot be applied twice while its job runs
    expect(screen.queryByRole('button', { name: 'Apply import' })).toBeNull();
  });

  it('says when the job has stalled and where to resume it, and goes on following it', async () => {
    const { user } = setup({
      'objectives-file/import-status': statuses([
        status({ done: 12, phase: 'objectives', stalled: true }),
        status({ state: 'done', done: 40, phase: 'issues', finishedAt: 1 }),
      ]),
    });
    await applyFile(user);
    const region = await screen.findByRole('region', { name: 'Import progress' });
    expect((await within(region).findByRole('alert')).textContent).toBe(
      'The import has stalled: no run has made progress for a while. It is resumed within the hour; to resume it now, open the Background jobs tab and choose Retry. What was written stays.',
    );
    await within(region).findByText('40 of 40 steps — done');
    expect(within(region).queryByRole('alert')).toBeNull();
  });

  it('says why a failed job stopped and what it wrote', async () => {
    const failed = status({
      state: 'failed',
      done: 7,
      phase: 'objectives',
      finishedAt: 1,
      errors: [
        {
          path: 'step 8 of 40 (objectives)',
          message:
            'the objective O-3 was changed by someone else. What was written before stays; apply the file again to finish the import.',
        },
      ],
    });
    const { host, onApplied, user } = setup({
      'objectives-file/import-status': statuses([status({ done: 3 }), failed]),
    });
    await applyFile(user);
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('step 8 of 40 (objectives)')).toBeTruthy();
    expect(alert.textContent).toContain('the objective O-3 was changed by someone else');
    expect(screen.getByText('7 of 40 steps — stopped')).toBeTruthy();
    expect(host.flags).toEqual([
      { type: 'error', title: 'The import of big.yaml stopped', description: failed.errors[0]?.message },
    ]);
    expect(onApplied).not.toHaveBeenCalled();
  });

  it('finds the job again after leaving the page, without announcing its end twice, until it is dismissed', async () => {
    const first = setup({ 'objectives-file/import-status': statuses([status({ done: 5, phase: 'workgroups' })]) });
    await applyFile(first.user);
    await screen.findByText('5 of 40 steps — writing workgroups');
    first.view.unmount();

    // back on the page: the same job, now finished
    const second = setup({
      'objectives-file/import-status': statuses([status({ state: 'done', done: 40, phase: 'issues', finishedAt: 1 })]),
    });
    expect(await screen.findByText('40 of 40 steps — done')).toBeTruthy();
    expect(statusCalls(second.host)[0]?.payload).toEqual({ jobId: JOB });
    expect(second.host.flags).toEqual([{ type: 'success', title: 'big.yaml imported' }]);
    second.view.unmount();

    const third = setup({
      'objectives-file/import-status': statuses([status({ state: 'done', done: 40, phase: 'issues', finishedAt: 1 })]),
    });
    await screen.findByText('40 of 40 steps — done');
    expect(third.host.flags).toEqual([]);
    await third.user.click(screen.getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Import progress' })).toBeNull());
    third.view.unmount();

    const fourth = setup({});
    expect(screen.queryByRole('region', { name: 'Import progress' })).toBeNull();
    expect(statusCalls(fourth.host)).toEqual([]);
  });
});

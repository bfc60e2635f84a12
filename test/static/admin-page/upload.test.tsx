/** @jest-environment jsdom */
/**
 * The Import tab with a file over one invoke's 500 KB: it is uploaded in parts with
 * objectives-file/upload-part ("Uploading part 2 of 3"), previewed and applied by its upload id; a
 * part that fails twice stops the upload with the reason and *Try again* sends the parts left.
 */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { UPLOAD_PART_JSON_BYTES } from '@contract/api';
import { ImportExportTab } from '../../../static/admin-page/src/import-export-tab';
import { fail, fakeHost, ok, renderSurface, type Handlers } from '../support/render-surface';

const summary = {
  objectives: { created: ['O-1'], updated: [], unchanged: [] },
  keyResults: { created: [], updated: [], removed: [] },
  links: { added: 0, removed: 0 },
  periods: { created: [], updated: [] },
  workgroups: { created: [], updated: [] },
  levelsChanged: false,
  untouched: [],
};
const progress = {
  settingsWritten: true,
  workgroupsWritten: 0,
  objectivesWritten: 1,
  rollupsUpdated: 1,
  linksAdded: 0,
  linksRemoved: 0,
  issuesRecomputed: 0,
  propertiesWritten: 0,
  propertiesPending: [],
};

/** A file of about 2.5 parts, with accented text (bytes, not characters, decide the cut). */
const BIG = `format: tether-objectives/1\n# ${'é'.repeat(Math.floor((UPLOAD_PART_JSON_BYTES * 2.5) / 2))}\n`;

function setup(handlers: Handlers = {}) {
  const host = fakeHost(
    {
      'objectives-file/upload-part': (p) =>
        ok({ uploadId: p.uploadId, index: p.index, count: p.count, duplicate: false }),
      'objectives-file/import': (p) =>
        ok({ applied: p.apply === true, summary, errors: [], progress: p.apply === true ? progress : null, job: null }),
      ...handlers,
    },
    { projectKey: null },
  );
  renderSurface(<ImportExportTab onApplied={() => undefined} pollMs={5} />, host);
  return { host, user: userEvent.setup() };
}

const choose = () =>
  fireEvent.change(screen.getByLabelText('Objectives file'), {
    target: { files: [new File([BIG], 'big.yaml', { type: 'application/yaml' })] },
  });

type UploadPart = { uploadId: string; index: number; count: number; text: string };
const parts = (host: ReturnType<typeof setup>['host']) =>
  host.calls.filter((c) => c.key === 'objectives-file/upload-part').map((c) => c.payload as UploadPart);

describe('admin page: a file larger than one call', () => {
  it('uploads it in parts, showing which part goes, then previews and applies it by its upload id', async () => {
    let release: () => void = () => undefined;
    const second = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { host, user } = setup({
      'objectives-file/upload-part': async (p) => {
        if (p.index === 1) await second;
        return ok({ uploadId: p.uploadId, index: p.index, count: p.count, duplicate: false });
      },
    });
    choose();
    expect((await screen.findByRole('status')).textContent).toBe('Uploading part 2 of 3 of big.yaml…');
    release();
    await screen.findByText('Objectives created (1):', { exact: false });
    const sent = parts(host);
    expect(sent.map((p) => [p.index, p.count])).toEqual([
      [0, 3],
      [1, 3],
      [2, 3],
    ]);
    expect(new Set(sent.map((p) => p.uploadId)).size).toBe(1);
    expect(sent.map((p) => p.text).join('')).toBe(BIG);
    const uploadId = sent[0]?.uploadId;
    expect(uploadId).toMatch(/^upload-/);

    await user.click(screen.getByRole('button', { name: 'Apply import' }));
    await screen.findByText('Imported.');
    expect(host.calls.filter((c) => c.key === 'objectives-file/import').map((c) => c.payload)).toEqual([
      { uploadId, apply: false },
      { uploadId, apply: true },
    ]);
  });

  it('stops at a part refused twice, says why, and sends only the parts left on Try again', async () => {
    let failures = 2;
    const { host, user } = setup({
      'objectives-file/upload-part': (p) => {
        if (p.index === 1 && failures > 0) {
          failures -= 1;
          return fail('UNAVAILABLE', 'Tether could not be reached: network down. Try again.');
        }
        return ok({ uploadId: p.uploadId, index: p.index, count: p.count, duplicate: false });
      },
    });
    choose();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(
      'big.yaml could not be uploaded (part 2 of 3): Tether could not be reached: network down. Try again.',
    );
    expect(host.calls.some((c) => c.key === 'objectives-file/import')).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByText('Objectives created (1):', { exact: false });
    expect(parts(host).map((p) => p.index)).toEqual([0, 1, 1, 1, 2]);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Apply import' })).toHaveProperty('disabled', false));
  });
});

/**
 * Large objectives files in strict mode (issue 12, part B): the admin page sends a file over
 * Forge's 500 KB invoke limit in parts (objectives-file/upload-part), previews and applies it by
 * its upload id, and the import job writes it. Parts may come twice or out of order; a missing
 * part, parts that disagree on their count, someone else's upload and an upload older than a day
 * are refused with what to do; an applied upload is removed. Admins only; payloads checked.
 */
import { randomUUID } from 'node:crypto';
import { splitByJsonBytes } from '../../src/contract';
import { UPLOAD_PART_JSON_BYTES } from '../../src/contract/api';
import { setProcessClock } from '../../local/runtime/process-clock';
import { PINNED_NOW, pinClock } from '../support/clock';
import { buildObjectivesFile } from '../support/objectives-file-builder';
import { queriesCaughtUp, type AppHost } from '../support/app-host';
import { failed, ok } from './resolver-kit';
import { fromPage, invokeFromPage, startStrictImportHost } from './strict-import-host';

const NOW = pinClock(PINNED_NOW);

/** Storage quotas raised for the 2,000-objective apply: pacing bulk writes to the quotas is another part of issue 12. */
const ROOMY_QUOTAS = {
  quotas: { requestsPerSecond: 1e9, readUnitsPerMinute: 1e9, writeUnitsPerMinute: 1e9, batchRequestsPerMinute: null },
};

const newUploadId = () => `upload-${randomUUID()}`;

/** Uploads `parts` of a file as the admin page does, in the order given; returns the upload id. */
async function upload(app: AppHost, parts: readonly string[], order: readonly number[] = parts.map((_, i) => i)) {
  const uploadId = newUploadId();
  for (const index of order) {
    await fromPage(app, 'admin', 'objectives-file/upload-part', {
      uploadId,
      index,
      count: parts.length,
      text: parts[index] ?? '',
    });
  }
  return uploadId;
}

describe('a file of 2,000 objectives in strict mode', () => {
  let app: AppHost;
  beforeAll(() => {
    app = startStrictImportHost({ kvs: ROOMY_QUOTAS });
  });
  afterAll(() => app.close());

  it('is refused in one invoke, and previews and applies when uploaded in parts', async () => {
    const text = buildObjectivesFile({ objectives: 2_000, issues: [], titleSuffix: ' — équipe' });
    expect(Buffer.byteLength(text)).toBeGreaterThan(1_000_000);

    // before: the whole file in one invoke is over Forge's limit, and nothing reaches the app
    const whole = await invokeFromPage(app, 'admin', 'objectives-file/import', { text, apply: false });
    expect(whole).toMatchObject({ bridge: 'refused', code: 'PAYLOAD_TOO_LARGE' });

    const parts = splitByJsonBytes(text, UPLOAD_PART_JSON_BYTES);
    expect(parts.length).toBe(4);
    // parts out of order, the second one twice (a retried invoke)
    const uploadId = await upload(app, parts, [3, 0, 2, 1, 1]);
    const preview = await fromPage(app, 'admin', 'objectives-file/import', { uploadId, apply: false });
    expect(preview.errors).toEqual([]);
    expect(preview.summary?.objectives.created).toHaveLength(2_000);

    const applied = await fromPage(app, 'admin', 'objectives-file/import', { uploadId, apply: true });
    const job = applied.job;
    if (job === null) throw new Error('no job');
    await app.host.drain();
    const status = await ok(app, 'admin', 'objectives-file/import-status', { jobId: job.jobId });
    expect(status).toMatchObject({ state: 'done', done: job.total, errors: [] });
    // the export reads objectives by a query, which lags writes in strict mode: the admin exports later
    await queriesCaughtUp(app);
    expect((await ok(app, 'admin', 'objectives-file/export')).objectives).toBe(2_000);

    // the upload is gone once applied: applying it again is refused with what to do
    const again = await failed(app, 'admin', 'objectives-file/import', { uploadId, apply: true });
    expect(again.error).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/^There is no upload .*choose the file again/),
    });
  }, 300_000);
});

describe('objectives-file/upload-part', () => {
  let app: AppHost;
  beforeEach(() => {
    setProcessClock(NOW);
    app = startStrictImportHost();
  });
  afterEach(() => app.close());

  const FILE = buildObjectivesFile({ objectives: 12, issues: [] });
  const parts = splitByJsonBytes(FILE, 1_500);

  it('takes a part sent twice once, and previews parts that came in any order', async () => {
    expect(parts.length).toBeGreaterThan(3);
    const uploadId = newUploadId();
    const order = parts.map((_, i) => parts.length - 1 - i);
    for (const index of order) {
      const reply = await ok(app, 'admin', 'objectives-file/upload-part', {
        uploadId,
        index,
        count: parts.length,
        text: parts[index] ?? '',
      });
      expect(reply).toEqual({ uploadId, index, count: parts.length, duplicate: false });
    }
    expect(
      await ok(app, 'admin', 'objectives-file/upload-part', {
        uploadId,
        index: 1,
        count: parts.length,
        text: parts[1] ?? '',
      }),
    ).toMatchObject({ duplicate: true });
    const byText = await ok(app, 'admin', 'objectives-file/import', { text: FILE });
    const byUpload = await ok(app, 'admin', 'objectives-file/import', { uploadId });
    expect(byUpload).toEqual(byText);
  });

  it('refuses a part sent again with another text, or as one of another number of parts', async () => {
    const uploadId = await upload(app, parts);
    const changed = await failed(app, 'admin', 'objectives-file/upload-part', {
      uploadId,
      index: 0,
      count: parts.length,
      text: 'something else',
    });
    expect(changed.error).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(
        /^part 1 of \d+ of upload .* was already sent with a different text; choose the file again/,
      ),
    });
    const recounted = await failed(app, 'admin', 'objectives-file/upload-part', {
      uploadId,
      index: 0,
      count: parts.length + 1,
      text: parts[0],
    });
    expect(recounted.error.code).toBe('VALIDATION');
    expect(recounted.error.details).toEqual([
      { path: 'count', message: expect.stringMatching(/was sent before as one of \d+ parts, now as one of \d+/) },
    ]);
  });

  it('says which parts are missing, and which disagree on the count', async () => {
    const uploadId = await upload(app, parts, [0, 2]);
    const missing = await failed(app, 'admin', 'objectives-file/import', { uploadId });
    expect(missing.error.code).toBe('VALIDATION');
    expect(missing.error.message).toMatch(/is incomplete: \d+ of \d+ parts were not received; send them again/);
    expect(missing.error.details?.[0]).toEqual({
      path: 'parts.1',
      message: `part 2 of ${parts.length} was not received`,
    });

    const mixed = newUploadId();
    await ok(app, 'admin', 'objectives-file/upload-part', { uploadId: mixed, index: 0, count: 2, text: 'format: x' });
    await ok(app, 'admin', 'objectives-file/upload-part', { uploadId: mixed, index: 1, count: 3, text: 'y' });
    const disagree = await failed(app, 'admin', 'objectives-file/import', { uploadId: mixed });
    expect(disagree.error.details).toEqual([
      { path: 'parts.1', message: 'part 2 of 3 says the file has 3 parts; the first part says 2' },
    ]);
  });

  it('refuses an upload older than a day, removes it, and removes stale uploads when a new one starts', async () => {
    const old = await upload(app, parts);
    setProcessClock(NOW + 25 * 60 * 60 * 1000);
    const expired = await failed(app, 'admin', 'objectives-file/import', { uploadId: old });
    expect(expired.error).toEqual({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/was started more than a day ago and has expired; choose the file again/),
    });
    expect((await failed(app, 'admin', 'objectives-file/import', { uploadId: old })).error.message).toMatch(
      /^There is no upload/,
    );

    setProcessClock(NOW);
    const forgotten = await upload(app, parts);
    setProcessClock(NOW + 25 * 60 * 60 * 1000);
    // a new upload's first part sweeps what is older than a day (queries lag writes by a second in strict mode)
    await upload(app, parts.slice(0, 1));
    const left = await failed(app, 'admin', 'objectives-file/import', { uploadId: forgotten });
    expect(left.error.message).toMatch(/^There is no upload/);
  });

  it("refuses another admin's upload and anyone who is not an administrator", async () => {
    const uploadId = await upload(app, parts);
    for (const persona of ['lead', 'member', 'outsider'] as const) {
      const { error, writes } = await failed(app, persona, 'objectives-file/upload-part', {
        uploadId,
        index: 0,
        count: parts.length,
        text: parts[0],
      });
      expect(error).toEqual({ code: 'FORBIDDEN', message: 'Only Jira administrators can upload an objectives file' });
      expect(writes).toBe(0);
    }
  });

  it.each([
    [{ uploadId: 'x', index: 0, count: 1, text: 'a' }, ['uploadId']],
    [{ uploadId: 'upload-12345678', index: 2, count: 2, text: 'a' }, ['index']],
    [{ uploadId: 'upload-12345678', index: 0, count: 26, text: 'a' }, ['count']],
    [{ uploadId: 'upload-12345678', index: 0, count: 1, text: '' }, ['text']],
    [{ uploadId: 'upload-12345678', index: 0, count: 1, text: 'x'.repeat(UPLOAD_PART_JSON_BYTES) }, ['text']],
  ])('refuses the payload %#, writing nothing', async (payload, paths) => {
    const { error, writes } = await failed(app, 'admin', 'objectives-file/upload-part', payload);
    expect(error.code).toBe('VALIDATION');
    expect(error.details?.map((d) => d.path)).toEqual(paths);
    expect(writes).toBe(0);
  });

  it('refuses an import naming both a text and an upload, or neither', async () => {
    for (const payload of [{ text: 'a', uploadId: 'upload-12345678' }, { apply: true }]) {
      const { error } = await failed(app, 'admin', 'objectives-file/import', payload);
      expect(error.code).toBe('VALIDATION');
      expect(error.details?.[0]?.message).toBe(
        'send either the text of the file or the uploadId of its uploaded parts, not both',
      );
    }
  });
});

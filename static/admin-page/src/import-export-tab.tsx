/**
 * The objectives file (docs/objectives-file.md): export downloads the whole hierarchy as YAML;
 * import reads a .yaml/.yml/.json file, previews what would change and every problem with its
 * location (`objectives.3.parent`, `line 4, column 3`) before anything is written, and applies
 * only a file without problems. A small import is written at once; a large one comes back as a
 * job, followed with a progress bar until it is done (import-job-progress.tsx).
 */
import { count } from '@shared/plural';
import { useRef, useState } from 'react';
import Button from '@atlaskit/button/new';
import { token } from '@atlaskit/tokens';
import type { ImportSummaryView, ObjectivesFileImportResult } from '@contract/api';
import type { AppError } from '@contract/errors';
import { useHost } from '@shared/app-context';
import { useAction } from '@shared/use-resource';
import { ErrorNotice } from '@shared/components/error-notice';
import { Actions, cellStyle, FieldRow, SectionTitle, TableHead } from './form-bits';
import {
  ImportJobProgress,
  IMPORT_POLL_MS,
  rememberedJob,
  rememberJob,
  Written,
  type RememberedJob,
} from './import-job-progress';
import { planUpload, sendUpload, type FileSource, type Upload } from './upload-file';

/** Reads a chosen file as text (FileReader: every browser a Forge page runs in). */
function readText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsText(file);
  });
}

function Names({ label, names }: { label: string; names: readonly string[] }) {
  if (names.length === 0) return null;
  return (
    <li>
      {label} ({names.length}):{' '}
      {names.length > 30 ? `${names.slice(0, 30).join(', ')} and ${names.length - 30} more` : names.join(', ')}
    </li>
  );
}

function Summary({ summary }: { summary: ImportSummaryView }) {
  const { objectives: o, keyResults: k, links, periods, workgroups } = summary;
  const nothing =
    o.created.length +
      o.updated.length +
      k.created.length +
      k.updated.length +
      k.removed.length +
      links.added +
      links.removed +
      periods.created.length +
      periods.updated.length +
      workgroups.created.length +
      workgroups.updated.length ===
      0 && !summary.levelsChanged;
  if (nothing) return <p>The file matches what is stored: importing it changes nothing.</p>;
  return (
    <ul aria-label="What the import changes" style={{ margin: 0, paddingLeft: token('space.300') }}>
      {summary.levelsChanged ? <li>The levels are replaced by the file's list</li> : null}
      <Names label="Periods created" names={periods.created} />
      <Names label="Periods changed" names={periods.updated} />
      <Names label="Workgroups created" names={workgroups.created} />
      <Names label="Workgroups changed" names={workgroups.updated} />
      <Names label="Objectives created" names={o.created} />
      <Names label="Objectives changed" names={o.updated} />
      <Names label="Objectives unchanged" names={o.unchanged} />
      <Names label="Key results created" names={k.created} />
      <Names label="Key results changed" names={k.updated} />
      <Names label="Key results removed" names={k.removed} />
      {links.added + links.removed > 0 ? (
        <li>
          Issue links: {links.added} added, {links.removed} removed
        </li>
      ) : null}
      <Names label="Objectives the file does not name (left as they are)" names={summary.untouched} />
    </ul>
  );
}

function Export() {
  const { flag } = useHost();
  const exporter = useAction('objectives-file/export');
  const [download, setDownload] = useState<{ url: string; name: string; counts: string } | null>(null);
  const link = useRef<HTMLAnchorElement>(null);
  const run = async () => {
    const file = await exporter.run({});
    if (!file) return;
    if (download) URL.revokeObjectURL(download.url);
    const url = URL.createObjectURL(new Blob([file.text], { type: 'application/yaml' }));
    const name = `tether-objectives-${new Date().toISOString().slice(0, 10)}.yaml`;
    setDownload({
      url,
      name,
      counts: `${count(file.objectives, 'objective')}, ${count(file.keyResults, 'key result')}, ${count(file.links, 'issue link')}`,
    });
    flag({
      type: 'success',
      title: 'Objectives file ready',
      description: `${count(file.objectives, 'objective')}, ${count(file.keyResults, 'key result')}, ${count(file.links, 'issue link')}`,
    });
    // Start the download at once; the link stays for browsers that block it.
    setTimeout(() => link.current?.click(), 0);
  };
  return (
    <div>
      <SectionTitle description="The whole hierarchy — levels, periods, workgroups, every objective with its key results and linked issues — as one YAML file, to back up, review or move to another site.">
        Export
      </SectionTitle>
      <Actions>
        <Button appearance="primary" onClick={() => void run()} isLoading={exporter.pending}>
          Export objectives file
        </Button>
        {download ? (
          <a ref={link} href={download.url} download={download.name}>
            Download {download.name} ({download.counts})
          </a>
        ) : null}
      </Actions>
      {exporter.error ? (
        <div style={{ marginTop: token('space.200') }}>
          <ErrorNotice alert error={exporter.error} onRetry={() => void run()} />
        </div>
      ) : null}
    </div>
  );
}

function Import({ onApplied, pollMs }: { onApplied: () => void; pollMs: number }) {
  const { flag, client } = useHost();
  const preview = useAction('objectives-file/import');
  const apply = useAction('objectives-file/import');
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  // a file larger than one call is uploaded in parts (upload-file.ts): where that stands
  const [source, setSource] = useState<FileSource | null>(null);
  const [uploading, setUploading] = useState<{ part: number; count: number } | null>(null);
  const [uploadError, setUploadError] = useState<{ error: AppError; upload: Upload } | null>(null);
  const [result, setResult] = useState<ObjectivesFileImportResult | null>(null);
  const [applied, setApplied] = useState<ObjectivesFileImportResult | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  // a job started here earlier in this tab's session (the admin may have left the page meanwhile)
  const [job, setJob] = useState<RememberedJob | null>(() => rememberedJob());
  const follow = (next: RememberedJob | null) => {
    rememberJob(next);
    setJob(next);
  };

  /** Uploads what is left of `upload`, then previews it. */
  const uploadAndPreview = async (upload: Upload) => {
    setUploadError(null);
    const sent = await sendUpload(client, upload, (part, count) => setUploading({ part, count }));
    setUploading(null);
    if (!sent.ok) return setUploadError({ error: sent.error, upload: sent.upload });
    setSource(sent.source);
    setResult(await preview.run({ ...sent.source, apply: false }));
  };

  const choose = async (chosen: File | undefined) => {
    setResult(null);
    setApplied(null);
    follow(null);
    setReadError(null);
    setSource(null);
    setUploadError(null);
    apply.clearError();
    if (!chosen) return setFile(null);
    let text: string;
    try {
      text = await readText(chosen);
    } catch (error) {
      setFile(null);
      return setReadError(
        `${chosen.name} could not be read: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    setFile({ name: chosen.name, text });
    if (text.trim() === '') return setReadError(`${chosen.name} is empty.`);
    const upload = planUpload(text);
    if (upload !== null) return uploadAndPreview(upload);
    setSource({ text });
    setResult(await preview.run({ text, apply: false }));
  };

  const run = async () => {
    if (!file || !source) return;
    const done = await apply.run({ ...source, apply: true });
    if (!done) return;
    setResult(null);
    if (done.job !== null) return follow({ jobId: done.job.jobId, fileName: file.name });
    setApplied(done);
    flag({ type: 'success', title: `${file.name} imported` });
    onApplied();
  };

  const errors = result?.errors ?? [];
  const canApply =
    file !== null &&
    result !== null &&
    result.summary !== null &&
    errors.length === 0 &&
    !apply.pending &&
    source !== null &&
    job === null;
  const p = applied?.progress;
  return (
    <div>
      <SectionTitle description="Choose a file (YAML or JSON). You see what it would change, and every problem in it, before anything is written.">
        Import
      </SectionTitle>
      <FieldRow id="objectives-file" label="Objectives file" hint=".yaml, .yml or .json, format tether-objectives/1">
        {(control) => (
          <input
            {...control}
            type="file"
            accept=".yaml,.yml,.json,application/json,application/yaml,text/yaml"
            onChange={(e) => void choose(e.currentTarget.files?.[0])}
            style={{ font: token('font.body'), color: token('color.text') }}
          />
        )}
      </FieldRow>
      {readError ? (
        <p role="alert" style={{ color: token('color.text.danger') }}>
          {readError}
        </p>
      ) : null}
      {uploading ? (
        <p role="status">
          Uploading part {uploading.part} of {uploading.count} of {file?.name}…
        </p>
      ) : null}
      {uploadError ? (
        <ErrorNotice
          alert
          error={{
            ...uploadError.error,
            message: `${file?.name ?? 'The file'} could not be uploaded (part ${uploadError.upload.sent + 1} of ${uploadError.upload.parts.length}): ${uploadError.error.message}`,
          }}
          onRetry={() => void uploadAndPreview(uploadError.upload)}
        />
      ) : null}
      {preview.pending ? <p role="status">Checking {file?.name}…</p> : null}
      {preview.error ? <ErrorNotice alert error={preview.error} onRetry={() => void choose(undefined)} /> : null}
      {result ? (
        <div
          aria-live="polite"
          style={{ marginTop: token('space.200'), display: 'flex', flexDirection: 'column', gap: token('space.150') }}
        >
          <h3 style={{ font: token('font.heading.xsmall'), margin: 0 }}>Preview of {file?.name}</h3>
          {errors.length > 0 ? (
            <div role="region" aria-label="Problems in the file">
              <p style={{ margin: 0, color: token('color.text.danger') }}>
                {count(errors.length, 'problem')} must be fixed in the file before it can be imported. Nothing has been
                written.
              </p>
              <table style={{ borderCollapse: 'collapse', width: '100%', marginTop: token('space.100') }}>
                <TableHead columns={['Where', 'Problem']} />
                <tbody>
                  {errors.map((e, i) => (
                    <tr key={`${e.path}-${i}`}>
                      <td style={{ ...cellStyle, whiteSpace: 'nowrap' }}>
                        {e.line !== undefined ? (
                          <>
                            line {e.line}, column {e.column ?? 1}
                            {e.path === '' ? null : (
                              <>
                                <br />
                                <code>{e.path}</code>
                              </>
                            )}
                          </>
                        ) : (
                          <code>{e.path === '' ? 'the file' : e.path}</code>
                        )}
                      </td>
                      <td style={cellStyle}>{e.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {result.summary ? <Summary summary={result.summary} /> : null}
          <Actions>
            <Button appearance="primary" isDisabled={!canApply} isLoading={apply.pending} onClick={() => void run()}>
              Apply import
            </Button>
            {errors.length > 0 ? (
              <span style={{ color: token('color.text.subtlest') }}>Fix the problems and choose the file again.</span>
            ) : null}
          </Actions>
        </div>
      ) : null}
      {apply.error ? (
        <div style={{ marginTop: token('space.200') }}>
          <ErrorNotice alert error={apply.error} onRetry={() => void run()} />
        </div>
      ) : null}
      {p ? (
        <div role="status" style={{ marginTop: token('space.200') }}>
          <strong>Imported.</strong> <Written progress={p} />
        </div>
      ) : null}
      {job ? (
        <ImportJobProgress
          key={job.jobId}
          job={job}
          pollMs={pollMs}
          onDismiss={() => follow(null)}
          onFinished={(status) => {
            if (job.announced === true) return;
            follow({ ...job, announced: true });
            if (status.state === 'done') {
              flag({ type: 'success', title: `${job.fileName} imported` });
              onApplied();
            } else
              flag({
                type: 'error',
                title: `The import of ${job.fileName} stopped`,
                description: status.errors[0]?.message ?? '',
              });
          }}
        />
      ) : null}
    </div>
  );
}

export function ImportExportTab({ onApplied, pollMs = IMPORT_POLL_MS }: { onApplied: () => void; pollMs?: number }) {
  return (
    <section aria-label="Import and export">
      <Export />
      <Import onApplied={onApplied} pollMs={pollMs} />
    </section>
  );
}

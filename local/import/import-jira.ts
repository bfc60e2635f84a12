/**
 * `importJira`: loads Jira exports (JSON arrays, search and board replies, JSON Lines, any of them
 * gzipped) into a local Jira store. Every record is parsed with zod; a bad one is reported with
 * its position and skipped. The whole result is built first and applied in one step: when that
 * fails, the store is unchanged. See docs/import-jira.md.
 */
import type { JiraStore } from '../jira/store';
import type { ProjectRole } from '../jira/model';
import { buildSnapshot, type BuildCounts } from './build';
import { convertIssue, type ImportedIssue, type ImportedUser, type WarningKind } from './convert';
import { CustomFields, type CustomFieldOptions } from './custom-fields';
import { FieldSchemas, Names, RawIssue, RawReply, describeZodError } from './raw-issue';
import { readSource, type SourceState } from './sources';
import { z } from 'zod';

export type ImportPhase = 'reading' | 'building' | 'applying' | 'done';

export interface ImportProgress {
  phase: ImportPhase;
  /** The file being read (in `reading`), 1-based among `fileCount`. */
  file: string | null;
  fileIndex: number;
  fileCount: number;
  /** Records read so far, all files together, and in the current file. */
  records: number;
  fileRecords: number;
  /** Records in the current file, when known (JSON documents; not JSON Lines, which are streamed). */
  fileTotal: number | null;
  /** Bytes of the current file read from disk (compressed bytes for gzip) and its size. */
  bytesRead: number;
  bytesTotal: number;
  elapsedMs: number;
  /** Records per second since the start. */
  rate: number;
}

export interface ImportOptions extends CustomFieldOptions {
  /** `plain` (default): v2 wiki markup as it is, v3 ADF as plain text; `none`: summaries only. */
  descriptions?: 'plain' | 'none';
  /** Field id → name (`expand=names`, or from GET /field) for exports that do not carry `names`. */
  names?: Record<string, string>;
  /** Field id → custom field type key (`schema.custom` of GET /field or `expand=schema`). */
  fieldTypes?: Record<string, string>;
  /** Roles on projects the import creates (default: the `lead` persona administers, `member` is a member). */
  projectRoles?: Record<string, ProjectRole>;
  /** Called while reading (every `progressEvery` records and at the end of each file) and at each phase. */
  onProgress?: (progress: ImportProgress) => void;
  progressEvery?: number;
  /** How many skipped records and warnings are listed in the report (all are counted). Default 20. */
  listLimit?: number;
  /** Milliseconds since the epoch, for issues without a creation date; default `Date.now`. */
  now?: () => number;
}

export interface SkippedRecord {
  file: string;
  /** `line 12` (JSON Lines), `index 3` (array), `issues[7]` (reply), or combinations. */
  position: string;
  key: string | null;
  reason: string;
}

/**
 * What an import did. The catalogue counts come from the build (BuildCounts): users, projects,
 * issue types, statuses, priorities and resolutions added; parents set by where the link came
 * from (`parent` field, agile `epic`, epic link custom field, parent's `subtasks` list) and links
 * whose target is neither in the import nor in the store.
 */
export interface ImportReport extends Pick<
  BuildCounts,
  | 'usersAdded'
  | 'projectsAdded'
  | 'issueTypesAdded'
  | 'statusesAdded'
  | 'prioritiesAdded'
  | 'resolutionsAdded'
  | 'parentsResolved'
  | 'parentsUnresolved'
> {
  files: Array<{ file: string; format: 'json' | 'jsonl' | null; gzip: boolean; records: number; bytes: number }>;
  /** Records read (issues, good or bad). */
  records: number;
  issues: { added: number; updated: number; unchanged: number };
  skipped: { count: number; listed: SkippedRecord[] };
  warnings: { counts: Partial<Record<WarningKind, number>>; listed: Array<{ kind: WarningKind; detail: string }> };
  durationMs: number;
  /** Time spent in each phase. */
  phaseMs: { reading: number; building: number; applying: number };
}

/** The import could not be applied; the store is unchanged. */
export class ImportError extends Error {
  constructor(
    message: string,
    readonly report: ImportReport | null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ImportError';
  }
}

const KeyOnly = z.object({ key: z.string() });

export async function importJira(
  store: JiraStore,
  files: string[],
  options: ImportOptions = {},
): Promise<ImportReport> {
  const started = performance.now();
  const now = options.now ?? Date.now;
  const listLimit = options.listLimit ?? 20;
  const every = Math.max(1, options.progressEvery ?? 1000);
  const customFields = new CustomFields(options);
  if (options.names) customFields.addNames(options.names);
  if (options.fieldTypes) customFields.addTypes(options.fieldTypes);

  const skipped: SkippedRecord[] = [];
  let skippedCount = 0;
  const warningCounts: Partial<Record<WarningKind, number>> = {};
  const warnings: Array<{ kind: WarningKind; detail: string }> = [];
  const warn = (kind: WarningKind, detail: string) => {
    warningCounts[kind] = (warningCounts[kind] ?? 0) + 1;
    if (warnings.length < listLimit) warnings.push({ kind, detail });
  };
  const skip = (record: SkippedRecord) => {
    skippedCount += 1;
    if (skipped.length < listLimit) skipped.push(record);
  };

  const imported: ImportedIssue[] = [];
  const users = new Map<string, ImportedUser>();
  const fileReports: ImportReport['files'] = [];
  let records = 0;
  const progress: ImportProgress = {
    phase: 'reading',
    file: null,
    fileIndex: 0,
    fileCount: files.length,
    records: 0,
    fileRecords: 0,
    fileTotal: null,
    bytesRead: 0,
    bytesTotal: 0,
    elapsedMs: 0,
    rate: 0,
  };
  const report = (phase: ImportPhase, state?: SourceState) => {
    if (!options.onProgress) return;
    const elapsedMs = performance.now() - started;
    progress.phase = phase;
    progress.records = records;
    progress.elapsedMs = elapsedMs;
    progress.rate = elapsedMs > 0 ? (records * 1000) / elapsedMs : 0;
    if (state) {
      progress.bytesRead = state.bytesRead;
      progress.bytesTotal = state.bytesTotal;
    }
    options.onProgress({ ...progress });
  };

  // ---- reading -----------------------------------------------------------------------------
  for (const [index, file] of files.entries()) {
    const state: SourceState = { bytesRead: 0, bytesTotal: 0, gzip: false, format: null };
    progress.file = file;
    progress.fileIndex = index + 1;
    progress.fileRecords = 0;
    progress.fileTotal = null;
    let fileRecords = 0;

    const take = (value: unknown, position: string) => {
      records += 1;
      fileRecords += 1;
      progress.fileRecords = fileRecords;
      const parsed = RawIssue.safeParse(value);
      if (!parsed.success) {
        const key = KeyOnly.safeParse(value);
        skip({ file, position, key: key.success ? key.data.key : null, reason: describeZodError(parsed.error) });
      } else {
        try {
          imported.push(
            convertIssue(parsed.data, {
              file,
              position,
              customFields,
              descriptions: options.descriptions ?? 'plain',
              now: now(),
              users,
              warn,
            }),
          );
        } catch (error) {
          skip({ file, position, key: parsed.data.key, reason: (error as Error).message });
        }
      }
      if (records % every === 0) report('reading', state);
    };

    /** A search or board reply's field maps (`names`, `schema`); bad maps are reported and ignored. */
    const learnFields = (reply: Record<string, unknown>, position: string) => {
      if (reply.names !== undefined) {
        const names = Names.safeParse(reply.names);
        if (names.success) customFields.addNames(names.data);
        else
          skip({
            file,
            position: `${position} names`,
            key: null,
            reason: `the names map is ignored: ${describeZodError(names.error)}`,
          });
      }
      if (reply.schema !== undefined) {
        const schemas = FieldSchemas.safeParse(reply.schema);
        if (schemas.success) {
          const types: Record<string, string> = {};
          for (const [id, s] of Object.entries(schemas.data)) if (s.custom) types[id] = s.custom;
          customFields.addTypes(types);
        }
      }
    };

    /** One top-level value: an issue, a reply (`{issues}`), or an array of either. */
    const unwrap = (value: unknown, position: string, top: boolean) => {
      const prefix = position === 'the document' ? '' : `${position}, `;
      if (Array.isArray(value)) {
        if (top) progress.fileTotal = value.length;
        value.forEach((element, i) => unwrap(element, `${prefix}index ${i}`, false));
        return;
      }
      const isObject = value !== null && typeof value === 'object';
      const reply = isObject && 'issues' in value && !('fields' in value) ? RawReply.safeParse(value) : null;
      if (reply?.success) {
        learnFields(reply.data, position);
        if (top) progress.fileTotal = reply.data.issues.length;
        reply.data.issues.forEach((element, i) => take(element, `${prefix}issues[${i}]`));
        return;
      }
      if (reply && !reply.success) {
        records += 1;
        fileRecords += 1;
        skip({ file, position, key: null, reason: `a reply without an issue list: ${describeZodError(reply.error)}` });
        return;
      }
      if (isObject) learnFields(value as Record<string, unknown>, position);
      take(value, position);
    };

    for await (const item of readSource(file, state)) {
      if (item.kind === 'bad') {
        records += 1;
        fileRecords += 1;
        skip({ file, position: item.position, key: null, reason: item.reason });
        continue;
      }
      unwrap(item.value, item.position, state.format === 'json');
    }
    fileReports.push({ file, format: state.format, gzip: state.gzip, records: fileRecords, bytes: state.bytesTotal });
    report('reading', state);
  }
  const readMs = performance.now() - started;

  // ---- building ----------------------------------------------------------------------------
  report('building');
  const built = buildSnapshot(store.toSnapshot(), imported, users, {
    warn,
    ...(options.projectRoles ? { projectRoles: options.projectRoles } : {}),
  });
  imported.length = 0;
  const buildMs = performance.now() - started - readMs;

  const result: ImportReport = {
    files: fileReports,
    records,
    issues: {
      added: built.counts.issuesAdded,
      updated: built.counts.issuesUpdated,
      unchanged: built.counts.issuesUnchanged,
    },
    usersAdded: built.counts.usersAdded,
    projectsAdded: built.counts.projectsAdded,
    issueTypesAdded: built.counts.issueTypesAdded,
    statusesAdded: built.counts.statusesAdded,
    prioritiesAdded: built.counts.prioritiesAdded,
    resolutionsAdded: built.counts.resolutionsAdded,
    parentsResolved: built.counts.parentsResolved,
    parentsUnresolved: built.counts.parentsUnresolved,
    skipped: { count: skippedCount, listed: skipped },
    warnings: { counts: warningCounts, listed: warnings },
    durationMs: 0,
    phaseMs: { reading: readMs, building: buildMs, applying: 0 },
  };

  // ---- applying: one step; the store is parsed and checked as a whole before it changes --------
  report('applying');
  try {
    store.replaceAll(built.snapshot);
  } catch (error) {
    const why = error instanceof z.ZodError ? describeZodError(error) : (error as Error).message;
    result.durationMs = performance.now() - started;
    throw new ImportError(`the import could not be applied, the store is unchanged: ${why}`, result, { cause: error });
  }
  result.phaseMs.applying = performance.now() - started - readMs - buildMs;
  result.durationMs = performance.now() - started;
  report('done');
  return result;
}

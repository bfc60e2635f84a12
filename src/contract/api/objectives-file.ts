import { z } from 'zod';
import { IssueKey } from '../common';
import { ErrorDetail } from '../errors';
import { jsonStringBytes } from '../text-parts';
import { endpoint, NoPayload } from './endpoint';

/** The largest objectives file accepted, in characters (well beyond 5,000 objectives). */
export const MAX_OBJECTIVES_FILE_CHARS = 20 * 1024 * 1024;

/** The whole hierarchy as one objectives file (YAML, format `tether-objectives/1`, docs/objectives-file.md). */
export const ObjectivesFileExport = z.object({
  text: z.string(),
  objectives: z.number().int().nonnegative(),
  keyResults: z.number().int().nonnegative(),
  links: z.number().int().nonnegative(),
});
export type ObjectivesFileExport = z.infer<typeof ObjectivesFileExport>;

/**
 * The upload of a large objectives file in parts (docs/objectives-file.md, "Uploading in parts"):
 * a front-end invoke carries at most 500 KB, so the admin page and the `tether` command cut the
 * file's text with splitByJsonBytes (src/contract/text-parts.ts) into parts of at most
 * UPLOAD_PART_JSON_BYTES as JSON strings — a fifth of the invoke left for the envelope — and send
 * them with objectives-file/upload-part; preview and apply then name the upload.
 */
export const UPLOAD_PART_JSON_BYTES = 400_000;
/** The most parts one upload may have, and so the largest file: 25 × 400 KB, about 10 MB. */
export const MAX_UPLOAD_PARTS = 25;
/** How long an upload is kept for its preview and apply (a day); an older one is refused and removed. */
export const UPLOAD_TTL_MS = 24 * 60 * 60 * 1000;

/** The id of an upload, made by the uploader (`upload-` and a random id, e.g. a UUID). */
export const UploadId = z.string().regex(/^upload-[A-Za-z0-9-]{8,80}$/, 'not an upload id (upload-<random id>)');

/** One part of an upload: parts may come in any order, and a part sent twice is taken once. */
export const ObjectivesFileUploadPartPayload = z
  .strictObject({
    uploadId: UploadId,
    /** 0 for the first part. */
    index: z.number().int().nonnegative(),
    /** How many parts the file was cut into (the same in every part). */
    count: z
      .number()
      .int()
      .positive()
      .max(
        MAX_UPLOAD_PARTS,
        `a file is uploaded in at most ${MAX_UPLOAD_PARTS} parts (about 10 MB); split the objectives into several files and import them one after the other`,
      ),
    text: z.string().min(1, 'a part of the file is empty'),
  })
  .superRefine((p, ctx) => {
    if (p.index >= p.count)
      ctx.addIssue({
        code: 'custom',
        path: ['index'],
        message: `part ${p.index} does not exist in an upload of ${p.count} part${p.count === 1 ? '' : 's'} (they are numbered from 0)`,
      });
    if (p.text.length * 6 + 2 > UPLOAD_PART_JSON_BYTES && jsonStringBytes(p.text) > UPLOAD_PART_JSON_BYTES)
      ctx.addIssue({
        code: 'custom',
        path: ['text'],
        message: `a part holds at most ${UPLOAD_PART_JSON_BYTES.toLocaleString('en-US')} bytes of JSON; cut the file with splitByJsonBytes`,
      });
  });
export type ObjectivesFileUploadPartPayload = z.infer<typeof ObjectivesFileUploadPartPayload>;

export const ObjectivesFileUploadPartResult = z.object({
  uploadId: UploadId,
  index: z.number().int().nonnegative(),
  count: z.number().int().positive(),
  /** True when this part was already stored with the same text (a part sent twice). */
  duplicate: z.boolean(),
});
export type ObjectivesFileUploadPartResult = z.infer<typeof ObjectivesFileUploadPartResult>;

/**
 * An objectives file to check (`apply: false`, the preview) or to write (`apply: true`): its text
 * (a small file, in one invoke) or the id of an upload of all its parts.
 */
export const ObjectivesFileImportPayload = z
  .strictObject({
    text: z
      .string()
      .min(1, 'the file is empty')
      .max(MAX_OBJECTIVES_FILE_CHARS, 'the file is larger than 20 MB')
      .optional(),
    uploadId: UploadId.optional(),
    apply: z.boolean().default(false),
  })
  .superRefine((p, ctx) => {
    if ((p.text === undefined) === (p.uploadId === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: 'send either the text of the file or the uploadId of its uploaded parts, not both',
      });
  });
export type ObjectivesFileImportPayload = z.infer<typeof ObjectivesFileImportPayload>;

const names = z.array(z.string());

/** What an import does (src/app/objectives-file/plan-import.ts ImportSummary). */
export const ImportSummaryView = z.object({
  objectives: z.object({ created: names, updated: names, unchanged: names }),
  keyResults: z.object({ created: names, updated: names, removed: names }),
  links: z.object({ added: z.number().int().nonnegative(), removed: z.number().int().nonnegative() }),
  periods: z.object({ created: names, updated: names }),
  workgroups: z.object({ created: names, updated: names }),
  levelsChanged: z.boolean(),
  untouched: names,
});
export type ImportSummaryView = z.infer<typeof ImportSummaryView>;

/** What an applied import wrote, counted as it went. */
export const ImportProgress = z.object({
  settingsWritten: z.boolean(),
  workgroupsWritten: z.number().int().nonnegative(),
  objectivesWritten: z.number().int().nonnegative(),
  rollupsUpdated: z.number().int().nonnegative(),
  linksAdded: z.number().int().nonnegative(),
  linksRemoved: z.number().int().nonnegative(),
  issuesRecomputed: z.number().int().nonnegative(),
  propertiesWritten: z.number().int().nonnegative(),
  /** Issues whose `tether` property is left for a later run (more than 50 below a linked issue). */
  propertiesPending: z.array(IssueKey),
});
export type ImportProgress = z.infer<typeof ImportProgress>;

/** The steps of an applied import, in the order they are written (docs/objectives-file.md). */
export const ImportPhase = z.enum(['settings', 'workgroups', 'objectives', 'links', 'issues']);
export type ImportPhase = z.infer<typeof ImportPhase>;

export const ImportJobState = z.enum(['queued', 'running', 'done', 'failed']);
export type ImportJobState = z.infer<typeof ImportJobState>;

/** The id of an import job (`import-…`, as objectives-file/import answered it). */
export const ImportJobId = z.string().regex(/^import-[A-Za-z0-9-]{1,80}$/, 'not an import job id');

/** An import too large to write in one resolver invocation, left to the job queue. */
export const ImportJobRef = z.object({
  jobId: ImportJobId,
  state: z.literal('queued'),
  /** The writing steps the job will take (objectives-file/import-status counts them done). */
  total: z.number().int().positive(),
});
export type ImportJobRef = z.infer<typeof ImportJobRef>;

export const ObjectivesFileImportResult = z.object({
  /** True when the import was written in this call; false for a preview, a refusal or a queued job. */
  applied: z.boolean(),
  /** null when the file could not be read or planned. */
  summary: ImportSummaryView.nullable(),
  /** Every problem with its path (`objectives.3.parent`); empty when the file can be imported. */
  errors: z.array(ErrorDetail),
  /** null for a preview and for a queued job (its progress is in objectives-file/import-status). */
  progress: ImportProgress.nullable(),
  /** The queued job writing the import, when it was too large to write in this call; else null. */
  job: ImportJobRef.nullable().default(null),
});
export type ObjectivesFileImportResult = z.infer<typeof ObjectivesFileImportResult>;

export const ImportStatusPayload = z.strictObject({ jobId: ImportJobId });
export type ImportStatusPayload = z.infer<typeof ImportStatusPayload>;

/** Where an import job stands. */
export const ImportJobStatus = z.object({
  jobId: ImportJobId,
  state: ImportJobState,
  /** Steps written so far, of `total`. */
  done: z.number().int().nonnegative(),
  total: z.number().int().positive(),
  /** The phase of the next step (of the last one once the job is done). */
  phase: ImportPhase,
  /** Why the job failed, with the step at fault as the path; empty otherwise. */
  errors: z.array(ErrorDetail),
  /** When the job ended (done or failed), else null. */
  finishedAt: z.number().nullable(),
  /** What the import does, as its preview said. */
  summary: ImportSummaryView,
  /** What has been written so far. */
  progress: ImportProgress,
  /**
   * No run works on the job any more (a run stopped without finishing, or it waited too long for
   * the queue): the admin page's Background jobs tab offers to retry it; the hourly trigger resumes it.
   */
  stalled: z.boolean().default(false),
});
export type ImportJobStatus = z.infer<typeof ImportJobStatus>;

export const objectivesFileEndpoints = {
  'objectives-file/export': endpoint(NoPayload, ObjectivesFileExport),
  'objectives-file/upload-part': endpoint(ObjectivesFileUploadPartPayload, ObjectivesFileUploadPartResult),
  'objectives-file/import': endpoint(ObjectivesFileImportPayload, ObjectivesFileImportResult),
  'objectives-file/import-status': endpoint(ImportStatusPayload, ImportJobStatus),
};

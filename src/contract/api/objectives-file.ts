import { z } from 'zod';
import { IssueKey } from '../common';
import { ErrorDetail } from '../errors';
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

/** An objectives file to check (`apply: false`, the preview) or to write (`apply: true`). */
export const ObjectivesFileImportPayload = z.strictObject({
  text: z.string().min(1, 'the file is empty').max(MAX_OBJECTIVES_FILE_CHARS, 'the file is larger than 20 MB'),
  apply: z.boolean().default(false),
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

export const ObjectivesFileImportResult = z.object({
  applied: z.boolean(),
  /** null when the file could not be read or planned. */
  summary: ImportSummaryView.nullable(),
  /** Every problem with its path (`objectives.3.parent`); empty when the file can be imported. */
  errors: z.array(ErrorDetail),
  /** null for a preview. */
  progress: ImportProgress.nullable(),
});
export type ObjectivesFileImportResult = z.infer<typeof ObjectivesFileImportResult>;

export const objectivesFileEndpoints = {
  'objectives-file/export': endpoint(NoPayload, ObjectivesFileExport),
  'objectives-file/import': endpoint(ObjectivesFileImportPayload, ObjectivesFileImportResult),
};

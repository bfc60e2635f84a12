import { z } from 'zod';
import { AccountId, IssueKey, Note, RecordId, Title, Weight } from './common';
import {
  CompletionKeyResult,
  DeliveryQualityKeyResult,
  KeyResultKey,
  MetricKeyResult,
  MilestoneKeyResult,
  QueryKeyResult,
  refineKeyResult,
} from './key-results';
import { Levels } from './levels';
import { MAX_FILE_OBJECTIVE_NUMBER, ObjectiveKey, ObjectiveStatus, Visibility } from './objectives';
import { Period } from './periods';
import { Workgroup } from './workgroups';

/**
 * The objectives file: the whole hierarchy in one YAML or JSON document, as admins import and
 * export it. References inside the file use keys and ids written in the file itself
 * (level ids, period ids, workgroup ids, objective keys), never storage internals.
 * Its JSON Schema is generated from this definition into docs/objectives-file.schema.json.
 */
export const OBJECTIVES_FILE_FORMAT = 'tether-objectives/1';

const stored = {
  id: true,
  key: true,
  objectiveId: true,
  createdAt: true,
  updatedAt: true,
  version: true,
  owner: true,
} as const;
const fileFields = {
  /** Optional stable key inside the objective, e.g. `KR-1`; kept on export so re-import updates in place. */
  key: KeyResultKey.optional(),
  /** Defaults to the objective's owner. */
  owner: AccountId.optional(),
  /** Issues linked to this key result; their descendants come along. */
  issues: z.array(IssueKey).default([]),
};

export const FileKeyResult = z
  .discriminatedUnion('kind', [
    CompletionKeyResult.omit(stored).extend(fileFields),
    MetricKeyResult.omit(stored).extend(fileFields),
    QueryKeyResult.omit(stored).extend(fileFields),
    DeliveryQualityKeyResult.omit(stored).extend(fileFields),
    MilestoneKeyResult.omit({ ...stored, doneAt: true }).extend(fileFields),
  ])
  .superRefine(refineKeyResult);
export type FileKeyResult = z.infer<typeof FileKeyResult>;

/** An objective's key in a file: O-1 to O-99999999, leaving the keys above for new objectives (MAX_FILE_OBJECTIVE_NUMBER). */
export const FileObjectiveKey = z
  .string()
  .trim()
  .regex(
    /^O-[1-9][0-9]{0,7}$/,
    `an objective key in a file looks like O-12, from O-1 to O-${MAX_FILE_OBJECTIVE_NUMBER} (the keys above are kept for objectives created in Tether)`,
  );

export const FileObjective = z.object({
  key: FileObjectiveKey,
  title: Title,
  description: Note.default(''),
  /** A level id from `levels`. */
  level: RecordId,
  /** A period id from `periods`. */
  period: RecordId,
  owner: AccountId,
  /** A workgroup id from `workgroups`. */
  workgroup: RecordId.nullable().default(null),
  /** The key of the primary parent objective. */
  parent: ObjectiveKey.nullable().default(null),
  weight: Weight.nullable().default(null),
  alignments: z.array(z.object({ objective: ObjectiveKey, weight: Weight.default(1) })).default([]),
  status: ObjectiveStatus.default('active'),
  visibility: Visibility.default('public'),
  /** Issues that serve the objective as a whole. */
  issues: z.array(IssueKey).default([]),
  keyResults: z.array(FileKeyResult).default([]),
});
export type FileObjective = z.infer<typeof FileObjective>;

export const ObjectivesFile = z.object({
  format: z.literal(OBJECTIVES_FILE_FORMAT, { message: `the first field is "format: ${OBJECTIVES_FILE_FORMAT}"` }),
  /** When left out, the stored levels stay as they are (a new site has DEFAULT_LEVELS). */
  levels: Levels.optional(),
  periods: z.array(Period).default([]),
  workgroups: z.array(Workgroup).default([]),
  objectives: z.array(FileObjective).default([]),
});
export type ObjectivesFile = z.infer<typeof ObjectivesFile>;
/** The file as written by a person, before defaults are filled in. */
export type ObjectivesFileInput = z.input<typeof ObjectivesFile>;

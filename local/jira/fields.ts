/**
 * The fields the local Jira knows, as GET /rest/api/3/field lists them, and which of them an
 * issue's `fields` object carries.
 */

export const STORY_POINT_ESTIMATE = 'customfield_10016';
export const STORY_POINTS = 'customfield_10028';

export interface NumberCustomField {
  id: string;
  customId: number;
  name: string;
  custom: string;
}

/**
 * Number custom fields. `Story point estimate` is the one Jira Cloud team-managed projects (and
 * the demo data) use; `Story Points` is the company-managed one, present and editable but empty
 * unless something sets it.
 */
export const NUMBER_FIELDS: readonly NumberCustomField[] = [
  {
    id: STORY_POINT_ESTIMATE,
    customId: 10016,
    name: 'Story point estimate',
    custom: 'com.pyxis.greenhopper.jira:jsw-story-points',
  },
  {
    id: STORY_POINTS,
    customId: 10028,
    name: 'Story Points',
    custom: 'com.atlassian.jira.plugin.system.customfieldtypes:float',
  },
];

export function numberField(id: string): NumberCustomField | undefined {
  return NUMBER_FIELDS.find((f) => f.id === id);
}

export interface FieldSchema {
  type: string;
  system?: string;
  items?: string;
  custom?: string;
  customId?: number;
}

export interface FieldDetails {
  id: string;
  key: string;
  name: string;
  custom: boolean;
  orderable: boolean;
  navigable: boolean;
  searchable: boolean;
  clauseNames: string[];
  schema?: FieldSchema;
}

const system = (
  id: string,
  name: string,
  clauseNames: string[],
  schema: FieldSchema | undefined,
  flags: { orderable?: boolean; navigable?: boolean; searchable?: boolean } = {},
): FieldDetails => ({
  id,
  key: id,
  name,
  custom: false,
  orderable: flags.orderable ?? true,
  navigable: flags.navigable ?? true,
  searchable: flags.searchable ?? true,
  clauseNames,
  ...(schema ? { schema } : {}),
});

export const FIELDS: readonly FieldDetails[] = [
  system('issuekey', 'Key', ['id', 'issue', 'issuekey', 'key'], undefined, { orderable: false, searchable: false }),
  system('summary', 'Summary', ['summary'], { type: 'string', system: 'summary' }),
  system('description', 'Description', ['description'], { type: 'string', system: 'description' }),
  system('issuetype', 'Issue Type', ['issuetype', 'type'], { type: 'issuetype', system: 'issuetype' }),
  system('status', 'Status', ['status'], { type: 'status', system: 'status' }, { orderable: false }),
  system('statusCategory', 'Status Category', ['statusCategory'], undefined, { orderable: false, navigable: false }),
  system('project', 'Project', ['project'], { type: 'project', system: 'project' }),
  system('parent', 'Parent', ['parent'], undefined, { orderable: false }),
  system('priority', 'Priority', ['priority'], { type: 'priority', system: 'priority' }),
  system('labels', 'Labels', ['labels'], { type: 'array', items: 'string', system: 'labels' }),
  system('assignee', 'Assignee', ['assignee'], { type: 'user', system: 'assignee' }),
  system('reporter', 'Reporter', ['reporter'], { type: 'user', system: 'reporter' }),
  system('creator', 'Creator', ['creator'], { type: 'user', system: 'creator' }, { orderable: false }),
  system(
    'created',
    'Created',
    ['created', 'createdDate'],
    { type: 'datetime', system: 'created' },
    { orderable: false },
  ),
  system(
    'updated',
    'Updated',
    ['updated', 'updatedDate'],
    { type: 'datetime', system: 'updated' },
    { orderable: false },
  ),
  system('resolution', 'Resolution', ['resolution'], { type: 'resolution', system: 'resolution' }),
  system(
    'resolutiondate',
    'Resolved',
    ['resolutiondate', 'resolved'],
    { type: 'datetime', system: 'resolutiondate' },
    { orderable: false },
  ),
  system('duedate', 'Due date', ['due', 'duedate'], { type: 'date', system: 'duedate' }),
  system(
    'statuscategorychangedate',
    'Status Category Changed',
    ['statusCategoryChangedDate'],
    { type: 'datetime', system: 'statuscategorychangedate' },
    { orderable: false },
  ),
  system(
    'subtasks',
    'Sub-tasks',
    ['subtasks'],
    { type: 'array', items: 'issuelinks', system: 'subtasks' },
    { orderable: false, searchable: false },
  ),
  ...NUMBER_FIELDS.map((f): FieldDetails => ({
    id: f.id,
    key: f.id,
    name: f.name,
    custom: true,
    orderable: true,
    navigable: true,
    searchable: true,
    clauseNames: [`cf[${f.customId}]`, f.name, `${f.name}[Number]`],
    schema: { type: 'number', custom: f.custom, customId: f.customId },
  })),
];

/** Field ids carried in an issue's `fields` object, in the order they are written. */
export const ISSUE_FIELD_IDS: readonly string[] = [
  'summary',
  'description',
  'issuetype',
  'status',
  'project',
  'parent',
  'priority',
  'labels',
  'assignee',
  'reporter',
  'creator',
  'created',
  'updated',
  'resolution',
  'resolutiondate',
  'duedate',
  'statuscategorychangedate',
  'subtasks',
  ...NUMBER_FIELDS.map((f) => f.id),
];

const ISSUE_FIELD_SET: ReadonlySet<string> = new Set(ISSUE_FIELD_IDS);

/** Which fields to write for each issue: `*all`, `*navigable`, ids, `-id` to leave one out. */
export interface FieldSelection {
  /** Fields inside `fields`, in catalogue order. */
  fields: string[];
  /** Whether anything beyond the issue id was asked for (then `key`, `self` and `fields` are written). */
  full: boolean;
}

/**
 * Reads a `fields` parameter (already split on commas). `defaultSpec` applies when nothing is
 * given. Unknown field ids are ignored, as Jira does.
 */
export function selectFields(spec: readonly string[], defaultSpec: '*all' | 'id'): FieldSelection {
  const items = spec.map((s) => s.trim()).filter((s) => s !== '');
  const effective = items.length === 0 ? [defaultSpec] : items;
  const include = new Set<string>();
  const exclude = new Set<string>();
  let full = false;
  const onlyExclusions = effective.every((s) => s.startsWith('-'));
  if (onlyExclusions) {
    for (const id of ISSUE_FIELD_IDS) include.add(id);
    full = true;
  }
  for (const item of effective) {
    if (item === '*all' || item === '*navigable') {
      for (const id of ISSUE_FIELD_IDS) include.add(id);
      full = true;
    } else if (item.startsWith('-')) {
      exclude.add(item.slice(1));
    } else if (item !== 'id') {
      // `id` alone gives ids only; anything else (`key`, a field, an unknown id) gives full issues
      full = true;
      if (ISSUE_FIELD_SET.has(item)) include.add(item);
    }
  }
  return { fields: ISSUE_FIELD_IDS.filter((id) => include.has(id) && !exclude.has(id)), full };
}

/** Splits repeated, comma-separated query parameters into items. */
export function splitList(values: readonly string[]): string[] {
  return values
    .flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

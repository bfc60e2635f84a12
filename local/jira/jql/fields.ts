/**
 * The JQL fields the local Jira evaluates: how to read an issue's values for a field, what a
 * literal in a query stands for, which operators apply, and how the field sorts.
 */
import type { Property } from '@atlaskit/jql-ast';
import { DATE_FORMAT_HINT, evaluateDateFunction, parseIsoDate, parseJqlDate } from '../dates';
import { NUMBER_FIELDS, type NumberCustomField } from '../fields';
import { STATUS_CATEGORIES, type StoredIssue } from '../model';
import { canBrowse, actorAccountId } from '../permissions';
import { EMPTY, type JqlContext, type Literal, type Resolved, type Scalar } from './context';
import { invalid, unsupported } from './errors';
import { findAlias, findIndex, indexedValues, normalisePath, type PropertyIndex } from './property-index';

type ValueLiteral = Exclude<Literal, { kind: 'empty' }>;

export interface JqlField {
  /** The field's name in messages. */
  name: string;
  operators: ReadonlySet<string>;
  /** The issue's values; none means EMPTY. */
  values(issue: StoredIssue): Scalar[];
  /** What a value or function in the query stands for (several ids when names repeat). Throws JqlError. */
  resolve(literal: ValueLiteral): Resolved[];
  /** Order of two values (for <, >, and ORDER BY); null when they do not compare. */
  compare(a: Scalar, b: Scalar): number | null;
  /** Whether `~` applies (text fields). */
  text: boolean;
  /** Compare values and literals case-insensitively (labels, text). */
  foldCase: boolean;
  /** The value ORDER BY sorts on (compared with `naturalCompare`); absent when the field does not sort. */
  sortKey?: (issue: StoredIssue) => Scalar | null;
}

const EQUALITY = ['=', '!=', 'in', 'not in', 'is', 'is not'];
const ORDERED = [...EQUALITY, '<', '<=', '>', '>='];
const TEXT = ['~', '!~', 'is', 'is not'];

export const naturalCompare = (a: Scalar, b: Scalar): number | null => {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string')
    return a.localeCompare(b, 'en', { sensitivity: 'base', numeric: true });
  return null;
};

/** Jira's known functions: used to tell "not supported here" from "does not exist". */
const KNOWN_FUNCTIONS = new Set(
  [
    'approved',
    'approver',
    'breached',
    'cascadeOption',
    'closedSprints',
    'completed',
    'componentsLeadByUser',
    'currentLogin',
    'currentUser',
    'earliestUnreleasedVersion',
    'elapsed',
    'endOfDay',
    'endOfMonth',
    'endOfWeek',
    'endOfYear',
    'everBreached',
    'futureSprints',
    'issueHistory',
    'issuesWithRemoteLinksByGlobalId',
    'lastLogin',
    'latestReleasedVersion',
    'linkedIssues',
    'membersOf',
    'myApproval',
    'myPending',
    'now',
    'openSprints',
    'paused',
    'pending',
    'pendingBy',
    'projectsLeadByUser',
    'projectsWhereUserHasPermission',
    'projectsWhereUserHasRole',
    'releasedVersions',
    'remaining',
    'running',
    'standardIssueTypes',
    'startOfDay',
    'startOfMonth',
    'startOfWeek',
    'startOfYear',
    'subtaskIssueTypes',
    'unreleasedVersions',
    'updatedBy',
    'votedIssues',
    'watchedIssues',
    'withinCalendarHours',
    'parentEpic',
    'portfolioChildIssuesOf',
  ].map((f) => f.toLowerCase()),
);

/** Jira fields that exist but that the local Jira does not search. */
const KNOWN_UNSUPPORTED_FIELDS = new Set(
  [
    'affectedVersion',
    'approvals',
    'approver',
    'attachments',
    'category',
    'comment',
    'component',
    'development',
    'environment',
    'epic link',
    'epiclink',
    'epic name',
    'filter',
    'savedFilter',
    'request',
    'fixVersion',
    'hierarchyLevel',
    'issueLink',
    'issueLinkType',
    'lastViewed',
    'level',
    'originalEstimate',
    'timeoriginalestimate',
    'remainingEstimate',
    'timeestimate',
    'timeSpent',
    'sprint',
    'team',
    'votes',
    'voter',
    'watchers',
    'watcher',
    'workRatio',
    'rank',
    'flagged',
    'organizations',
    'request-channel-type',
    'projectType',
    'issueFunction',
    'updatedBy',
    'worklogAuthor',
    'worklogComment',
    'worklogDate',
    'subtasks',
    'startDate',
    'targetStart',
    'targetEnd',
    'parentEpic',
  ].map((f) => f.toLowerCase()),
);

function fnText(l: { name: string; args: string[] }): string {
  return `${l.name}(${l.args.join(', ')})`;
}

/** The error for a function that this field does not evaluate. */
function badFunction(field: string, l: { name: string; args: string[] }, clause: string) {
  if (!KNOWN_FUNCTIONS.has(l.name.toLowerCase())) return invalid(`Unable to find JQL function '${fnText(l)}'.`);
  return unsupported(`the function '${l.name}()' on the field '${field}'`, clause);
}

const noValue = (field: string, value: string) =>
  invalid(`The value '${value}' does not exist for the field '${field}'.`);

// ---- building blocks --------------------------------------------------------------------------

interface Base {
  name: string;
  operators: readonly string[];
  values: (issue: StoredIssue) => Scalar[];
  resolveValue: (text: string) => Resolved[];
  resolveFunction?: (name: string, args: string[]) => Resolved[] | undefined;
  compare?: (a: Scalar, b: Scalar) => number | null;
  text?: boolean;
  foldCase?: boolean;
  sortKey?: (issue: StoredIssue) => Scalar | null;
}

function field(base: Base, clause: string): JqlField {
  return {
    name: base.name,
    operators: new Set(base.operators),
    values: base.values,
    resolve(literal) {
      if (literal.kind === 'value') return base.resolveValue(literal.text);
      const out = base.resolveFunction?.(literal.name.toLowerCase(), literal.args);
      if (out === undefined) throw badFunction(base.name, literal, clause);
      return out;
    },
    compare: base.compare ?? naturalCompare,
    text: base.text ?? false,
    foldCase: base.foldCase ?? false,
    ...(base.sortKey ? { sortKey: base.sortKey } : {}),
  };
}

/** Ids of catalogue entries whose name (case-insensitively) or id is `text`. */
function byNameOrId<T extends { id: string; name: string }>(items: readonly T[], text: string): string[] {
  const lower = text.toLowerCase();
  return items.filter((i) => i.id === text || i.name.toLowerCase() === lower).map((i) => i.id);
}

/** Sorts by the position of the value in a catalogue list (workflow order, priority order …). */
function positionOf<T extends { id: string }>(items: readonly T[], id: string | null): number | null {
  if (id === null) return null;
  const at = items.findIndex((i) => i.id === id);
  return at < 0 ? null : at;
}

const KEY_PATTERN = /^([A-Z][A-Z0-9_]*)-([1-9]\d*)$/;

function keyCompare(a: Scalar, b: Scalar): number | null {
  const ma = KEY_PATTERN.exec(String(a).toUpperCase());
  const mb = KEY_PATTERN.exec(String(b).toUpperCase());
  if (!ma || !mb) return null;
  if (ma[1] !== mb[1]) return null;
  return Number(ma[2]) - Number(mb[2]);
}

/** Sort key for issue keys: project key, then the number (zero-padded so strings sort right). */
function keySortKey(key: string): string {
  const m = KEY_PATTERN.exec(key);
  return m ? `${m[1]}-${(m[2] ?? '').padStart(12, '0')}` : key;
}

function issueField(
  ctx: JqlContext,
  name: string,
  clause: string,
  values: (issue: StoredIssue) => Scalar[],
  comparable: boolean,
): JqlField {
  const { store, actor } = ctx;
  return field(
    {
      name,
      operators: comparable ? ORDERED : EQUALITY,
      values,
      resolveValue(text) {
        const byId = /^\d+$/.test(text) ? store.issueById(text) : undefined;
        if (!byId && !KEY_PATTERN.test(text.toUpperCase()))
          throw invalid(`The issue key '${text}' for field '${name}' is invalid.`);
        const issue = byId ?? store.issue(text);
        const project = issue ? store.projectById(issue.projectId) : undefined;
        if (!issue || !project || !canBrowse(actor, project))
          throw invalid(`An issue with key '${text.toUpperCase()}' does not exist for field '${name}'.`);
        return [name === 'parent' ? issue.id : issue.key];
      },
      compare: keyCompare,
      ...(comparable ? { sortKey: (issue: StoredIssue) => keySortKey(issue.key) } : {}),
    },
    clause,
  );
}

function userField(
  ctx: JqlContext,
  name: string,
  clause: string,
  get: (issue: StoredIssue) => string | null,
): JqlField {
  const { store } = ctx;
  return field(
    {
      name,
      operators: EQUALITY,
      values: (issue) => {
        const v = get(issue);
        return v === null ? [] : [v];
      },
      resolveValue(text) {
        const lower = text.toLowerCase();
        const ids = store
          .users()
          .filter(
            (u) =>
              u.accountId === text || u.emailAddress.toLowerCase() === lower || u.displayName.toLowerCase() === lower,
          )
          .map((u) => u.accountId);
        if (ids.length === 0) throw noValue(name, text);
        return ids;
      },
      resolveFunction: (fn) => (fn === 'currentuser' ? [actorAccountId(ctx.actor)] : undefined),
      sortKey: (issue) => {
        const id = get(issue);
        return id === null ? null : (store.user(id)?.displayName ?? id);
      },
    },
    clause,
  );
}

function dateField(
  ctx: JqlContext,
  name: string,
  clause: string,
  get: (issue: StoredIssue) => number | null,
): JqlField {
  return field(
    {
      name,
      operators: ORDERED,
      values: (issue) => {
        const v = get(issue);
        return v === null ? [] : [v];
      },
      resolveValue(text) {
        const ms = parseJqlDate(text, ctx.now);
        if (ms === null) throw invalid(`Date value '${text}' for field '${name}' is invalid. ${DATE_FORMAT_HINT}`);
        return [ms];
      },
      resolveFunction(fn, args) {
        try {
          const ms = evaluateDateFunction(fn, args, ctx.now);
          return ms === null ? undefined : [ms];
        } catch (e) {
          throw invalid(e instanceof Error ? e.message : String(e));
        }
      },
      sortKey: get,
    },
    clause,
  );
}

function numberField(name: string, clause: string, get: (issue: StoredIssue) => number[], sortable: boolean): JqlField {
  return field(
    {
      name,
      operators: ORDERED,
      values: get,
      resolveValue(text) {
        const n = Number(text);
        if (text.trim() === '' || !Number.isFinite(n))
          throw invalid(`The value '${text}' for field '${name}' is invalid: a number is expected.`);
        return [n];
      },
      ...(sortable ? { sortKey: (issue: StoredIssue) => get(issue)[0] ?? null } : {}),
    },
    clause,
  );
}

function textField(name: string, clause: string, get: (issue: StoredIssue) => string[], sortable: boolean): JqlField {
  return field(
    {
      name,
      operators: TEXT,
      values: get,
      resolveValue: (text) => [text],
      text: true,
      foldCase: true,
      ...(sortable ? { sortKey: (issue: StoredIssue) => get(issue)[0] ?? null } : {}),
    },
    clause,
  );
}

function customNumber(f: NumberCustomField, clause: string): JqlField {
  return numberField(
    f.name,
    clause,
    (issue) => {
      const v = issue.numbers[f.id];
      return v === undefined ? [] : [v];
    },
    true,
  );
}

function propertyField(ctx: JqlContext, name: string, clause: string, index: PropertyIndex | undefined): JqlField {
  const type = index?.type ?? 'string';
  const values = (issue: StoredIssue): Scalar[] => (index ? indexedValues(index, issue.properties) : []);
  switch (type) {
    case 'number':
      return numberField(
        name,
        clause,
        (issue) => values(issue).filter((v): v is number => typeof v === 'number'),
        true,
      );
    case 'date':
      return dateField(ctx, name, clause, (issue) => {
        const v = values(issue)[0];
        return typeof v === 'number' ? v : null;
      });
    case 'text':
      return textField(name, clause, (issue) => values(issue).map(String), false);
    case 'user':
    case 'string':
      return field(
        {
          name,
          operators: EQUALITY,
          values,
          resolveValue: (text) => [text],
          resolveFunction:
            type === 'user' ? (fn) => (fn === 'currentuser' ? [actorAccountId(ctx.actor)] : undefined) : undefined,
          sortKey: (issue) => values(issue)[0] ?? null,
        },
        clause,
      );
  }
}

// ---- the field table --------------------------------------------------------------------------

/**
 * The JQL field a clause names. `properties` is the `[key].path` part of `issue.property[key].path`.
 * Throws JqlError for fields Jira does not know or the local Jira does not search.
 */
export function jqlField(
  ctx: JqlContext,
  rawName: string,
  properties: readonly Property[] | undefined,
  clause: string,
): JqlField {
  const { store, actor } = ctx;
  const name = rawName.toLowerCase();
  switch (name) {
    case 'project':
      return field(
        {
          name: 'project',
          operators: EQUALITY,
          values: (issue) => [issue.projectId],
          resolveValue(text) {
            const lower = text.toLowerCase();
            const ids = store
              .projects()
              .filter(
                (p) =>
                  canBrowse(actor, p) &&
                  (p.id === text || p.key.toLowerCase() === lower || p.name.toLowerCase() === lower),
              )
              .map((p) => p.id);
            if (ids.length === 0) throw noValue('project', text);
            return ids;
          },
          sortKey: (issue) => store.projectById(issue.projectId)?.key ?? null,
        },
        clause,
      );
    case 'key':
    case 'issuekey':
    case 'issue':
    case 'id':
      return issueField(ctx, 'key', clause, (issue) => [issue.key], true);
    case 'parent':
      return issueField(ctx, 'parent', clause, (issue) => (issue.parentId === null ? [] : [issue.parentId]), false);
    case 'issuetype':
    case 'type':
      return field(
        {
          name: 'issuetype',
          operators: EQUALITY,
          values: (issue) => [issue.issueTypeId],
          resolveValue(text) {
            const ids = byNameOrId(store.issueTypes(), text);
            if (ids.length === 0) throw noValue('issuetype', text);
            return ids;
          },
          resolveFunction(fn) {
            if (fn === 'standardissuetypes')
              return store
                .issueTypes()
                .filter((t) => t.hierarchyLevel >= 0)
                .map((t) => t.id);
            if (fn === 'subtaskissuetypes')
              return store
                .issueTypes()
                .filter((t) => t.hierarchyLevel < 0)
                .map((t) => t.id);
            return undefined;
          },
          sortKey: (issue) => positionOf(store.issueTypes(), issue.issueTypeId),
        },
        clause,
      );
    case 'status':
      return field(
        {
          name: 'status',
          operators: EQUALITY,
          values: (issue) => [issue.statusId],
          resolveValue(text) {
            const ids = byNameOrId(store.statuses(), text);
            if (ids.length === 0) throw noValue('status', text);
            return ids;
          },
          sortKey: (issue) => positionOf(store.statuses(), issue.statusId),
        },
        clause,
      );
    case 'statuscategory':
      return field(
        {
          name: 'statusCategory',
          operators: EQUALITY,
          values: (issue) => {
            const s = store.status(issue.statusId);
            return s ? [s.categoryKey] : [];
          },
          resolveValue(text) {
            const lower = text.toLowerCase();
            const c = STATUS_CATEGORIES.find(
              (x) => String(x.id) === text || x.key === lower || x.name.toLowerCase() === lower,
            );
            if (!c) throw noValue('statusCategory', text);
            return [c.key];
          },
          sortKey: (issue) => {
            const s = store.status(issue.statusId);
            return s ? ['new', 'indeterminate', 'done'].indexOf(s.categoryKey) : null;
          },
        },
        clause,
      );
    case 'resolution':
      return field(
        {
          name: 'resolution',
          operators: EQUALITY,
          values: (issue) => (issue.resolutionId === null ? [] : [issue.resolutionId]),
          resolveValue(text) {
            if (text.toLowerCase() === 'unresolved') return [EMPTY];
            const ids = byNameOrId(store.resolutions(), text);
            if (ids.length === 0) throw noValue('resolution', text);
            return ids;
          },
          sortKey: (issue) => positionOf(store.resolutions(), issue.resolutionId),
        },
        clause,
      );
    case 'priority':
      return field(
        {
          name: 'priority',
          operators: ORDERED,
          values: (issue) => (issue.priorityId === null ? [] : [issue.priorityId]),
          resolveValue(text) {
            const ids = byNameOrId(store.priorities(), text);
            if (ids.length === 0) throw noValue('priority', text);
            return ids;
          },
          // priorities are listed highest first: a higher priority compares greater
          compare: (a, b) => {
            const pa = positionOf(store.priorities(), String(a));
            const pb = positionOf(store.priorities(), String(b));
            return pa === null || pb === null ? null : pb - pa;
          },
          sortKey: (issue) => {
            const at = positionOf(store.priorities(), issue.priorityId);
            return at === null ? null : store.priorities().length - at;
          },
        },
        clause,
      );
    case 'labels':
      return field(
        {
          name: 'labels',
          operators: EQUALITY,
          values: (issue) => issue.labels,
          resolveValue: (text) => [text],
          foldCase: true,
        },
        clause,
      );
    case 'assignee':
      return userField(ctx, 'assignee', clause, (issue) => issue.assigneeId);
    case 'reporter':
      return userField(ctx, 'reporter', clause, (issue) => issue.reporterId);
    case 'creator':
      return userField(ctx, 'creator', clause, (issue) => issue.creatorId);
    case 'created':
    case 'createddate':
      return dateField(ctx, 'created', clause, (issue) => issue.created);
    case 'updated':
    case 'updateddate':
      return dateField(ctx, 'updated', clause, (issue) => issue.updated);
    case 'resolved':
    case 'resolutiondate':
      return dateField(ctx, 'resolved', clause, (issue) => issue.resolutiondate);
    case 'due':
    case 'duedate':
      return dateField(ctx, 'due', clause, (issue) => (issue.duedate === null ? null : parseIsoDate(issue.duedate)));
    case 'statuscategorychangeddate':
      return dateField(ctx, 'statusCategoryChangedDate', clause, (issue) => issue.statusCategoryChanged);
    case 'summary':
      return textField('summary', clause, (issue) => [issue.summary], true);
    case 'description':
      return textField(
        'description',
        clause,
        (issue) => (issue.description === null ? [] : [issue.description]),
        false,
      );
    case 'text':
      return textField(
        'text',
        clause,
        (issue) => [issue.summary, ...(issue.description === null ? [] : [issue.description])],
        false,
      );
    case 'issue.property': {
      const prop = properties?.[0];
      const key = prop?.key?.value;
      if (key === undefined) throw invalid(`The issue property in '${clause}' names no property key.`);
      const path = normalisePath((prop?.path ?? []).map((a) => a.value).join(''));
      return propertyField(
        ctx,
        `issue.property[${key}]${path === '' ? '' : `.${path}`}`,
        clause,
        findIndex(ctx.indexes, key, path),
      );
    }
  }
  const custom = /^cf\[(\d+)\]$/.exec(name);
  const number = custom
    ? NUMBER_FIELDS.find((f) => String(f.customId) === custom[1])
    : NUMBER_FIELDS.find((f) => f.name.toLowerCase() === name || `${f.name.toLowerCase()}[number]` === name);
  if (number) return customNumber(number, clause);
  const alias = findAlias(ctx.indexes, name);
  if (alias) return propertyField(ctx, alias.searchAlias ?? rawName, clause, alias);
  if (KNOWN_UNSUPPORTED_FIELDS.has(name) || /\.property$/.test(name))
    throw unsupported(`the field '${rawName}'`, clause);
  throw invalid(`Field '${rawName}' does not exist or you do not have permission to view it.`);
}

/**
 * One local Jira site: its data, the clock it stamps changes with, where its events go, and the
 * issue properties the app indexed for JQL. The REST handler (`product-handler.ts`) serves it.
 */
import { NotificationOutbox } from './notifications';
import type { EventOrigin, IssueEvent, IssueEventListener } from './events';
import { PropertyIndex } from './jql/property-index';
import type { StoredIssue } from './model';
import { PointsBudget } from './rate-limit';
import type { Site } from './render';
import { SearchIndex } from './search-index';
import { JiraStore } from './store';

/** `BulkOperationProgress` of Jira's OpenAPI spec (times as ISO strings, as its schema says). */
export interface BulkOperationProgress {
  taskId: string;
  status: 'ENQUEUED' | 'RUNNING' | 'COMPLETE' | 'FAILED';
  progressPercent: number;
  submittedBy: { accountId: string };
  created: string;
  started: string;
  updated: string;
  totalIssueCount: number;
  processedAccessibleIssues: number[];
  failedAccessibleIssues: Record<string, string[]>;
  invalidOrInaccessibleIssueCount: number;
}

export interface LocalJiraOptions {
  /** Base of `self` links; default `https://tether-local.atlassian.net`. */
  baseUrl?: string;
  /** Milliseconds since the epoch; default `Date.now`. */
  now?: () => number;
  /** Issue events (created, updated, deleted), called synchronously after each change. */
  onEvent?: IssueEventListener;
  /** Called after anything in the data changed (issues and properties), e.g. to persist it. */
  onChange?: () => void;
  /** Indexed issue properties and their JQL search aliases (from the manifest's `jira:entityProperty`). */
  propertyIndexes?: readonly PropertyIndex[];
  /**
   * How long `/search/jql` lags writes (ms on the Jira's clock) unless `reconcileIssues` names the
   * issue; default 0 (read-after-write consistent). See search-index.ts.
   */
  searchLagMs?: number;
  /**
   * The app's points budget per hour (rate-limit.ts): app requests over it answer 429 with
   * Retry-After. Absent: no budget (lenient).
   */
  appPointsPerHour?: number;
}

export class LocalJira {
  readonly site: Site;
  readonly indexes: readonly PropertyIndex[];
  /** What search sees: eventually consistent when `searchLagMs` is over 0. */
  readonly searchIndex: SearchIndex;
  /** The app's points budget, or null when the Jira has none. */
  readonly appBudget: PointsBudget | null;
  /** Bulk operations submitted (`/rest/api/3/bulk/queue/{taskId}`), by task id; kept in memory. */
  readonly bulkTasks = new Map<string, BulkOperationProgress>();
  /** What the notify endpoint accepted (notifications.ts): served at /notifications by the local server. */
  readonly notifications = new NotificationOutbox();
  private readonly clock: () => number;
  private readonly onEvent: IssueEventListener | undefined;
  private readonly onChange: (() => void) | undefined;

  constructor(
    readonly store: JiraStore,
    options: LocalJiraOptions = {},
  ) {
    this.site = { baseUrl: (options.baseUrl ?? 'https://tether-local.atlassian.net').replace(/\/+$/, '') };
    this.indexes = (options.propertyIndexes ?? []).map((i) => PropertyIndex.parse(i));
    this.clock = options.now ?? Date.now;
    this.onEvent = options.onEvent;
    this.onChange = options.onChange;
    this.searchIndex = new SearchIndex(options.searchLagMs ?? 0);
    this.appBudget = options.appPointsPerHour === undefined ? null : new PointsBudget(options.appPointsPerHour);
  }

  /**
   * An issue changes now (`before`: a copy as it was, taken before the change; null for a new
   * issue): search sees the change only once the lag is over.
   */
  willChange(issueId: string, before: StoredIssue | null): void {
    this.searchIndex.willChange(issueId, before, this.now());
  }

  /** A copy of the issue to hand to `willChange` after a change, when search lags (else null, costing nothing). */
  copyForSearch(issue: StoredIssue): StoredIssue | null {
    return this.searchIndex.lagMs > 0 ? structuredClone(issue) : null;
  }

  now(): number {
    return this.clock();
  }

  /**
   * Moves the site to `baseUrl` (no trailing slash needed): every link rendered from now on
   * (`self`, avatar URLs) starts with it. The local server calls it with its own origin, so a
   * browser can follow what the REST API answers.
   */
  useBaseUrl(baseUrl: string): void {
    this.site.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  emit(event: IssueEvent, origin: EventOrigin): void {
    this.onEvent?.(event, origin);
  }

  changed(): void {
    this.onChange?.();
  }
}

/** A local Jira from a snapshot (unknown data is parsed; throws a ZodError when invalid). */
export function createLocalJira(snapshot: unknown, options: LocalJiraOptions = {}): LocalJira {
  return new LocalJira(JiraStore.fromSnapshot(snapshot), options);
}

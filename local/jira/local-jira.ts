/**
 * One local Jira site: its data, the clock it stamps changes with, where its events go, and the
 * issue properties the app indexed for JQL. The REST handler (`product-handler.ts`) serves it.
 */
import type { EventOrigin, IssueEvent, IssueEventListener } from './events';
import { PropertyIndex } from './jql/property-index';
import type { Site } from './render';
import { JiraStore } from './store';

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
}

export class LocalJira {
  readonly site: Site;
  readonly indexes: readonly PropertyIndex[];
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

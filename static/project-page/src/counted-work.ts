/**
 * The contributing issues as listed against what the rollup counted (docs/rollup.md, "Which work
 * counts"): an issue with sub-tasks or child issues is a container, represented by what is below
 * it and not counted itself; what the rollup counted beyond the counted issues listed is what the
 * viewer cannot see in Jira. Pure: the list comes from Jira, the count from the served rollup.
 */
import type { IssueSummary } from '@shared/jira-issues';

export type WhyNotCounted = 'has-sub-tasks' | 'has-children';

export interface ListedIssue {
  issue: IssueSummary;
  /** null: it counts. */
  notCounted: WhyNotCounted | null;
}

export interface CountedWork {
  rows: ListedIssue[];
  /** Listed issues that count. */
  countedListed: number;
  /** Counted issues the viewer cannot see; null when the list is cut (more than were asked for). */
  notSeen: number | null;
}

export function countedWork(issues: readonly IssueSummary[], counted: number, complete: boolean): CountedWork {
  const parents = new Set(issues.flatMap((i) => (i.parentKey ? [i.parentKey] : [])));
  const rows = issues.map((issue) => ({
    issue,
    notCounted:
      (issue.subtaskCount ?? 0) > 0
        ? ('has-sub-tasks' as const)
        : parents.has(issue.key)
          ? ('has-children' as const)
          : null,
  }));
  const countedListed = rows.filter((r) => r.notCounted === null).length;
  return { rows, countedListed, notSeen: complete ? Math.max(0, counted - countedListed) : null };
}

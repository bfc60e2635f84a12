/**
 * The contributing issues as listed against what the rollup counted (docs/rollup.md, "Which work
 * counts"). Which listed issue counts is the server's answer (`contributions/counted`, from the
 * issues' stored records): a container — an issue with sub-tasks or child issues, represented by
 * what is below it — is not counted itself, whether or not the viewer can see what is below it;
 * an issue the rollup holds under no link to the objective is not counted yet. What the rollup
 * counted beyond the counted issues listed is what the viewer cannot see in Jira. Pure: the list
 * comes from the viewer's Jira search, the answer from the server.
 */
import type { CountedListed } from '@contract/api';
import type { IssueSummary } from '@shared/jira-issues';

export type WhyNotCounted = 'has-sub-tasks' | 'has-children' | 'not-yet';

export interface ListedIssue {
  issue: IssueSummary;
  /** null: it counts (or the server said nothing of it). */
  notCounted: WhyNotCounted | null;
}

export interface CountedWork {
  rows: ListedIssue[];
  /** The issues the rollup counts. */
  counted: number;
  /** Listed issues that count. */
  countedListed: number;
  /** Listed issues whose sub-tasks or child issues count instead. */
  containers: number;
  /** Listed issues the rollup does not count yet. */
  notYet: number;
  /** Counted issues the viewer cannot see; null when the list is cut (more than were asked for). */
  notSeen: number | null;
}

/**
 * The list with the server's answer. A container is "has sub-tasks" when Jira lists sub-tasks on
 * it for the viewer (sub-tasks live in their parent's project), else "has child issues". A listed
 * issue the answer leaves out is shown without a mark and not counted as listed.
 */
export function countedWork(issues: readonly IssueSummary[], answer: CountedListed, complete: boolean): CountedWork {
  const work = new Map(answer.issues.map((i) => [i.issueKey, i.work] as const));
  const rows = issues.map((issue): ListedIssue => {
    const w = work.get(issue.key);
    return {
      issue,
      notCounted:
        w === 'container'
          ? (issue.subtaskCount ?? 0) > 0
            ? 'has-sub-tasks'
            : 'has-children'
          : w === 'not-serving'
            ? 'not-yet'
            : null,
    };
  });
  const countedListed = issues.filter((i) => work.get(i.key) === 'counted').length;
  const containers = rows.filter((r) => r.notCounted === 'has-sub-tasks' || r.notCounted === 'has-children').length;
  const notYet = rows.filter((r) => r.notCounted === 'not-yet').length;
  const counted = answer.counted ?? 0;
  return {
    rows,
    counted,
    countedListed,
    containers,
    notYet,
    notSeen: complete ? Math.max(0, counted - countedListed) : null,
  };
}

import { layOut, subtreeTally } from './forest-layout';
import type { IssueRecord } from './records';

/**
 * After a link on an issue changed: a linked issue keeps the tally of its subtree, counted afresh
 * from it and the issues hanging below it (the same layout as the full recompute); an issue no
 * longer linked keeps none.
 */
export function recountLinked(issue: IssueRecord, below: readonly IssueRecord[]): void {
  if (issue.links.length === 0) {
    issue.tally = null;
    return;
  }
  issue.tally = subtreeTally(
    layOut(
      [issue, ...below].map((n) => n.state),
      issue.key,
    ),
    0,
  );
}

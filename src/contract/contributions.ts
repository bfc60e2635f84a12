import { z } from 'zod';
import { AccountId, Instant, IssueKey, RecordId } from './common';

/**
 * A link from a Jira issue to an objective, or to one of its key results. The issue's
 * descendants (children, sub-tasks, whatever the parent link) come along.
 */
export const Contribution = z.object({
  issueKey: IssueKey,
  objectiveId: RecordId,
  /** null: the issue serves the objective as a whole. */
  keyResultId: RecordId.nullable().default(null),
  createdBy: AccountId,
  createdAt: Instant,
});
export type Contribution = z.infer<typeof Contribution>;

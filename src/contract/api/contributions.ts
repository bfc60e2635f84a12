import { z } from 'zod';
import { IssueKey, RecordId } from '../common';
import { ObjectiveKey } from '../objectives';
import { ObjectiveRollup } from '../rollup';
import { endpoint } from './endpoint';

/** Links (or unlinks) an issue — and so its descendants — to an objective, or to one of its key results. */
export const ContributionPayload = z.strictObject({
  issueKey: IssueKey,
  objectiveKey: ObjectiveKey,
  /** null: the issue serves the objective as a whole. */
  keyResultId: RecordId.nullable().default(null),
});
export type ContributionPayload = z.infer<typeof ContributionPayload>;

/** The link after the change and the objective's rollup with it. */
export const ContributionChange = z.object({
  issueKey: IssueKey,
  objectiveKey: ObjectiveKey,
  keyResultId: RecordId.nullable(),
  /** Whether the link exists now. */
  linked: z.boolean(),
  /** False when the link already was as asked (linking twice is one link). */
  changed: z.boolean(),
  rollup: ObjectiveRollup.nullable(),
  /**
   * The Jira issue property `tether` (what JQL `objective = O-12` searches) on the issue and its
   * stored descendants: how many were written now, and the issues left for a later run.
   */
  properties: z.object({ written: z.number().int().nonnegative(), pending: z.array(IssueKey) }),
});
export type ContributionChange = z.infer<typeof ContributionChange>;

export const contributionEndpoints = {
  'contributions/link': endpoint(ContributionPayload, ContributionChange),
  'contributions/unlink': endpoint(ContributionPayload, ContributionChange),
};

import { z } from 'zod';
import { IssueKey, RecordId } from '../common';
import { AppError } from '../errors';
import { ObjectiveKey } from '../objectives';
import { ObjectiveRollup } from '../rollup';
import { endpoint, refineUnique } from './endpoint';

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
  /**
   * The issues below it that Jira showed when the link changed (they serve the objective through
   * it); empty when nothing changed. A list of unlinked work drops them at once, by key.
   */
  descendants: z.array(IssueKey).optional(),
});
export type ContributionChange = z.infer<typeof ContributionChange>;

/** The most issues one contributions/link-many call links (each is a link of its own; see docs/resolvers.md). */
export const LINK_MANY_MAX = 25;

/** Links several issues to one objective, or to one of its key results. */
export const LinkManyPayload = z
  .strictObject({
    issueKeys: z
      .array(IssueKey)
      .min(1, 'name at least one issue')
      .max(LINK_MANY_MAX, `at most ${LINK_MANY_MAX} issues are linked in one call`),
    objectiveKey: ObjectiveKey,
    keyResultId: RecordId.nullable().default(null),
  })
  .superRefine((p, ctx) =>
    refineUnique(
      p.issueKeys,
      (k) => k,
      ctx,
      (k) => k,
      (i) => ['issueKeys', i],
    ),
  );
export type LinkManyPayload = z.infer<typeof LinkManyPayload>;

/** Each issue's outcome, in the order asked: its change, or why it was not linked. */
export const LinkManyResult = z.object({
  objectiveKey: ObjectiveKey,
  keyResultId: RecordId.nullable(),
  results: z.array(
    z.discriminatedUnion('ok', [
      z.object({ issueKey: IssueKey, ok: z.literal(true), change: ContributionChange }),
      z.object({ issueKey: IssueKey, ok: z.literal(false), error: AppError }),
    ]),
  ),
});
export type LinkManyResult = z.infer<typeof LinkManyResult>;

export const contributionEndpoints = {
  'contributions/link': endpoint(ContributionPayload, ContributionChange),
  'contributions/unlink': endpoint(ContributionPayload, ContributionChange),
  'contributions/link-many': endpoint(LinkManyPayload, LinkManyResult),
};

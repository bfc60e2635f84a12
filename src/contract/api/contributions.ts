import { z } from 'zod';
import { IssueKey, RecordId } from '../common';
import { AppError } from '../errors';
import { ObjectiveKey } from '../objectives';
import { ObjectiveRollup } from '../rollup';
import { endpoint, refineUnique } from './endpoint';

/** Refuses a payload that names an issue twice, at the second mention (`issueKeys.<i>`). */
function eachIssueOnce(p: { issueKeys: readonly string[] }, ctx: z.RefinementCtx): void {
  refineUnique(
    p.issueKeys,
    (k) => k,
    ctx,
    (k) => k,
    (i) => ['issueKeys', i],
  );
}

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
  .superRefine(eachIssueOnce);
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

/**
 * The most issues one contributions/counted call asks about: the page of contributing work the
 * project page lists (the first 50 issues Jira finds for `objective = O-n`).
 */
export const COUNTED_LISTED_MAX = 50;

/** Which of the issues a viewer's Jira search listed as serving an objective the rollup counts. */
export const CountedListedPayload = z
  .strictObject({
    objectiveKey: ObjectiveKey,
    issueKeys: z
      .array(IssueKey)
      .max(COUNTED_LISTED_MAX, `at most ${COUNTED_LISTED_MAX} issues are asked about in one call`),
  })
  .superRefine(eachIssueOnce);
export type CountedListedPayload = z.infer<typeof CountedListedPayload>;

/**
 * How the rollup counts a listed issue (docs/rollup.md, "Which work counts"): `counted` (one
 * issue of the objective's count), `container` (it has sub-tasks or child issues, which count
 * instead), or `not-serving` (the rollup holds it under no link to the objective: a link it has not
 * followed yet, or none).
 */
export const ListedWork = z.enum(['counted', 'container', 'not-serving']);
export type ListedWork = z.infer<typeof ListedWork>;

/**
 * The answer for the asked issues the caller may browse in Jira, in the order asked; an issue the
 * caller may not browse is left out, as one Jira does not know. `counted`: the issues the
 * objective's rollup counts, read with the issues (null before its first rollup).
 */
export const CountedListed = z.object({
  objectiveKey: ObjectiveKey,
  counted: z.number().int().nonnegative().nullable(),
  issues: z.array(z.object({ issueKey: IssueKey, work: ListedWork })),
});
export type CountedListed = z.infer<typeof CountedListed>;

export const contributionEndpoints = {
  'contributions/link': endpoint(ContributionPayload, ContributionChange),
  'contributions/unlink': endpoint(ContributionPayload, ContributionChange),
  'contributions/link-many': endpoint(LinkManyPayload, LinkManyResult),
  'contributions/counted': endpoint(CountedListedPayload, CountedListed),
};

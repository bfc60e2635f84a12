import { z } from 'zod';
import { AccountId, RecordId } from '../common';
import { Level } from '../levels';
import { ObjectiveKey } from '../objectives';
import { Period } from '../periods';
import { ObjectiveRollup, RollupStatus } from '../rollup';
import { endpoint } from './endpoint';
import { ObjectiveView } from './objectives';

/** The objectives one organisation/view reply holds at most, and when the payload names no limit. */
export const ORGANISATION_PAGE = { max: 500, default: 200 } as const;

/**
 * organisation/view: the organisation's objectives across every project and workgroup that the
 * caller may see, filtered on the server and answered a page at a time (docs/organisation-page.md).
 * Every filter left out (or empty) narrows nothing; filters of different kinds all apply.
 */
export const OrganisationViewPayload = z.strictObject({
  /** Left out: the open period that contains today (the shortest, when several do), or every period when none does. */
  periodId: RecordId.optional(),
  levelIds: z.array(RecordId).max(50, 'at most 50 levels').optional(),
  /** Workgroups by id; `none` stands for objectives of no workgroup. */
  workgroupIds: z.array(RecordId).max(200, 'at most 200 workgroups').optional(),
  /** Rollup statuses (an objective without a rollup yet counts as `no-measure`). */
  statuses: z.array(RollupStatus).max(RollupStatus.options.length).optional(),
  owners: z.array(AccountId).max(50, 'at most 50 owners').optional(),
  /** Only this objective and those below it by primary parent (the dashboard gadget's subtree). */
  under: ObjectiveKey.optional(),
  /** The page after this key (the reply's `next`). */
  after: ObjectiveKey.optional(),
  limit: z.number().int().min(1).max(ORGANISATION_PAGE.max).default(ORGANISATION_PAGE.default),
});
export type OrganisationViewPayload = z.infer<typeof OrganisationViewPayload>;

/** An objective on the organisation page: the objective and its rollup record (null before its first). */
export const OrganisationEntry = z.object({ objective: ObjectiveView, rollup: ObjectiveRollup.nullable() });
export type OrganisationEntry = z.infer<typeof OrganisationEntry>;

/** The `workgroupIds` value that stands for objectives of no workgroup. */
export const NO_WORKGROUP = 'none';

export const OrganisationView = z.object({
  /** The period shown; null: objectives of every period. */
  periodId: RecordId.nullable(),
  levels: z.array(Level),
  periods: z.array(Period),
  /** Every workgroup by name (id and name only), for the workgroup filter. */
  workgroups: z.array(z.object({ id: RecordId, name: z.string() })),
  /** The matching objectives the caller may see, by key, from `after` on, at most `limit`. */
  entries: z.array(OrganisationEntry),
  /**
   * The objectives above the entries by primary parent that the caller may see and that the page
   * does not hold (filtered out, or on another page), so the tree can draw them for context.
   */
  context: z.array(OrganisationEntry),
  /** How many objectives match the filters and may be seen, on every page. */
  total: z.number().int().nonnegative(),
  /** The key to ask `after` for the next page; null on the last. */
  next: ObjectiveKey.nullable(),
  /** Everyone who owns an objective of the period the caller may see, for the owner filter. */
  owners: z.array(AccountId),
});
export type OrganisationView = z.infer<typeof OrganisationView>;

export const organisationEndpoints = {
  'organisation/view': endpoint(OrganisationViewPayload, OrganisationView),
};

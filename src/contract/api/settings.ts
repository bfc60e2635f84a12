import { z } from 'zod';
import { AccountId, Instant } from '../common';
import { DEFAULT_LEVELS, Levels } from '../levels';
import { Period } from '../periods';
import { DEFAULT_POLICY, RollupPolicy } from '../policy';
import { DEFAULT_PROMPT_POLICY, PromptPolicy } from '../prompts';
import { endpoint, NoPayload, ReadVersion, refineUnique } from './endpoint';

/** At most this many periods are kept (closed ones included). */
export const MAX_PERIODS = 200;

/** A Jira custom field holding story points, when the site's default should not be used. */
export const StoryPointsField = z
  .string()
  .trim()
  .regex(/^customfield_[0-9]{1,18}$/, 'a story-points field is a custom field id such as customfield_10016');

export const Periods = z
  .array(Period)
  .max(MAX_PERIODS, `there are at most ${MAX_PERIODS} periods`)
  .superRefine((periods, ctx) => {
    refineUnique(
      periods,
      (p) => p.id,
      ctx,
      (p) => `period id "${p.id}"`,
      (i) => [i, 'id'],
    );
    refineUnique(
      periods,
      (p) => p.name.toLowerCase(),
      ctx,
      (p) => `period name "${p.name}"`,
      (i) => [i, 'name'],
    );
  });

/**
 * The app's configuration, one record: levels, periods, policies, the story-points field, and
 * the next objective number. Stored as the `settings` entity (key `settings`); version 0 means
 * nothing is stored yet and the defaults apply.
 */
export const Settings = z.object({
  levels: Levels.default(DEFAULT_LEVELS),
  periods: Periods.default([]),
  rollupPolicy: RollupPolicy.default(DEFAULT_POLICY),
  promptPolicy: PromptPolicy.default(DEFAULT_PROMPT_POLICY),
  /** null: use the site's "Story point estimate" / "Story Points" field. */
  storyPointsField: StoryPointsField.nullable().default(null),
  /** The number the next objective key takes (`O-{n}`). */
  nextObjectiveNumber: z.number().int().min(1).default(1),
  updatedAt: Instant.nullable().default(null),
  updatedBy: AccountId.nullable().default(null),
  version: z.number().int().nonnegative().default(0),
});
export type Settings = z.infer<typeof Settings>;

/** What resolvers show of the settings. */
export const SettingsView = Settings.omit({ nextObjectiveNumber: true });
export type SettingsView = z.infer<typeof SettingsView>;

const rollup = RollupPolicy.shape;
/** Changes to the rollup policy: only the fields given change. */
export const RollupPolicyPatch = z.strictObject({
  include: rollup.include.unwrap().optional(),
  defaultKeyResultWeight: rollup.defaultKeyResultWeight.unwrap().optional(),
  defaultChildWeight: rollup.defaultChildWeight.unwrap().optional(),
  atRiskLag: rollup.atRiskLag.unwrap().optional(),
  offTrackLag: rollup.offTrackLag.unwrap().optional(),
  checkInCadenceDays: rollup.checkInCadenceDays.unwrap().optional(),
});
export type RollupPolicyPatch = z.infer<typeof RollupPolicyPatch>;

const prompt = PromptPolicy.shape;
/** Changes to the prompt policy: only the fields (and prompt kinds) given change. */
export const PromptPolicyPatch = z.strictObject({
  enabled: z
    .strictObject({
      'outcome-review': z.boolean().optional(),
      'check-in-due': z.boolean().optional(),
      escalation: z.boolean().optional(),
      'period-review': z.boolean().optional(),
      'alignment-gap': z.boolean().optional(),
    })
    .optional(),
  periodReviewLeadDays: prompt.periodReviewLeadDays.unwrap().optional(),
  weeklyCapPerUser: prompt.weeklyCapPerUser.unwrap().optional(),
  answerWithinDays: prompt.answerWithinDays.unwrap().optional(),
});
export type PromptPolicyPatch = z.infer<typeof PromptPolicyPatch>;

export const SettingsUpdatePayload = z
  .strictObject({
    version: ReadVersion,
    rollupPolicy: RollupPolicyPatch.optional(),
    promptPolicy: PromptPolicyPatch.optional(),
    /** A custom field id, or null to go back to the site's default field. */
    storyPointsField: StoryPointsField.nullable().optional(),
  })
  .refine((p) => p.rollupPolicy !== undefined || p.promptPolicy !== undefined || p.storyPointsField !== undefined, {
    message: 'say what to change: rollupPolicy, promptPolicy or storyPointsField',
  });
export type SettingsUpdatePayload = z.infer<typeof SettingsUpdatePayload>;

export const settingsEndpoints = {
  'settings/get': endpoint(NoPayload, SettingsView),
  'settings/update': endpoint(SettingsUpdatePayload, SettingsView),
};

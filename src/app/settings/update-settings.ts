import { detailsFromZod, PromptPolicy, RollupPolicy, type ErrorDetail } from '../../contract';
import type { SettingsUpdatePayload, SettingsView } from '../../contract/api';
import { validationFailure } from '../app-failure';
import { References } from '../references/reference-check';
import { beginSettingsChange, settingsView, type SettingsPorts } from './settings-change';
import type { JiraDirectory } from '../../ports';

/**
 * settings/update: changes the rollup policy, the prompt policy and the story-points field.
 * Policies are patched field by field; the result must still be a valid policy (e.g. the
 * off-track lag at least the at-risk lag), or nothing is written.
 */
export async function updateSettings(
  ports: SettingsPorts & { directory: JiraDirectory },
  payload: SettingsUpdatePayload,
): Promise<SettingsView> {
  const change = await beginSettingsChange(ports, 'change the settings', payload.version);
  const { current } = change;
  const problems: ErrorDetail[] = [];

  let rollupPolicy = current.rollupPolicy;
  if (payload.rollupPolicy !== undefined) {
    const merged = RollupPolicy.safeParse({ ...current.rollupPolicy, ...definedOnly(payload.rollupPolicy) });
    if (merged.success) rollupPolicy = merged.data;
    else problems.push(...prefixed('rollupPolicy', detailsFromZod(merged.error)));
  }

  let promptPolicy = current.promptPolicy;
  if (payload.promptPolicy !== undefined) {
    const { enabled, ...rest } = payload.promptPolicy;
    const merged = PromptPolicy.safeParse({
      ...current.promptPolicy,
      ...definedOnly(rest),
      enabled: { ...current.promptPolicy.enabled, ...definedOnly(enabled ?? {}) },
    });
    if (merged.success) promptPolicy = merged.data;
    else problems.push(...prefixed('promptPolicy', detailsFromZod(merged.error)));
  }

  const storyPointsField = payload.storyPointsField === undefined ? current.storyPointsField : payload.storyPointsField;
  // a story-points field named anew must be one of Jira's, holding numbers
  if (storyPointsField !== null && storyPointsField !== current.storyPointsField) {
    problems.push(
      ...(await new References()
        .numberField(storyPointsField, 'storyPointsField', 'read story points from it')
        .check(ports)),
    );
  }
  if (problems.length > 0) throw validationFailure('The settings were not changed', problems);
  return settingsView(await change.save({ ...current, rollupPolicy, promptPolicy, storyPointsField }));
}

/** The fields that were given (an absent optional field leaves the stored value alone). */
function definedOnly(patch: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
}

function prefixed(prefix: string, details: ErrorDetail[]): ErrorDetail[] {
  return details.map((d) => ({ ...d, path: d.path === '' ? prefix : `${prefix}.${d.path}` }));
}

/**
 * Rollup and prompt policies and the story-points field (`settings/update`). Each prompt kind has
 * a switch that takes effect at once; the figures are saved together, only the ones changed, and
 * a refusal shows next to its field (`rollupPolicy.offTrackLag` …).
 */
import { useEffect, useState } from 'react';
import Button from '@atlaskit/button/new';
import { token } from '@atlaskit/tokens';
import type { PromptPolicyPatch, RollupPolicyPatch, SettingsUpdatePayload, SettingsView } from '@contract/api';
import type { PromptKind } from '@contract/prompts';
import { useHost } from '@shared/app-context';
import { useAction } from '@shared/use-resource';
import { ErrorNotice } from '@shared/components/error-notice';
import { Actions, FieldRow, Input, messageAt, SectionTitle, Switch } from './form-bits';
import { NativeSelect } from '@shared/components/field';
import type { SettingsState } from './use-settings';

const PROMPTS: { kind: PromptKind; label: string; description: string }[] = [
  {
    kind: 'outcome-review',
    label: 'Outcome reviews',
    description: 'When a contributing issue is done, ask its assignee whether it delivered what the objective needed.',
  },
  {
    kind: 'check-in-due',
    label: 'Check-ins due',
    description: 'Remind key-result owners to check in on the cadence below.',
  },
  {
    kind: 'escalation',
    label: 'Escalations',
    description:
      "When an objective goes off track or confidence drops, ask the parent's owner and the workgroup's leads to act.",
  },
  {
    kind: 'period-review',
    label: 'Period reviews',
    description: 'Near the end of a period, ask owners to grade each objective and say what helped.',
  },
  {
    kind: 'alignment-gap',
    label: 'Alignment gaps',
    description: 'Show leads open work in their projects that serves no objective.',
  },
];

/** The figures of the form, as typed (text), so a half-typed value is never lost. */
interface Figures {
  include: 'key-results-and-children' | 'key-results-only';
  defaultKeyResultWeight: string;
  defaultChildWeight: string;
  atRiskPercent: string;
  offTrackPercent: string;
  checkInCadenceDays: string;
  periodReviewLeadDays: string;
  weeklyCapPerUser: string;
  answerWithinDays: string;
  storyPointsField: string;
}

const pct = (lag: number) => String(Math.round(lag * 1000) / 10);

function figuresOf(s: SettingsView): Figures {
  return {
    include: s.rollupPolicy.include,
    defaultKeyResultWeight: String(s.rollupPolicy.defaultKeyResultWeight),
    defaultChildWeight: String(s.rollupPolicy.defaultChildWeight),
    atRiskPercent: pct(s.rollupPolicy.atRiskLag),
    offTrackPercent: pct(s.rollupPolicy.offTrackLag),
    checkInCadenceDays: String(s.rollupPolicy.checkInCadenceDays),
    periodReviewLeadDays: String(s.promptPolicy.periodReviewLeadDays),
    weeklyCapPerUser: String(s.promptPolicy.weeklyCapPerUser),
    answerWithinDays: String(s.promptPolicy.answerWithinDays),
    storyPointsField: s.storyPointsField ?? '',
  };
}

/** A typed number; '' and words become NaN, which the server refuses with a message for the field. */
const num = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

/** Only what differs from the saved settings. */
function changesOf(f: Figures, s: SettingsView): Omit<SettingsUpdatePayload, 'version'> {
  const rollup: RollupPolicyPatch = {};
  const prompt: PromptPolicyPatch = {};
  const r = s.rollupPolicy;
  const p = s.promptPolicy;
  if (f.include !== r.include) rollup.include = f.include;
  if (num(f.defaultKeyResultWeight) !== r.defaultKeyResultWeight)
    rollup.defaultKeyResultWeight = num(f.defaultKeyResultWeight);
  if (num(f.defaultChildWeight) !== r.defaultChildWeight) rollup.defaultChildWeight = num(f.defaultChildWeight);
  if (f.atRiskPercent !== pct(r.atRiskLag)) rollup.atRiskLag = num(f.atRiskPercent) / 100;
  if (f.offTrackPercent !== pct(r.offTrackLag)) rollup.offTrackLag = num(f.offTrackPercent) / 100;
  if (num(f.checkInCadenceDays) !== r.checkInCadenceDays) rollup.checkInCadenceDays = num(f.checkInCadenceDays);
  if (num(f.periodReviewLeadDays) !== p.periodReviewLeadDays) prompt.periodReviewLeadDays = num(f.periodReviewLeadDays);
  if (num(f.weeklyCapPerUser) !== p.weeklyCapPerUser) prompt.weeklyCapPerUser = num(f.weeklyCapPerUser);
  if (num(f.answerWithinDays) !== p.answerWithinDays) prompt.answerWithinDays = num(f.answerWithinDays);
  const field = f.storyPointsField.trim() === '' ? null : f.storyPointsField.trim();
  return {
    ...(Object.keys(rollup).length > 0 ? { rollupPolicy: rollup } : {}),
    ...(Object.keys(prompt).length > 0 ? { promptPolicy: prompt } : {}),
    ...(field !== s.storyPointsField ? { storyPointsField: field } : {}),
  };
}

function NumberField({
  id,
  label,
  value,
  onChange,
  error,
  hint,
  min,
  max,
  step = 1,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error: string | undefined;
  hint?: string;
  min: number;
  max: number;
  step?: number;
}) {
  return (
    <FieldRow id={id} label={label} error={error} hint={hint}>
      {(control) => (
        <Input
          {...control}
          type="number"
          inputMode="decimal"
          min={min}
          max={max}
          step={step}
          value={value}
          onChange={(e) => onChange(e.currentTarget.value)}
          style={{ width: 120 }}
        />
      )}
    </FieldRow>
  );
}

export function PoliciesTab({ settings, replace, reload }: SettingsState) {
  const { flag } = useHost();
  const save = useAction('settings/update');
  const toggle = useAction('settings/update');
  const [figures, setFigures] = useState(() => figuresOf(settings));
  useEffect(() => setFigures(figuresOf(settings)), [settings]);
  const set = (field: keyof Figures) => (value: string) => setFigures((f) => ({ ...f, [field]: value }));
  const changes = changesOf(figures, settings);
  const dirty = Object.keys(changes).length > 0;
  const err = save.error;

  const submit = async () => {
    const saved = await save.run({ version: settings.version, ...changes });
    if (saved) {
      replace(saved);
      flag({ type: 'success', title: 'Policies saved' });
    }
  };
  const switchPrompt = async (kind: PromptKind, on: boolean) => {
    const saved = await toggle.run({ version: settings.version, promptPolicy: { enabled: { [kind]: on } } });
    if (saved) {
      replace(saved);
      flag({ type: 'success', title: `${PROMPTS.find((p) => p.kind === kind)?.label ?? kind} ${on ? 'on' : 'off'}` });
    }
  };
  const row = { display: 'flex', flexWrap: 'wrap' as const, gap: token('space.300') };

  return (
    <section aria-labelledby="policies-title">
      <SectionTitle description="Turn each kind of feedback prompt on or off. It takes effect at once.">
        <span id="policies-title">Feedback prompts</span>
      </SectionTitle>
      <div
        role="group"
        aria-label="Feedback prompts"
        style={{ display: 'flex', flexDirection: 'column', gap: token('space.150') }}
      >
        {PROMPTS.map((p) => (
          <Switch
            key={p.kind}
            id={`prompt-${p.kind}`}
            label={p.label}
            description={p.description}
            checked={settings.promptPolicy.enabled[p.kind]}
            disabled={toggle.pending}
            onChange={(on) => void switchPrompt(p.kind, on)}
          />
        ))}
      </div>
      {toggle.error ? (
        <div style={{ marginTop: token('space.150') }}>
          <ErrorNotice alert error={toggle.error} onReload={() => (toggle.clearError(), reload())} />
        </div>
      ) : null}

      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <SectionTitle description="How often people are asked, and how much at once.">Prompt cadence</SectionTitle>
        <div style={row}>
          <NumberField
            id="period-review-lead"
            label="Period reviews open (days before the end)"
            value={figures.periodReviewLeadDays}
            onChange={set('periodReviewLeadDays')}
            error={messageAt(err, 'promptPolicy.periodReviewLeadDays')}
            min={0}
            max={60}
          />
          <NumberField
            id="weekly-cap"
            label="New prompts per person per week, at most"
            value={figures.weeklyCapPerUser}
            onChange={set('weeklyCapPerUser')}
            error={messageAt(err, 'promptPolicy.weeklyCapPerUser')}
            min={1}
            max={100}
          />
          <NumberField
            id="answer-within"
            label="Answer within (days)"
            value={figures.answerWithinDays}
            onChange={set('answerWithinDays')}
            error={messageAt(err, 'promptPolicy.answerWithinDays')}
            min={1}
            max={60}
          />
        </div>

        <SectionTitle description="How progress adds up the hierarchy, and when an objective counts as at risk, off track or stale.">
          Rollup and pace
        </SectionTitle>
        <div style={row}>
          <FieldRow
            id="rollup-include"
            label="An objective's progress counts"
            error={messageAt(err, 'rollupPolicy.include')}
          >
            {(control) => (
              <NativeSelect
                {...control}
                value={figures.include}
                onChange={(e) =>
                  setFigures((f) => ({
                    ...f,
                    include:
                      e.currentTarget.value === 'key-results-only' ? 'key-results-only' : 'key-results-and-children',
                  }))
                }
              >
                <option value="key-results-and-children">Its key results and the objectives aligned to it</option>
                <option value="key-results-only">Its key results only</option>
              </NativeSelect>
            )}
          </FieldRow>
          <NumberField
            id="kr-weight"
            label="Default key-result weight"
            value={figures.defaultKeyResultWeight}
            onChange={set('defaultKeyResultWeight')}
            error={messageAt(err, 'rollupPolicy.defaultKeyResultWeight')}
            min={0}
            max={1000}
            step={0.1}
          />
          <NumberField
            id="child-weight"
            label="Default weight of an aligned objective"
            value={figures.defaultChildWeight}
            onChange={set('defaultChildWeight')}
            error={messageAt(err, 'rollupPolicy.defaultChildWeight')}
            min={0}
            max={1000}
            step={0.1}
          />
        </div>
        <div style={{ ...row, marginTop: token('space.200') }}>
          <NumberField
            id="at-risk"
            label="At risk when behind the calendar by (%)"
            value={figures.atRiskPercent}
            onChange={set('atRiskPercent')}
            error={messageAt(err, 'rollupPolicy.atRiskLag')}
            min={0}
            max={100}
            step={0.5}
          />
          <NumberField
            id="off-track"
            label="Off track when behind by (%)"
            value={figures.offTrackPercent}
            onChange={set('offTrackPercent')}
            error={messageAt(err, 'rollupPolicy.offTrackLag')}
            hint="At least the at-risk figure"
            min={0}
            max={100}
            step={0.5}
          />
          <NumberField
            id="cadence"
            label="Stale without a check-in for (days)"
            value={figures.checkInCadenceDays}
            onChange={set('checkInCadenceDays')}
            error={messageAt(err, 'rollupPolicy.checkInCadenceDays')}
            hint="Also the check-in prompt cadence"
            min={1}
            max={90}
          />
        </div>

        <SectionTitle description="Completion key results measured in story points read this Jira field.">
          Story points
        </SectionTitle>
        <div style={{ maxWidth: 360 }}>
          <FieldRow
            id="story-points"
            label="Story-points field"
            error={messageAt(err, 'storyPointsField')}
            hint="A custom field id such as customfield_10016; empty: the site's own story-points field"
          >
            {(control) => (
              <Input
                {...control}
                value={figures.storyPointsField}
                placeholder="customfield_10016"
                onChange={(e) => set('storyPointsField')(e.currentTarget.value)}
              />
            )}
          </FieldRow>
        </div>

        <Actions>
          <Button type="submit" appearance="primary" isDisabled={!dirty} isLoading={save.pending}>
            Save policies
          </Button>
          <Button
            appearance="subtle"
            isDisabled={!dirty || save.pending}
            onClick={() => setFigures(figuresOf(settings))}
          >
            Discard changes
          </Button>
        </Actions>
        {err ? (
          <div style={{ marginTop: token('space.200') }}>
            <ErrorNotice
              alert
              error={err}
              onReload={() => (save.clearError(), reload())}
              onRetry={() => void submit()}
            />
          </div>
        ) : null}
      </form>
    </section>
  );
}

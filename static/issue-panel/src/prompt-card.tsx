import { useState } from 'react';
import Button from '@atlaskit/button/new';
import Textarea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import type { PromptItem } from '@contract/api/prompts';
import { ErrorNotice } from '@shared/components/error-notice';
import { ImpactChoice } from './impact-choice';
import {
  answerableHere,
  KIND_TITLE,
  noteLabel,
  RATING_LEGEND,
  usePromptActions,
  type PromptDone,
} from './use-prompt-actions';

export type { PromptDone } from './use-prompt-actions';

const fieldLabel = {
  display: 'block',
  font: token('font.body.small'),
  fontWeight: token('font.weight.semibold'),
  color: token('color.text.subtle'),
  marginBottom: token('space.050'),
} as const;

/**
 * One prompt addressed to the user about this issue, answered in place: an outcome review with
 * its rating and an optional note, an alignment gap with a note; any prompt can be snoozed for a
 * day or a week, or dismissed with an optional reason. An alignment gap also offers to link the
 * issue (`onLink`, when the user may edit it), which is what closes the gap. Kinds answered elsewhere (check-ins,
 * escalations, period reviews) show their question with snooze and dismiss.
 */
export function PromptCard({
  prompt,
  issueKey,
  onDone,
  onReload,
  onLink,
}: {
  prompt: PromptItem;
  issueKey: string;
  onDone(done: PromptDone): void;
  onReload(): void;
  onLink?: () => void;
}) {
  const actions = usePromptActions(prompt, issueKey, onDone);
  const { impact, setImpact, impactError, note, setNote, pending, error } = actions;
  const [dismissing, setDismissing] = useState(false);
  const [reason, setReason] = useState('');
  const objective = prompt.context.objective;
  const about = objective === null ? null : `${objective.key} ${objective.title}`;
  const headingId = `prompt-${prompt.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const answerable = answerableHere(prompt);

  // Snooze and Dismiss are offered whether or not the prompt can be answered here
  const laterButtons = (
    <>
      <Button onClick={() => void actions.later(1)} isDisabled={pending}>
        Snooze 1 day
      </Button>
      <Button onClick={() => void actions.later(7)} isDisabled={pending}>
        Snooze 1 week
      </Button>
      {dismissing ? null : (
        <Button appearance="subtle" onClick={() => setDismissing(true)} isDisabled={pending}>
          Dismiss…
        </Button>
      )}
    </>
  );

  return (
    <li
      aria-labelledby={headingId}
      style={{
        listStyle: 'none',
        display: 'flex',
        flexDirection: 'column',
        gap: token('space.150'),
        padding: token('space.150'),
        borderRadius: token('radius.large'),
        background: token('color.background.discovery'),
        color: token('color.text'),
      }}
    >
      <div>
        <h3 id={headingId} style={{ margin: 0, font: token('font.heading.xsmall') }}>
          {KIND_TITLE[prompt.kind]}
          {about === null ? null : <span style={{ fontWeight: token('font.weight.regular') }}> · {about}</span>}
        </h3>
        <p style={{ margin: `${token('space.050')} 0 0`, color: token('color.text.subtle') }}>{prompt.reason}</p>
      </div>
      {answerable ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void actions.send();
          }}
          style={{ display: 'flex', flexDirection: 'column', gap: token('space.150') }}
        >
          {prompt.kind === 'outcome-review' ? (
            <ImpactChoice
              name={`${headingId}-impact`}
              legend={RATING_LEGEND}
              value={impact}
              onChange={setImpact}
              error={impactError}
              disabled={pending}
            />
          ) : null}
          <div>
            <label htmlFor={`${headingId}-note`} style={fieldLabel}>
              {noteLabel(prompt)}
            </label>
            <Textarea
              id={`${headingId}-note`}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              minimumRows={2}
              maxLength={10_000}
              isDisabled={pending}
              resize="vertical"
            />
          </div>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.100') }}>
            {prompt.kind === 'alignment-gap' && onLink ? (
              <Button appearance="primary" onClick={onLink} isDisabled={pending}>
                Link {issueKey} to an objective
              </Button>
            ) : null}
            <Button
              type="submit"
              appearance={prompt.kind === 'alignment-gap' && onLink ? 'default' : 'primary'}
              isDisabled={pending}
              isLoading={actions.sending}
            >
              Send answer
            </Button>
            {laterButtons}
          </div>
        </form>
      ) : (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.100') }}>
          <span style={{ alignSelf: 'center', color: token('color.text.subtle') }}>Answer it on the project page.</span>
          {laterButtons}
        </div>
      )}
      {dismissing ? (
        <div
          role="group"
          aria-label="Dismiss this prompt"
          style={{ display: 'flex', flexDirection: 'column', gap: token('space.100') }}
        >
          <div>
            <label htmlFor={`${headingId}-reason`} style={fieldLabel}>
              Why dismiss it? (optional)
            </label>
            <Textfield
              id={`${headingId}-reason`}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              maxLength={10_000}
              isDisabled={pending}
              autoFocus
            />
          </div>
          <div style={{ display: 'flex', gap: token('space.100') }}>
            <Button
              appearance="warning"
              onClick={() => void actions.drop(reason)}
              isDisabled={pending}
              isLoading={actions.dismissing}
            >
              Dismiss prompt
            </Button>
            <Button appearance="subtle" onClick={() => setDismissing(false)} isDisabled={pending}>
              Keep it
            </Button>
          </div>
        </div>
      ) : null}
      {error !== null ? <ErrorNotice error={error} alert onReload={onReload} onRetry={onReload} /> : null}
    </li>
  );
}

import { token } from '@atlaskit/tokens';
import type { PromptItem, PromptsWaiting } from '@contract/api/prompts';
import { ErrorNotice } from '@shared/components/error-notice';
// The issue panel's rating control (plain radios and tokens) and its prompt actions: a prompt is answered the same way in both places.
import { ImpactChoice } from '../../issue-panel/src/impact-choice';
import {
  answerableHere,
  KIND_TITLE,
  noteLabel,
  RATING_LEGEND,
  usePromptActions,
  type PromptDone,
} from '../../issue-panel/src/use-prompt-actions';
import { PromptSection } from '../../issue-panel/src/panel-section';
import { TokenButton } from './light';

const small = { margin: 0, font: token('font.body.small'), color: token('color.text.subtle') } as const;

/**
 * One prompt about the issue, answered in place as in the issue panel: an outcome review with its
 * rating and an optional note, an alignment gap with a note; any prompt can be snoozed for a day
 * or dismissed. Kinds answered elsewhere say where.
 */
function ContextPrompt({
  prompt,
  issueKey,
  onDone,
  onReload,
}: {
  prompt: PromptItem;
  issueKey: string;
  onDone(done: PromptDone): void;
  onReload(): void;
}) {
  const actions = usePromptActions(prompt, issueKey, onDone);
  const { impact, setImpact, impactError, note, setNote, pending, error } = actions;
  const objective = prompt.context.objective;
  const id = `context-prompt-${prompt.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const answerable = answerableHere(prompt);

  return (
    <li
      aria-labelledby={`${id}-heading`}
      style={{
        listStyle: 'none',
        display: 'flex',
        flexDirection: 'column',
        gap: token('space.100'),
        padding: token('space.100'),
        borderRadius: token('radius.medium'),
        background: token('color.background.discovery'),
      }}
    >
      <div>
        <h3 id={`${id}-heading`} style={{ margin: 0, font: token('font.heading.xxsmall'), color: token('color.text') }}>
          {KIND_TITLE[prompt.kind]}
          {objective === null ? null : (
            <span style={{ fontWeight: token('font.weight.regular') }}>
              {' '}
              · {objective.key} {objective.title}
            </span>
          )}
        </h3>
        <p style={{ ...small, marginTop: token('space.050') }}>{prompt.reason}</p>
      </div>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void actions.send();
        }}
        style={{ display: 'flex', flexDirection: 'column', gap: token('space.100') }}
      >
        {prompt.kind === 'outcome-review' ? (
          <ImpactChoice
            name={`${id}-impact`}
            legend={RATING_LEGEND}
            value={impact}
            onChange={setImpact}
            error={impactError}
            disabled={pending}
          />
        ) : null}
        {answerable ? (
          <div>
            <label
              htmlFor={`${id}-note`}
              style={{
                ...small,
                display: 'block',
                fontWeight: token('font.weight.semibold'),
                marginBottom: token('space.050'),
              }}
            >
              {noteLabel(prompt)}
            </label>
            <textarea
              id={`${id}-note`}
              value={note}
              rows={2}
              maxLength={10_000}
              disabled={pending}
              onChange={(e) => setNote(e.currentTarget.value)}
              style={{
                boxSizing: 'border-box',
                width: '100%',
                resize: 'vertical',
                padding: token('space.075'),
                font: token('font.body'),
                color: token('color.text'),
                background: token('color.background.input'),
                border: `1px solid ${token('color.border.input')}`,
                borderRadius: token('radius.small'),
              }}
            />
          </div>
        ) : (
          <p style={small}>Answer it on the project page.</p>
        )}
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.075') }}>
          {answerable ? (
            <TokenButton type="submit" primary disabled={pending}>
              {actions.sending ? 'Sending…' : 'Send answer'}
            </TokenButton>
          ) : null}
          <TokenButton onClick={() => void actions.later(1)} disabled={pending}>
            Snooze 1 day
          </TokenButton>
          <TokenButton onClick={() => void actions.drop()} disabled={pending}>
            Dismiss
          </TokenButton>
        </div>
      </form>
      {error !== null ? <ErrorNotice error={error} alert onReload={onReload} onRetry={onReload} /> : null}
    </li>
  );
}

/** The user's open prompts about the issue, and how many more the weekly cap holds back. */
export function ContextPrompts({
  prompts,
  waiting,
  issueKey,
  onReload,
}: {
  prompts: readonly PromptItem[];
  waiting: PromptsWaiting;
  issueKey: string;
  onReload(): void;
}) {
  return (
    <PromptSection
      prompts={prompts}
      waiting={waiting}
      issueKey={issueKey}
      headingId="context-prompts-heading"
      card={(p, done) => <ContextPrompt key={p.id} prompt={p} issueKey={issueKey} onDone={done} onReload={onReload} />}
    />
  );
}

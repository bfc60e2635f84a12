import { useState, type FormEvent } from 'react';
import { token } from '@atlaskit/tokens';
import { questionsHeading } from '@shared/plural';
import type { PromptItem, PromptsWaiting } from '@contract/api/prompts';
import type { Impact } from '@contract/prompts';
import { useHost } from '@shared/app-context';
import { useAction } from '@shared/use-resource';
import { ErrorNotice } from '@shared/components/error-notice';
import { WaitingNote } from '@shared/components/waiting-note';
import { waitingText } from '@shared/waiting-text';
// The issue panel's rating control (plain radios and tokens): a review is rated the same way in both places.
import { IMPACT_TEXT, ImpactChoice } from '../../issue-panel/src/impact-choice';
import { TokenButton } from './light';

const KIND_TITLE: Record<PromptItem['kind'], string> = {
  'outcome-review': 'Outcome review',
  'check-in-due': 'Check-in due',
  escalation: 'Escalation',
  'period-review': 'Period review',
  'alignment-gap': 'Work that serves no objective',
};

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
  onDone(promptId: string, title: string, description: string): void;
  onReload(): void;
}) {
  const answer = useAction('prompts/answer');
  const snooze = useAction('prompts/snooze');
  const dismiss = useAction('prompts/dismiss');
  const [impact, setImpact] = useState<Impact | null>(null);
  const [impactError, setImpactError] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const pending = answer.pending || snooze.pending || dismiss.pending;
  const error = answer.error ?? snooze.error ?? dismiss.error;
  const objective = prompt.context.objective;
  const about = objective === null ? '' : ` for ${objective.key} ${objective.title}`;
  const id = `context-prompt-${prompt.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const answerable = prompt.kind === 'outcome-review' || prompt.kind === 'alignment-gap';

  const clearErrors = () => {
    answer.clearError();
    snooze.clearError();
    dismiss.clearError();
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clearErrors();
    if (prompt.kind === 'outcome-review') {
      if (impact === null) {
        setImpactError('Choose how much it helped before sending.');
        return;
      }
      const done = await answer.run({ promptId: prompt.id, answer: { kind: 'outcome-review', impact, note } });
      if (done !== null)
        onDone(
          prompt.id,
          'Thanks, your review is recorded',
          `${issueKey}${about}: ${IMPACT_TEXT[impact].toLowerCase()}.`,
        );
    } else if (prompt.kind === 'alignment-gap') {
      const done = await answer.run({ promptId: prompt.id, answer: { kind: 'alignment-gap', note } });
      if (done !== null) onDone(prompt.id, 'Thanks, your answer is recorded', KIND_TITLE[prompt.kind]);
    }
  };
  const later = async () => {
    clearErrors();
    if ((await snooze.run({ promptId: prompt.id, days: 1 })) !== null)
      onDone(prompt.id, 'Snoozed until tomorrow', `${KIND_TITLE[prompt.kind]}${about} comes back then.`);
  };
  const drop = async () => {
    clearErrors();
    if ((await dismiss.run({ promptId: prompt.id })) !== null)
      onDone(prompt.id, 'Prompt dismissed', `${KIND_TITLE[prompt.kind]}${about}`);
  };

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
        onSubmit={(e) => void submit(e)}
        style={{ display: 'flex', flexDirection: 'column', gap: token('space.100') }}
      >
        {prompt.kind === 'outcome-review' ? (
          <ImpactChoice
            name={`${id}-impact`}
            legend="How well did it deliver?"
            value={impact}
            onChange={(i) => {
              setImpact(i);
              setImpactError(null);
            }}
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
              {prompt.kind === 'outcome-review'
                ? 'What made the difference? (optional)'
                : 'Why does this work serve no objective? (optional)'}
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
              {answer.pending ? 'Sending…' : 'Send answer'}
            </TokenButton>
          ) : null}
          <TokenButton onClick={() => void later()} disabled={pending}>
            Snooze 1 day
          </TokenButton>
          <TokenButton onClick={() => void drop()} disabled={pending}>
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
  const { flag } = useHost();
  const [gone, setGone] = useState<ReadonlySet<string>>(new Set());
  const shown = prompts.filter((p) => !gone.has(p.id));
  const held = waitingText(waiting, shown.length, {
    one: `question about ${issueKey}`,
    many: `questions about ${issueKey}`,
  });
  if (shown.length === 0 && held === null) return null;
  const done = (promptId: string, title: string, description: string) => {
    setGone((before) => new Set([...before, promptId]));
    flag({ type: 'success', title, description });
  };
  return (
    <section
      aria-labelledby="context-prompts-heading"
      style={{ display: 'flex', flexDirection: 'column', gap: token('space.100') }}
    >
      <h2
        id="context-prompts-heading"
        style={{ margin: 0, font: token('font.heading.xxsmall'), color: token('color.text.subtle') }}
      >
        {questionsHeading(shown.length)}
      </h2>
      {shown.length === 0 ? null : (
        <ul style={{ margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: token('space.100') }}>
          {shown.map((p) => (
            <ContextPrompt key={p.id} prompt={p} issueKey={issueKey} onDone={done} onReload={onReload} />
          ))}
        </ul>
      )}
      {held === null ? null : <WaitingNote text={held} />}
    </section>
  );
}

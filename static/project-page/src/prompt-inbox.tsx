/** The caller's prompts (prompts/inbox), answerable, dismissable or snoozable in place. */
import { useState } from 'react';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { token } from '@atlaskit/tokens';
import type { PromptAnswerInput, PromptItem } from '@contract/api';
import type { AppError } from '@contract/errors';
import type { PromptKind } from '@contract/prompts';
import { useHost } from '@shared/app-context';
import { EmailPromptsToggle } from '@shared/components/email-prompts-toggle';
import { ErrorNotice } from '@shared/components/error-notice';
import { WaitingNote } from '@shared/components/waiting-note';
import { issuePath } from '@shared/jira-issues';
import { useResource } from '@shared/use-resource';
import { waitingText } from '@shared/waiting-text';
import { dueWords } from '@shared/due-words';
import { shortDate } from '@shared/dates';
import { Chevron } from './chevron';
import { PromptAnswerForm } from './prompt-answer-form';

const KIND_TEXT: Record<PromptKind, string> = {
  'outcome-review': 'Outcome review',
  'check-in-due': 'Check-in due',
  escalation: 'Escalation',
  'period-review': 'Period review',
  'alignment-gap': 'Alignment gap',
};
const muted = { font: token('font.body.small'), color: token('color.text.subtlest') };

/** "Due Dec 8, 2026", or "Overdue since Dec 5, 2026" in the danger colour once the moment has passed. */
function DueDate({ dueAt }: { dueAt: number }) {
  const now = Date.now();
  const due = dueWords(dueAt, now, (at) => shortDate(at, now));
  return <span style={due.overdue ? { ...muted, color: token('color.text.danger') } : muted}>{due.text}</span>;
}

function PromptCard({
  prompt,
  onClosed,
  onOpenObjective,
}: {
  prompt: PromptItem;
  onClosed: (id: string, title: string) => void;
  onOpenObjective?: ((key: string) => void) | undefined;
}) {
  const { client, open } = useHost();
  const [answering, setAnswering] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const { objective, keyResult, workgroup, issueKeys } = prompt.context;

  const act = async (run: () => ReturnType<typeof client.call<'prompts/dismiss'>>, title: string) => {
    setPending(true);
    const reply = await run();
    setPending(false);
    if (reply.ok) onClosed(prompt.id, title);
    else setError(reply.error);
  };
  const answer = async (a: PromptAnswerInput) => {
    setPending(true);
    const reply = await client.call('prompts/answer', { promptId: prompt.id, answer: a });
    setPending(false);
    if (reply.ok) onClosed(prompt.id, 'Thanks: your answer is recorded');
    else setError(reply.error);
  };

  // what the prompt is about, in one line: "O-12 Title · KR-1 Title · Checkout Squad", then its issues;
  // the objective opens its detail on this page when it is here
  const about = [
    objective ? `${objective.key} ${objective.title}` : null,
    keyResult ? `${keyResult.key} ${keyResult.title}` : null,
    workgroup ? workgroup.name : null,
  ].filter((s): s is string => s !== null);
  return (
    <li
      style={{
        listStyle: 'none',
        padding: token('space.150'),
        border: `${token('border.width')} solid ${token('color.border')}`,
        borderRadius: token('radius.medium'),
        marginBottom: token('space.100'),
      }}
      data-prompt-id={prompt.id}
      aria-label={`${KIND_TEXT[prompt.kind]}: ${prompt.reason}`}
    >
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: token('space.100') }}>
        <Lozenge appearance={prompt.kind === 'escalation' ? 'removed' : 'new'}>{KIND_TEXT[prompt.kind]}</Lozenge>
        <span style={{ flex: '1 1 240px' }}>{prompt.reason}</span>
        <DueDate dueAt={prompt.dueAt} />
      </div>
      <p style={{ ...muted, margin: `${token('space.050')} 0 0` }}>
        {objective && onOpenObjective ? (
          <>
            <a
              href={`#objective-${objective.key}`}
              onClick={(e) => {
                e.preventDefault();
                onOpenObjective(objective.key);
              }}
              style={{ color: token('color.link'), textDecoration: 'underline' }}
            >
              {about[0]}
            </a>
            {about.length > 1 ? ` · ${about.slice(1).join(' · ')}` : ''}
          </>
        ) : (
          about.join(' · ')
        )}
        {about.length > 0 && issueKeys.length > 0 ? ' · ' : ''}
        {issueKeys.slice(0, 5).map((key) => (
          <a
            key={key}
            href={issuePath(key)}
            onClick={(e) => {
              e.preventDefault();
              open(issuePath(key));
            }}
            style={{ color: token('color.link'), textDecoration: 'underline', marginRight: token('space.050') }}
          >
            {key}
          </a>
        ))}
        {issueKeys.length > 5 ? `and ${issueKeys.length - 5} more` : ''}
      </p>
      {error && !answering ? <ErrorNotice error={error} alert /> : null}
      {answering ? (
        <PromptAnswerForm
          prompt={prompt}
          pending={pending}
          serverError={error}
          onSubmit={(a) => void answer(a)}
          onCancel={() => setAnswering(false)}
        />
      ) : (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.050'), marginTop: token('space.100') }}>
          <Button spacing="compact" appearance="primary" onClick={() => (setError(null), setAnswering(true))}>
            Answer
          </Button>
          <Button
            spacing="compact"
            isDisabled={pending}
            onClick={() =>
              void act(() => client.call('prompts/snooze', { promptId: prompt.id, days: 1 }), 'Snoozed until tomorrow')
            }
          >
            Snooze 1 day
          </Button>
          <Button
            spacing="compact"
            isDisabled={pending}
            onClick={() =>
              void act(() => client.call('prompts/snooze', { promptId: prompt.id, days: 7 }), 'Snoozed for a week')
            }
          >
            Snooze 1 week
          </Button>
          <Button
            spacing="compact"
            appearance="subtle"
            isDisabled={pending}
            onClick={() => void act(() => client.call('prompts/dismiss', { promptId: prompt.id }), 'Prompt dismissed')}
          >
            Dismiss
          </Button>
        </div>
      )}
    </li>
  );
}

/** Where the inbox's folded state is kept for the browser session (per tab, as Jira keeps its panels). */
export const INBOX_FOLD_KEY = 'tether.promptInbox.folded';

/** More open prompts than this and the inbox starts folded, so objectives stay above the fold. */
export const UNFOLDED_MAX = 2;

function storedFold(): boolean | null {
  try {
    const value = window.sessionStorage.getItem(INBOX_FOLD_KEY);
    return value === null ? null : value === 'true';
  } catch {
    return null; // storage refused (a sandboxed frame): the default applies
  }
}

function storeFold(folded: boolean): void {
  try {
    window.sessionStorage.setItem(INBOX_FOLD_KEY, String(folded));
  } catch {
    // not remembered; the page still folds
  }
}

/** Focuses the first button of a prompt's card, or the inbox's heading when there is no prompt to go to. */
function focusPromptOrHeading(promptId: string | null): void {
  const card =
    promptId === null
      ? undefined
      : Array.from(document.querySelectorAll<HTMLElement>('[data-prompt-id]')).find(
          (el) => el.dataset.promptId === promptId,
        );
  const target =
    card?.querySelector<HTMLElement>('button') ??
    document.querySelector<HTMLElement>('#prompt-inbox button') ??
    document.getElementById('prompt-inbox');
  target?.focus();
}

/**
 * The caller's open prompts under a heading with their count, "Your prompts (5)". The heading is
 * a button that folds the list away; the choice is kept for the session. Until the user chooses,
 * the inbox is folded when it holds more than UNFOLDED_MAX prompts.
 */
export function PromptInbox({
  onAnswered,
  onOpenObjective,
}: {
  onAnswered: () => void;
  /** The objectives whose detail the page can open: a prompt about one of them links to it. */
  onOpenObjective?: { isShown(key: string): boolean; open(key: string): void };
}) {
  const { flag } = useHost();
  const inbox = useResource('prompts/inbox', {});
  const [closed, setClosed] = useState<ReadonlySet<string>>(new Set());
  const [chosenFold, setChosenFold] = useState<boolean | null>(storedFold);
  if (inbox.state === 'loading') return null;
  if (inbox.state === 'error' && inbox.data === null) return <ErrorNotice error={inbox.error} onRetry={inbox.reload} />;
  const prompts = (inbox.data?.prompts ?? []).filter((p) => !closed.has(p.id));
  const waiting = inbox.data === null ? null : waitingText(inbox.data.waiting, prompts.length, Date.now());
  const onClosed = (id: string, title: string) => {
    setClosed((s) => new Set(s).add(id));
    flag({ type: 'success', title });
    onAnswered();
    // the card is gone: attention goes to the next prompt (or the one before), else to the inbox's heading
    const at = prompts.findIndex((p) => p.id === id);
    const next = prompts[at + 1] ?? prompts[at - 1];
    requestAnimationFrame(() => focusPromptOrHeading(next?.id ?? null));
  };
  const foldable = prompts.length > 0 || waiting !== null;
  const folded = foldable && (chosenFold ?? prompts.length > UNFOLDED_MAX);
  const heading = `Your prompts${prompts.length > 0 ? ` (${prompts.length})` : ''}`;
  return (
    <section aria-labelledby="prompt-inbox" style={{ marginBottom: token('space.300') }}>
      <h2
        id="prompt-inbox"
        tabIndex={-1}
        style={{ font: token('font.heading.small'), margin: `0 0 ${token('space.100')}` }}
      >
        {foldable ? (
          <button
            type="button"
            aria-expanded={!folded}
            aria-controls="prompt-inbox-content"
            onClick={() => {
              setChosenFold(!folded);
              storeFold(!folded);
            }}
            style={{
              display: 'inline-flex',
              alignItems: 'center',
              gap: token('space.050'),
              font: 'inherit',
              color: 'inherit',
              background: 'none',
              border: 'none',
              padding: `${token('space.025')} ${token('space.050')} ${token('space.025')} 0`,
              borderRadius: token('radius.small'),
              cursor: 'pointer',
            }}
          >
            <Chevron expanded={!folded} />
            {heading}
          </button>
        ) : (
          heading
        )}
      </h2>
      <EmailPromptsToggle />
      {prompts.length === 0 && waiting === null ? (
        <p style={muted}>
          Nothing is waiting for you. Tether asks here when work finishes, a check-in is due or an objective needs a
          decision.
        </p>
      ) : (
        <div id="prompt-inbox-content" hidden={folded}>
          {prompts.length === 0 ? null : (
            <ul style={{ margin: 0, padding: 0 }}>
              {prompts.map((p) => (
                <PromptCard
                  key={p.id}
                  prompt={p}
                  onClosed={onClosed}
                  onOpenObjective={
                    onOpenObjective !== undefined &&
                    p.context.objective !== null &&
                    onOpenObjective.isShown(p.context.objective.key)
                      ? (key: string) => onOpenObjective.open(key)
                      : undefined
                  }
                />
              ))}
            </ul>
          )}
          {waiting === null ? null : <WaitingNote text={waiting} />}
        </div>
      )}
    </section>
  );
}

import { useState } from 'react';
import { token } from '@atlaskit/tokens';
import { questionsHeading } from '@shared/plural';
import type { PromptItem, PromptsWaiting } from '@contract/api/prompts';
import { useHost } from '@shared/app-context';
import { EmailPromptsToggle } from '@shared/components/email-prompts-toggle';
import { WaitingNote } from '@shared/components/waiting-note';
import { waitingText } from '@shared/waiting-text';
import { PromptCard, type PromptDone } from './prompt-card';

/**
 * The prompts addressed to the user about this issue; an answered, snoozed or dismissed one leaves
 * the list. Under them, how many more about the issue the weekly cap holds back, and when the next arrives.
 */
export function PromptList({
  prompts,
  waiting,
  issueKey,
  onReload,
  onLink,
}: {
  prompts: readonly PromptItem[];
  waiting: PromptsWaiting;
  issueKey: string;
  onReload(): void;
  onLink?: () => void;
}) {
  const { flag } = useHost();
  const [gone, setGone] = useState<ReadonlySet<string>>(new Set());
  const shown = prompts.filter((p) => !gone.has(p.id));
  const held = waitingText(waiting, shown.length, Date.now(), {
    one: `question about ${issueKey}`,
    many: `questions about ${issueKey}`,
  });
  if (shown.length === 0 && held === null) return null;

  const done = (d: PromptDone) => {
    setGone((before) => new Set([...before, d.promptId]));
    flag({ type: 'success', title: d.title, description: d.description });
  };

  return (
    <section
      aria-labelledby="prompts-heading"
      style={{ display: 'flex', flexDirection: 'column', gap: token('space.100') }}
    >
      <h2
        id="prompts-heading"
        style={{ margin: 0, font: token('font.heading.xxsmall'), color: token('color.text.subtle') }}
      >
        {questionsHeading(shown.length)}
      </h2>
      {shown.length === 0 ? null : (
        <ul style={{ margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: token('space.100') }}>
          {shown.map((p) => (
            <PromptCard key={p.id} prompt={p} issueKey={issueKey} onDone={done} onReload={onReload} onLink={onLink} />
          ))}
        </ul>
      )}
      {held === null ? null : <WaitingNote text={held} />}
      <EmailPromptsToggle />
    </section>
  );
}

import { useState } from 'react';
import { token } from '@atlaskit/tokens';
import type { PromptItem } from '@contract/api/prompts';
import { useHost } from '../../shared/src/app-context';
import { PromptCard, type PromptDone } from './prompt-card';

/** The prompts addressed to the user about this issue; an answered, snoozed or dismissed one leaves the list. */
export function PromptList({ prompts, issueKey, onReload, onLink }: { prompts: readonly PromptItem[]; issueKey: string; onReload(): void; onLink?: () => void }) {
  const { flag } = useHost();
  const [gone, setGone] = useState<ReadonlySet<string>>(new Set());
  const shown = prompts.filter((p) => !gone.has(p.id));
  if (shown.length === 0) return null;

  const done = (d: PromptDone) => {
    setGone((before) => new Set([...before, d.promptId]));
    flag({ type: 'success', title: d.title, description: d.description });
  };

  return (
    <section aria-labelledby="prompts-heading" style={{ display: 'flex', flexDirection: 'column', gap: token('space.100') }}>
      <h2 id="prompts-heading" style={{ margin: 0, font: token('font.heading.xxsmall'), color: token('color.text.subtle') }}>
        {shown.length === 1 ? 'A question for you' : `${shown.length} questions for you`}
      </h2>
      <ul style={{ margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: token('space.100') }}>
        {shown.map((p) => (
          <PromptCard key={p.id} prompt={p} issueKey={issueKey} onDone={done} onReload={onReload} onLink={onLink} />
        ))}
      </ul>
    </section>
  );
}

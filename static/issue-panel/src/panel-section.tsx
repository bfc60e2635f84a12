/**
 * The markup the issue panel and the issue context share: a section under a small heading
 * (`PanelSection`), a stacked list (`StackedList`), and the list of the user's prompts about the
 * issue (`PromptSection`) — which prompt leaves once answered, snoozed or dismissed, the flag that
 * says so, and how many more the weekly cap holds back. Each surface passes its own prompt card.
 * Tokens only, no Atlaskit component: the issue context's bundle stays small (docs/issue-context.md).
 */
import { useState, type ReactNode } from 'react';
import { token } from '@atlaskit/tokens';
import type { PromptItem, PromptsWaiting } from '@contract/api/prompts';
import { useHost } from '@shared/app-context';
import { WaitingNote } from '@shared/components/waiting-note';
import { questionsHeading } from '@shared/plural';
import { waitingText } from '@shared/waiting-text';
import type { PromptDone } from './use-prompt-actions';

const COLUMN = { display: 'flex', flexDirection: 'column', gap: token('space.100') } as const;

/** A section named by its small heading (`headingId` ties them). */
export function PanelSection({
  headingId,
  title,
  children,
}: {
  headingId: string;
  title: ReactNode;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={headingId} style={COLUMN}>
      <h2 id={headingId} style={{ margin: 0, font: token('font.heading.xxsmall'), color: token('color.text.subtle') }}>
        {title}
      </h2>
      {children}
    </section>
  );
}

/** A list of cards or lines, one under the other. */
export function StackedList({ children }: { children: ReactNode }) {
  return <ul style={{ margin: 0, padding: 0, ...COLUMN }}>{children}</ul>;
}

/**
 * The prompts addressed to the user about the issue, each drawn by `card` (which calls `onDone`
 * when the prompt is answered, snoozed or dismissed: it leaves the list and a flag says what
 * happened); under them, how many more the weekly cap holds back, then `children`. Nothing at all
 * when there is neither.
 */
export function PromptSection({
  prompts,
  waiting,
  issueKey,
  headingId,
  card,
  children,
}: {
  prompts: readonly PromptItem[];
  waiting: PromptsWaiting;
  issueKey: string;
  headingId: string;
  card(prompt: PromptItem, onDone: (done: PromptDone) => void): ReactNode;
  children?: ReactNode;
}) {
  const { flag } = useHost();
  const [gone, setGone] = useState<ReadonlySet<string>>(new Set());
  const shown = prompts.filter((p) => !gone.has(p.id));
  const held = waitingText(waiting, shown.length, Date.now(), {
    one: `question about ${issueKey}`,
    many: `questions about ${issueKey}`,
  });
  if (shown.length === 0 && held === null) return null;
  const done = ({ promptId, title, description }: PromptDone) => {
    setGone((before) => new Set([...before, promptId]));
    flag({ type: 'success', title, description });
  };
  return (
    <PanelSection headingId={headingId} title={questionsHeading(shown.length)}>
      {shown.length === 0 ? null : <StackedList>{shown.map((p) => card(p, done))}</StackedList>}
      {held === null ? null : <WaitingNote text={held} />}
      {children}
    </PanelSection>
  );
}

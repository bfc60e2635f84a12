import type { PromptItem, PromptsWaiting } from '@contract/api/prompts';
import { EmailPromptsToggle } from '@shared/components/email-prompts-toggle';
import { PromptCard } from './prompt-card';
import { PromptSection } from './panel-section';

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
  return (
    <PromptSection
      prompts={prompts}
      waiting={waiting}
      issueKey={issueKey}
      headingId="prompts-heading"
      card={(p, done) => (
        <PromptCard key={p.id} prompt={p} issueKey={issueKey} onDone={done} onReload={onReload} onLink={onLink} />
      )}
    >
      <EmailPromptsToggle />
    </PromptSection>
  );
}

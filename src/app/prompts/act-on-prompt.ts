import type { Prompt, Reply } from '../../contract';
import type { PromptChanged, PromptsDismissPayload, PromptsSnoozePayload } from '../../contract/api';
import { dismiss, snooze, wake } from '../../domain/prompts/lifecycle';
import { AppFailure, notFound } from '../app-failure';
import type { ObjectivePorts } from '../objectives/objective-ports';
import { oneWithContext } from './prompt-context';
import { requireSeenPrompt } from './prompt-visibility';
import { refreshFeedback } from './refresh-feedback';

/**
 * The prompt as stored, for its recipient to act on. A prompt addressed to someone else is
 * FORBIDDEN whatever its state; one that does not exist, or whose objective its recipient may no
 * longer see, is NOT_FOUND. Snoozed prompts whose time has come are open.
 */
export async function loadPrompt(ports: ObjectivePorts, promptId: string): Promise<{ me: string; prompt: Prompt }> {
  const me = ports.permissions.requireUser();
  const stored = await ports.prompting.prompts.get(promptId);
  if (stored === null) throw notFound(`There is no prompt ${promptId}`);
  // someone else's prompt is refused by the domain (FORBIDDEN) without saying what it is about
  if (stored.recipient === me) await requireSeenPrompt(ports, stored);
  return { me, prompt: wake(stored, ports.clock.now()) };
}

/** The changed prompt, or the domain's refusal as a failure. */
export function accepted(reply: Reply<Prompt>): Prompt {
  if (!reply.ok) throw new AppFailure(reply.error.code, reply.error.message, reply.error.details);
  return reply.data;
}

/** prompts/dismiss: the recipient closes the prompt without answering, optionally saying why. */
export async function dismissPrompt(ports: ObjectivePorts, payload: PromptsDismissPayload): Promise<PromptChanged> {
  const { me, prompt } = await loadPrompt(ports, payload.promptId);
  const next = accepted(dismiss(prompt, me, payload.reason ?? null, ports.clock.now()));
  await ports.prompting.prompts.update([next]);
  await refreshFeedback({ stores: ports.prompting, objectiveStore: ports.objectiveStore }, [next]);
  return { prompt: await oneWithContext(ports, next) };
}

/** prompts/snooze: the recipient puts the prompt away for a day or a week; it is back in the inbox then. */
export async function snoozePrompt(ports: ObjectivePorts, payload: PromptsSnoozePayload): Promise<PromptChanged> {
  const { me, prompt } = await loadPrompt(ports, payload.promptId);
  const next = accepted(snooze(prompt, me, payload.days === 1 ? '1d' : '1w', ports.clock.now()));
  await ports.prompting.prompts.update([next]);
  return { prompt: await oneWithContext(ports, next) };
}

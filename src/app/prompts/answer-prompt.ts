import { createHash } from 'node:crypto';
import type { CheckIn, ErrorDetail, Prompt } from '../../contract';
import type { EscalationDecision, PromptAnswered, PromptsAnswerPayload } from '../../contract/api';
import { answer } from '../../domain/prompts/lifecycle';
import { AppFailure, validationFailure } from '../app-failure';
import { createCheckIn } from '../check-ins/check-ins';
import type { ObjectivePorts } from '../objectives/objective-ports';
import type { StoredObjective } from '../objectives/stored-objective';
import { accepted, loadPrompt } from './act-on-prompt';
import { oneWithContext } from './prompt-context';
import { refreshFeedback } from './refresh-feedback';

/**
 * prompts/answer: only the recipient answers, only an open (or snoozed) prompt, and only with an
 * answer of the prompt's kind. What the answer does elsewhere happens first:
 *
 * - check-in due: a real check-in of the key result (check-ins/create's rules: a metric's value is
 *   required, other kinds take none), which rolls up and may escalate;
 * - escalation: the choice and note are kept in the objective's history (objectives/decisions).
 *
 * then the prompt is written as answered, guarded by the version read. A refusal of that step
 * (paths under `answer.`) writes nothing. The check-in's id is made from the prompt's, and stored
 * only when new, so of two answers at once exactly one records its check-in (the other is
 * CONFLICT); and an answer that Forge storage refused half-way (UNAVAILABLE: the check-in or
 * decision stored, the prompt not) is completed by answering again, which finds what the first
 * attempt stored (by key, or the decision by its prompt) and does not do it twice. The objective's
 * and workgroup's feedback rollups follow; they are counted again from the prompts at the next
 * change of a prompt about them, so a refusal there is logged and the answer stands.
 */
export async function answerPrompt(ports: ObjectivePorts, payload: PromptsAnswerPayload): Promise<PromptAnswered> {
  const { me, prompt } = await loadPrompt(ports, payload.promptId);
  const now = ports.clock.now();
  const answered = accepted(answer(prompt, me, payload.answer, now));
  const target = answered.answer?.kind === 'check-in-due' ? await checkInTarget(ports, answered) : null;

  let checkIn: CheckIn | null = null;
  let decision: EscalationDecision | null = null;
  try {
    if (target !== null && answered.answer?.kind === 'check-in-due') {
      const { value, confidence, note } = answered.answer;
      const id = checkInIdOfPrompt(answered.id);
      const [earlier] = await ports.checkIns.getMany([id]);
      // stored by another answer of a moment ago, with other values: that one wins
      if (earlier !== undefined && !sameAnswer(earlier, { value, confidence, note }))
        throw new AppFailure('CONFLICT', 'This prompt was answered a moment ago with other values; reload it');
      checkIn =
        earlier ??
        (
          await createCheckIn(
            ports,
            { objectiveKey: target.objective.key, keyResultId: target.keyResultId, value, confidence, note },
            id,
          )
        ).checkIn;
    }
    if (answered.answer?.kind === 'escalation' && answered.subject.type === 'objective') {
      const objectiveId = answered.subject.objectiveId;
      const earlier = (await ports.prompting.decisions.ofObjective(objectiveId)).find(
        (d) => d.promptId === answered.id,
      );
      decision = earlier ?? {
        id: `decision:${answered.id}`,
        objectiveId,
        promptId: answered.id,
        choice: answered.answer.choice,
        note: answered.answer.note,
        author: me,
        at: now,
      };
      if (earlier === undefined) await ports.prompting.decisions.add(decision);
    }
  } catch (error) {
    throw error instanceof AppFailure && error.details !== undefined
      ? new AppFailure(error.code, error.message, underAnswer(error.details))
      : error;
  }
  await ports.prompting.prompts.update([answered]);
  try {
    await refreshFeedback({ stores: ports.prompting, objectiveStore: ports.objectiveStore }, [answered]);
  } catch (error) {
    ports.log.error(
      'prompt answered, but its feedback rollups could not be counted again',
      { prompt: answered.id },
      error,
    );
  }
  return { prompt: await oneWithContext(ports, answered), checkIn, decision };
}

const sameAnswer = (c: CheckIn, a: Pick<CheckIn, 'value' | 'confidence' | 'note'>) =>
  c.value === a.value && c.confidence === a.confidence && c.note === a.note;

/** The id of the check-in that answers a prompt: the same on every attempt. */
export function checkInIdOfPrompt(promptId: string): string {
  return `ci-${createHash('sha256').update(`prompt\n${promptId}`).digest('hex').slice(0, 40)}`;
}

function underAnswer(details: ErrorDetail[]): ErrorDetail[] {
  return details.map((d) => ({ path: d.path === '' ? 'answer' : `answer.${d.path}`, message: d.message }));
}

/** The key result a check-in-due answer checks in on, with the value rules checked before anything is written. */
async function checkInTarget(
  ports: ObjectivePorts,
  p: Prompt,
): Promise<{ objective: StoredObjective; keyResultId: string }> {
  if (p.subject.type !== 'key-result' || p.answer?.kind !== 'check-in-due')
    throw new Error(`Prompt ${p.id} is not about a key result`);
  const { objectiveId, keyResultId } = p.subject;
  const objective = await ports.objectiveStore.get(objectiveId);
  const kr = objective?.keyResults.find((k) => k.id === keyResultId) ?? null;
  if (objective === null || kr === null)
    throw new AppFailure('CONFLICT', 'The key result this prompt asks about no longer exists; dismiss the prompt');
  if (kr.kind === 'metric' && p.answer.value === null)
    throw validationFailure('The answer was not recorded', [
      { path: 'answer.value', message: `a check-in of the metric ${kr.key} gives its new value` },
    ]);
  if (kr.kind !== 'metric' && p.answer.value !== null)
    throw validationFailure('The answer was not recorded', [
      { path: 'answer.value', message: `${kr.key} is a ${kr.kind}: it takes no value` },
    ]);
  return { objective, keyResultId };
}

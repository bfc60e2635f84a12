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
 * answer of the prompt's kind. The prompt is written as answered first, guarded by the version
 * read, so of two answers at once exactly one wins (the other is CONFLICT); then what the answer
 * does elsewhere happens:
 *
 * - check-in due: a real check-in of the key result (check-ins/create's rules: a metric's value is
 *   required, other kinds take none), which rolls up and may escalate;
 * - escalation: the choice and note are kept in the objective's history (objectives/decisions).
 *
 * If that step is refused, the prompt is put back as it was and the refusal is answered (paths
 * under `answer.`). The objective's and workgroup's feedback rollups follow.
 */
export async function answerPrompt(ports: ObjectivePorts, payload: PromptsAnswerPayload): Promise<PromptAnswered> {
  const { me, prompt } = await loadPrompt(ports, payload.promptId);
  const now = ports.clock.now();
  const answered = accepted(answer(prompt, me, payload.answer, now));
  const target = answered.answer?.kind === 'check-in-due' ? await checkInTarget(ports, answered) : null;

  await ports.prompting.prompts.update([answered]);
  let checkIn: CheckIn | null = null;
  let decision: EscalationDecision | null = null;
  try {
    if (target !== null && answered.answer?.kind === 'check-in-due') {
      const { value, confidence, note } = answered.answer;
      checkIn = (
        await createCheckIn(ports, {
          objectiveKey: target.objective.key,
          keyResultId: target.keyResultId,
          value,
          confidence,
          note,
        })
      ).checkIn;
    }
    if (answered.answer?.kind === 'escalation' && answered.subject.type === 'objective') {
      decision = {
        id: `decision:${answered.id}`,
        objectiveId: answered.subject.objectiveId,
        promptId: answered.id,
        choice: answered.answer.choice,
        note: answered.answer.note,
        author: me,
        at: now,
      };
      await ports.prompting.decisions.add(decision);
    }
  } catch (error) {
    await ports.prompting.prompts.update([prompt]);
    throw error instanceof AppFailure && error.details !== undefined
      ? new AppFailure(error.code, error.message, underAnswer(error.details))
      : error;
  }
  await refreshFeedback({ stores: ports.prompting, objectiveStore: ports.objectiveStore }, [answered]);
  return { prompt: await oneWithContext(ports, answered), checkIn, decision };
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

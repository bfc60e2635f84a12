import type { IssueState, ObjectiveStatus, Prompt, PromptPolicy, RecordId } from '../../contract';
import { distinctBy } from './distinct';
import { isEnabled, newPrompt, promptId, quoted } from './new-prompt';

/** An objective the issue serves (directly, through a key result or through its epic). */
export interface ServedObjective {
  objectiveId: RecordId;
  status: ObjectiveStatus;
  /** Shown in the reason; the id stands in when absent. */
  title?: string;
}

export interface OutcomeReviewInput {
  /** The issue as the app knew it before this event; null for an issue seen for the first time. */
  previous: IssueState | null;
  next: IssueState;
  served: readonly ServedObjective[];
  policy: Pick<PromptPolicy, 'enabled' | 'answerWithinDays'>;
  now: number;
}

/** Objectives still worth asking about: not a draft, not cancelled. */
const ASKABLE: ReadonlySet<ObjectiveStatus> = new Set(['active', 'done']);

/**
 * When an issue newly reaches done, ask its assignee (else its reporter) whether it delivered what
 * each objective it serves needed. The id names the issue and the objective only, so closing the
 * issue again after a reopen, replaying the event, or two jobs racing yield the same prompt.
 */
export function outcomeReviewPrompts(input: OutcomeReviewInput): Prompt[] {
  const { previous, next, policy, now } = input;
  if (!isEnabled(policy, 'outcome-review')) return [];
  if (next.statusCategory !== 'done') return [];
  if (previous !== null && previous.statusCategory === 'done') return [];
  // An event older than the state already kept does not describe the issue as it is now.
  if (previous !== null && next.updated < previous.updated) return [];
  const recipient = next.assignee ?? next.reporter;
  if (recipient === null) return [];

  return distinctBy(input.served, (o) => o.objectiveId)
    .filter((o) => ASKABLE.has(o.status))
    .map((o) =>
      newPrompt(
        {
          id: promptId('outcome-review', next.key, o.objectiveId),
          kind: 'outcome-review',
          recipient,
          subject: { type: 'issue', issueKey: next.key, objectiveId: o.objectiveId },
          reason: `${next.key} is done: did it deliver what ${quoted(o.title ?? o.objectiveId)} needed?`,
        },
        policy,
        now,
      ),
    );
}

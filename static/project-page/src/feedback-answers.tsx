/**
 * What people answered about an objective: the decisions taken on its escalations (for whoever
 * sees it), and — for its workgroup's leads and administrators, on demand — the answered prompts
 * (outcome reviews, check-ins, period reviews) from prompts/answered.
 */
import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { token } from '@atlaskit/tokens';
import type { PromptItem } from '@contract/api';
import type { AppError } from '@contract/errors';
import type { PromptAnswer } from '@contract/prompts';
import { useHost } from '@shared/app-context';
import { ErrorNotice } from '@shared/components/error-notice';
import { Person } from '@shared/components/person';
import type { UserSummary } from '@shared/jira-users';
import { useResource } from '@shared/use-resource';
import { fullDate, shortDate } from '@shared/dates';
import { CHOICE_TEXT, CONFIDENCE_TEXT, formatNumber, IMPACT_TEXT } from './format';

const muted = { font: token('font.body.small'), color: token('color.text.subtlest') };

function answerText(answer: PromptAnswer): string {
  switch (answer.kind) {
    case 'outcome-review':
      return `Outcome: ${IMPACT_TEXT[answer.impact]}`;
    case 'check-in-due':
      return `Check-in: confidence ${CONFIDENCE_TEXT[answer.confidence].toLowerCase()}${answer.value === null ? '' : `, value ${formatNumber(answer.value)}`}`;
    case 'escalation':
      return `Escalation: ${CHOICE_TEXT[answer.choice]}`;
    case 'period-review':
      return `Period review: grade ${answer.grade.toFixed(2)}`;
    case 'alignment-gap':
      return 'Alignment gap';
  }
}

function notesOf(answer: PromptAnswer): string[] {
  if (answer.kind === 'period-review')
    return [
      answer.helped === '' ? '' : `Helped: ${answer.helped}`,
      answer.hindered === '' ? '' : `Got in the way: ${answer.hindered}`,
    ].filter((n) => n !== '');
  return answer.note === '' ? [] : [answer.note];
}

export function FeedbackAnswers({
  objectiveKey,
  workgroupId,
  mayReadAnswers,
  users,
}: {
  objectiveKey: string;
  workgroupId: string | null;
  mayReadAnswers: boolean;
  users: ReadonlyMap<string, UserSummary>;
}) {
  const { client } = useHost();
  const decisions = useResource('objectives/decisions', { objectiveKey });
  const [answers, setAnswers] = useState<PromptItem[] | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [loading, setLoading] = useState(false);

  const load = async () => {
    if (workgroupId === null) return;
    setLoading(true);
    const reply = await client.call('prompts/answered', { workgroupId, limit: 200 });
    setLoading(false);
    if (!reply.ok) return setError(reply.error);
    setError(null);
    setAnswers(reply.data.prompts.filter((p) => p.context.objective?.key === objectiveKey && p.answer !== null));
  };

  const list = decisions.data?.decisions ?? [];
  return (
    <section aria-labelledby={`answers-${objectiveKey}`}>
      <h3
        id={`answers-${objectiveKey}`}
        style={{ font: token('font.heading.xsmall'), margin: `${token('space.200')} 0 ${token('space.075')}` }}
      >
        Feedback answers
      </h3>
      {decisions.state === 'error' ? <ErrorNotice error={decisions.error} onRetry={decisions.reload} /> : null}
      {list.length > 0 ? (
        <ul aria-label={`Decisions on ${objectiveKey}`} style={{ margin: 0, padding: 0 }}>
          {list.map((d) => (
            <li key={d.id} style={{ listStyle: 'none', padding: `${token('space.050')} 0` }}>
              <span style={{ display: 'inline-flex', flexWrap: 'wrap', alignItems: 'center', gap: token('space.100') }}>
                <Person accountId={d.author} user={users.get(d.author)} />
                <span style={muted} title={fullDate(d.at)}>
                  {shortDate(d.at, Date.now())}
                </span>
                <strong>Decided: {CHOICE_TEXT[d.choice]}</strong>
              </span>
              {d.note !== '' ? (
                <p style={{ margin: `${token('space.025')} 0 0`, whiteSpace: 'pre-wrap' }}>{d.note}</p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : decisions.state === 'ready' ? (
        <p style={muted}>No escalation of {objectiveKey} has been decided.</p>
      ) : null}
      {mayReadAnswers && workgroupId !== null ? (
        answers === null ? (
          <Button spacing="compact" appearance="subtle" isDisabled={loading} onClick={() => void load()}>
            Show the answered prompts
          </Button>
        ) : answers.length === 0 ? (
          <p style={muted}>No prompt about {objectiveKey} has been answered yet.</p>
        ) : (
          <ul aria-label={`Answered prompts about ${objectiveKey}`} style={{ margin: 0, padding: 0 }}>
            {answers.map((p) =>
              p.answer === null ? null : (
                <li
                  key={p.id}
                  style={{
                    listStyle: 'none',
                    padding: `${token('space.050')} 0`,
                    borderTop: `${token('border.width')} solid ${token('color.border')}`,
                  }}
                >
                  <span
                    style={{ display: 'inline-flex', flexWrap: 'wrap', alignItems: 'center', gap: token('space.100') }}
                  >
                    <Person accountId={p.recipient} user={users.get(p.recipient)} />
                    {p.answeredAt !== null ? (
                      <span style={muted} title={fullDate(p.answeredAt)}>
                        {shortDate(p.answeredAt, Date.now())}
                      </span>
                    ) : null}
                    <strong>{answerText(p.answer)}</strong>
                    {p.context.issueKeys.length > 0 ? (
                      <span style={muted}>{p.context.issueKeys.join(', ')}</span>
                    ) : null}
                  </span>
                  {notesOf(p.answer).map((n) => (
                    <p key={n} style={{ margin: `${token('space.025')} 0 0`, whiteSpace: 'pre-wrap' }}>
                      {n}
                    </p>
                  ))}
                </li>
              ),
            )}
          </ul>
        )
      ) : null}
      {error ? <ErrorNotice error={error} onRetry={() => void load()} alert /> : null}
    </section>
  );
}

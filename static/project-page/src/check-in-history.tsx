/** An objective's check-ins, newest first, with older pages on demand. */
import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { token } from '@atlaskit/tokens';
import type { ObjectiveView } from '@contract/api';
import type { CheckIn } from '@contract/check-ins';
import type { AppError } from '@contract/errors';
import { useHost } from '@shared/app-context';
import { ErrorNotice } from '@shared/components/error-notice';
import { Person } from '@shared/components/person';
import type { UserSummary } from '@shared/jira-users';
import { fullDate, shortDate } from '@shared/dates';
import { CONFIDENCE_TEXT, withUnit } from './format';

const muted = { font: token('font.body.small'), color: token('color.text.subtlest') };

export function CheckInHistory({
  objective,
  first,
  users,
}: {
  objective: ObjectiveView;
  first: { checkIns: CheckIn[]; nextCursor: string | null };
  users: ReadonlyMap<string, UserSummary>;
}) {
  const { client } = useHost();
  const [older, setOlder] = useState<CheckIn[]>([]);
  const [cursor, setCursor] = useState<string | null>(first.nextCursor);
  const [error, setError] = useState<AppError | null>(null);
  const [loading, setLoading] = useState(false);
  const list = [...first.checkIns, ...older];
  const krs = new Map(objective.keyResults.map((k) => [k.id, k]));

  const more = async () => {
    if (cursor === null) return;
    setLoading(true);
    const reply = await client.call('check-ins/list', { objectiveKey: objective.key, limit: 20, cursor });
    setLoading(false);
    if (!reply.ok) return setError(reply.error);
    setError(null);
    setOlder((o) => [...o, ...reply.data.checkIns]);
    setCursor(reply.data.nextCursor);
  };

  return (
    <section aria-labelledby={`checkins-${objective.key}`}>
      <h3
        id={`checkins-${objective.key}`}
        style={{ font: token('font.heading.xsmall'), margin: `${token('space.200')} 0 ${token('space.075')}` }}
      >
        Check-ins
      </h3>
      {list.length === 0 ? (
        <p style={muted}>No check-ins yet. The owner records one with "Check in" on a key result.</p>
      ) : null}
      <ol style={{ margin: 0, padding: 0 }}>
        {list.map((c) => {
          const kr = c.keyResultId === null ? undefined : krs.get(c.keyResultId);
          return (
            <li
              key={c.id}
              style={{
                listStyle: 'none',
                padding: `${token('space.075')} 0`,
                borderBottom: `${token('border.width')} solid ${token('color.border')}`,
              }}
            >
              <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: token('space.100') }}>
                <Person accountId={c.author} user={users.get(c.author)} />
                <span style={muted} title={fullDate(c.at)}>
                  {shortDate(c.at, Date.now())}
                </span>
                <span style={muted}>{kr ? `${kr.key} ${kr.title}` : objective.key}</span>
                <span>Confidence: {CONFIDENCE_TEXT[c.confidence]}</span>
                {c.value !== null ? (
                  <span>
                    Value: {withUnit(c.value, kr && (kr.kind === 'metric' || kr.kind === 'query') ? kr.unit : '')}
                  </span>
                ) : null}
              </div>
              {c.note !== '' ? (
                <p style={{ margin: `${token('space.050')} 0 0`, whiteSpace: 'pre-wrap' }}>{c.note}</p>
              ) : null}
            </li>
          );
        })}
      </ol>
      {error ? <ErrorNotice error={error} onRetry={() => void more()} alert /> : null}
      {cursor !== null ? (
        <Button spacing="compact" appearance="subtle" isDisabled={loading} onClick={() => void more()}>
          Show older check-ins
        </Button>
      ) : null}
    </section>
  );
}

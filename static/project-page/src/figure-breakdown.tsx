/**
 * How an objective's figure is made: each key result and contributing objective with its progress,
 * weight and share of the figure (or why it is listed but not counted), the objectives the viewer
 * cannot see as one line, and the rule in one sentence — all as the server worked it out
 * (`objectives/explain`, asked when the detail opens); the words come from static/shared/src/figure-words.ts.
 */
import { token } from '@atlaskit/tokens';
import type { FigureBreakdown as Breakdown } from '@contract/figure-explained';
import { ErrorNotice } from '@shared/components/error-notice';
import { useResource } from '@shared/use-resource';
import { hiddenLabel, hiddenShareWords, progressWords, ruleWords, shareWords, weightWords } from '@shared/figure-words';
import { percent } from '@shared/percent';

const muted = { font: token('font.body.small'), color: token('color.text.subtlest') };
const cell = {
  padding: `${token('space.050')} ${token('space.100')} ${token('space.050')} 0`,
  textAlign: 'left' as const,
};
const KIND = { 'key-result': 'Key result', child: 'Child objective', aligned: 'Aligned objective' } as const;

/** The breakdown, asked of the server for this objective (the detail remounts it when the figure moves). */
export function ExplainedFigure({ objectiveKey, onOpen }: { objectiveKey: string; onOpen: (key: string) => void }) {
  const explained = useResource('objectives/explain', { objectiveKey });
  if (explained.state === 'loading')
    return (
      <p role="status" aria-busy="true" style={muted}>
        Working out how the figure is made…
      </p>
    );
  if (explained.state === 'error') return <ErrorNotice error={explained.error} onRetry={explained.reload} />;
  const breakdown = explained.data.explained?.breakdown;
  return breakdown ? <FigureBreakdown objectiveKey={objectiveKey} breakdown={breakdown} onOpen={onOpen} /> : null;
}

export function FigureBreakdown({
  objectiveKey,
  breakdown,
  onOpen,
}: {
  objectiveKey: string;
  breakdown: Breakdown;
  onOpen: (key: string) => void;
}) {
  const id = `breakdown-${objectiveKey}`;
  const empty = breakdown.lines.length === 0 && breakdown.hidden === null;
  return (
    <section aria-labelledby={id}>
      <h3
        id={id}
        style={{ font: token('font.heading.xsmall'), margin: `${token('space.200')} 0 ${token('space.075')}` }}
      >
        {breakdown.progress === null ? 'How the figure is made' : `How ${percent(breakdown.progress)} is made`}
      </h3>
      <p style={{ ...muted, margin: `0 0 ${token('space.075')}` }}>{ruleWords(breakdown)}</p>
      {empty ? (
        <p style={muted}>Nothing measures {objectiveKey} yet: no key result and no contributing objective.</p>
      ) : (
        <table style={{ borderCollapse: 'collapse', width: '100%', font: token('font.body.small') }}>
          <caption style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
            What makes the figure of {objectiveKey}
          </caption>
          <thead>
            <tr style={{ color: token('color.text.subtlest') }}>
              <th scope="col" style={cell}>
                Input
              </th>
              <th scope="col" style={cell}>
                Progress
              </th>
              <th scope="col" style={cell}>
                Weight
              </th>
              <th scope="col" style={cell}>
                Share
              </th>
            </tr>
          </thead>
          <tbody>
            {breakdown.lines.map((line) => (
              <tr
                key={`${line.kind}-${line.key}`}
                style={{
                  borderTop: `${token('border.width')} solid ${token('color.border')}`,
                  color: line.share === null ? token('color.text.subtlest') : token('color.text'),
                }}
              >
                <th scope="row" style={{ ...cell, fontWeight: 'normal' }}>
                  <span style={muted}>{KIND[line.kind]} </span>
                  {line.kind === 'key-result' ? (
                    <span>
                      {line.key} {line.title}
                    </span>
                  ) : (
                    <a
                      href={`#${line.key}`}
                      onClick={(e) => {
                        e.preventDefault();
                        onOpen(line.key);
                      }}
                      style={{ color: token('color.link') }}
                    >
                      {line.key} {line.title}
                    </a>
                  )}
                </th>
                <td style={cell}>{progressWords(line)}</td>
                <td style={cell}>{weightWords(line)}</td>
                <td style={cell}>{shareWords(line, Date.now())}</td>
              </tr>
            ))}
            {breakdown.hidden !== null ? (
              <tr style={{ borderTop: `${token('border.width')} solid ${token('color.border')}` }}>
                <th scope="row" colSpan={3} style={{ ...cell, fontWeight: 'normal' }}>
                  {hiddenLabel(breakdown.hidden)}
                </th>
                <td style={cell}>{hiddenShareWords(breakdown.hidden)}</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      )}
    </section>
  );
}

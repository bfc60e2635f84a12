/** What the prompts yielded: response rate, average impact of outcome reviews, average grade. */
import { token } from '@atlaskit/tokens';
import type { FeedbackSummary } from '@contract/prompts';
import { percent } from '@shared/components/progress-meter';

export function FeedbackFigures({ feedback, compact = false }: { feedback: FeedbackSummary; compact?: boolean }) {
  const parts: { label: string; value: string; hint: string }[] = [];
  if (feedback.responseRate !== null)
    parts.push({
      label: 'Response rate',
      value: percent(feedback.responseRate),
      hint: `${feedback.answered} of the prompts that reached an inbox were answered`,
    });
  if (feedback.averageImpact !== null)
    parts.push({
      label: 'Average impact',
      value: percent(feedback.averageImpact),
      hint: `from ${feedback.impactAnswers} outcome reviews`,
    });
  if (feedback.averageGrade !== null)
    parts.push({
      label: 'Average grade',
      value: feedback.averageGrade.toFixed(2),
      hint: `from ${feedback.gradedReviews} period reviews`,
    });
  if (!compact && feedback.waiting > 0)
    parts.push({ label: 'Waiting', value: String(feedback.waiting), hint: 'prompts open or snoozed now' });
  if (parts.length === 0)
    return compact ? null : (
      <p style={{ color: token('color.text.subtlest'), margin: 0 }}>No prompt has been answered yet.</p>
    );
  return (
    <dl
      style={{
        display: 'inline-flex',
        flexWrap: 'wrap',
        gap: token('space.200'),
        margin: 0,
        font: token('font.body.small'),
      }}
    >
      {parts.map((p) => (
        <div key={p.label} title={p.hint} style={{ display: 'inline-flex', gap: token('space.050') }}>
          <dt style={{ color: token('color.text.subtlest') }}>{p.label}</dt>
          <dd style={{ margin: 0, fontWeight: token('font.weight.semibold') }}>{p.value}</dd>
        </div>
      ))}
    </dl>
  );
}

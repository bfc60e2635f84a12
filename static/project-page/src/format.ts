/** Numbers as the page writes them (dates: @shared/dates). */
import type { KeyResult } from '@contract/key-results';
import type { EscalationChoice, Impact } from '@contract/prompts';

export function formatNumber(value: number, locale = 'en-US'): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}

export function withUnit(value: number | null, unit: string): string {
  if (value === null) return '—';
  const n = formatNumber(value);
  if (unit === '') return n;
  return unit === '%' ? `${n}%` : `${n} ${unit}`;
}

export const KIND_TEXT: Record<KeyResult['kind'], string> = {
  completion: 'Completion of work',
  metric: 'Metric',
  query: 'Jira query',
  'delivery-quality': 'Delivery quality',
  milestone: 'Milestone',
};

export const DELIVERY_TEXT = {
  'on-time-rate': 'On-time rate',
  'median-cycle-time': 'Median cycle time',
  'throughput-per-week': 'Throughput per week',
  'bug-share': 'Bug share',
} as const;

export { CONFIDENCE_TEXT } from '@shared/status-text';

export const IMPACT_TEXT: Record<Impact, string> = {
  'did-not-help': 'It did not help',
  partly: 'Partly',
  fully: 'Fully',
  'more-than-expected': 'More than expected',
};

export const CHOICE_TEXT: Record<EscalationChoice, string> = {
  'keep-course': 'Keep the course',
  'adjust-target': 'Adjust the target',
  'adjust-scope': 'Adjust the scope',
  're-plan': 'Re-plan',
};

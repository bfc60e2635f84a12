/** What a check-in's value must be, for check-ins/create and check-ins/create-many alike. */
import type { KeyResult } from '../../contract';

/** Why `value` cannot be checked in on `kr` (null on the objective itself), or null when it can: a metric needs its new value, nothing else takes one. */
export function valueProblem(kr: Pick<KeyResult, 'kind' | 'key'> | null, value: number | null): string | null {
  if (kr?.kind === 'metric' && value === null) return `a check-in of the metric ${kr.key} gives its new value`;
  if (kr?.kind !== 'metric' && value !== null)
    return 'only a metric key result takes a value; the others are measured from Jira or marked done';
  return null;
}

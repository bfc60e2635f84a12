import type { Contribution, KeyResult, Levels, Objective, Period, Workgroup } from '../../contract';

/** Everything an objectives file describes, as stored records. */
export interface Hierarchy {
  levels: Levels;
  periods: Period[];
  workgroups: Workgroup[];
  objectives: Objective[];
  keyResults: KeyResult[];
  contributions: Contribution[];
}

/** Objective keys in their natural order: O-2 before O-10. */
export function byObjectiveKey(a: { key: string }, b: { key: string }): number {
  return Number(a.key.slice(2)) - Number(b.key.slice(2));
}

/** Key-result keys in their natural order: KR-2 before KR-10. */
export function byKeyResultKey(a: { key: string }, b: { key: string }): number {
  return Number(a.key.slice(3)) - Number(b.key.slice(3));
}

/** Issue keys as people read them: ABC-2 before ABC-10. */
export function byIssueKey(a: string, b: string): number {
  const [pa = '', na = '0'] = a.split('-');
  const [pb = '', nb = '0'] = b.split('-');
  return pa === pb ? Number(na) - Number(nb) : pa < pb ? -1 : 1;
}

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

/** Issue keys as people read them: ABC-2 before ABC-10. */
export function byIssueKey(a: string, b: string): number {
  const [pa = '', na = '0'] = a.split('-');
  const [pb = '', nb = '0'] = b.split('-');
  return pa === pb ? Number(na) - Number(nb) : pa < pb ? -1 : 1;
}

/**
 * ORDER BY. Without one, issues come newest key first (`ORDER BY key DESC`), and every ordering
 * ends with that as the tie-break so pages are stable. EMPTY values sort after all others
 * ascending, before them descending (as Jira lists issues without a due date last for `duedate ASC`).
 */
import type { OrderBy } from '@atlaskit/jql-ast';
import type { StoredIssue } from '../model';
import type { JqlContext, Scalar } from './context';
import { invalid } from './errors';
import { jqlField, naturalCompare } from './fields';
import { sourceOf } from './compile';

export type IssueComparator = (a: StoredIssue, b: StoredIssue) => number;

const KEY_ORDER = /^([A-Z][A-Z0-9_]*)-(\d+)$/;

/** Key descending: project key descending, then number descending. */
export const byKeyDescending: IssueComparator = (a, b) => {
  const ma = KEY_ORDER.exec(a.key);
  const mb = KEY_ORDER.exec(b.key);
  const pa = ma?.[1] ?? a.key;
  const pb = mb?.[1] ?? b.key;
  if (pa !== pb) return pa < pb ? 1 : -1;
  return Number(mb?.[2] ?? 0) - Number(ma?.[2] ?? 0);
};

const MAX_ORDER_FIELDS = 7;

export function compileOrderBy(ctx: JqlContext, jql: string, orderBy: OrderBy | undefined): IssueComparator {
  if (!orderBy || orderBy.fields.length === 0) return byKeyDescending;
  if (orderBy.fields.length > MAX_ORDER_FIELDS)
    throw invalid(`The ORDER BY clause can contain at most ${MAX_ORDER_FIELDS} fields.`);
  const parts = orderBy.fields.map((orderField) => {
    const text = sourceOf(jql, orderField);
    const f = jqlField(ctx, orderField.field.value, orderField.field.properties ?? undefined, text);
    const sortKey = f.sortKey;
    if (!sortKey) throw invalid(`Field '${orderField.field.value}' does not support sorting.`);
    const descending = orderField.direction?.value === 'DESC';
    const compare = (x: Scalar, y: Scalar): number =>
      naturalCompare(x, y) ?? (String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0);
    return (a: StoredIssue, b: StoredIssue): number => {
      const ka = sortKey(a);
      const kb = sortKey(b);
      if (ka === null && kb === null) return 0;
      // EMPTY is "greater than everything": last ascending, first descending
      const c = ka === null ? 1 : kb === null ? -1 : compare(ka, kb);
      return descending ? -c : c;
    };
  });
  return (a, b) => {
    for (const part of parts) {
      const c = part(a, b);
      if (c !== 0) return c;
    }
    return byKeyDescending(a, b);
  };
}

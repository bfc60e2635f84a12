/**
 * Indexed issue properties, as a Forge app declares them with `jira:entityProperty`
 * (`propertyKey`, then `values: [{path, type, searchAlias}]`). Only indexed paths are searchable,
 * as in Jira: `issue.property[key].path` on a path nobody indexed matches no issue.
 */
import { z } from 'zod';
import { parseIsoDate } from '../dates';
import type { JsonValue } from '../model';

export const PropertyIndexType = z.enum(['number', 'string', 'text', 'user', 'date']);
export type PropertyIndexType = z.infer<typeof PropertyIndexType>;

export const PropertyIndex = z.object({
  propertyKey: z.string().min(1).max(255),
  /** Dot-separated path inside the value, e.g. `objectives` or `meta.owner`; `''` is the value itself. */
  path: z.string(),
  type: PropertyIndexType,
  /** A JQL field name standing for `issue.property[propertyKey].path`, e.g. `objective`. */
  searchAlias: z.string().min(1).optional(),
});
export type PropertyIndex = z.infer<typeof PropertyIndex>;

export function normalisePath(path: string): string {
  return path.replace(/^\.+/, '').replace(/\.+$/, '');
}

export function findIndex(
  indexes: readonly PropertyIndex[],
  propertyKey: string,
  path: string,
): PropertyIndex | undefined {
  const wanted = normalisePath(path);
  return indexes.find((i) => i.propertyKey === propertyKey && normalisePath(i.path) === wanted);
}

export function findAlias(indexes: readonly PropertyIndex[], name: string): PropertyIndex | undefined {
  const lower = name.toLowerCase();
  return indexes.find((i) => i.searchAlias !== undefined && i.searchAlias.toLowerCase() === lower);
}

/** The leaves at `path` in `value`; arrays (at any level) contribute each element. */
function leaves(value: JsonValue | undefined, segments: readonly string[]): JsonValue[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap((v) => leaves(v, segments));
  const [head, ...rest] = segments;
  if (head === undefined) return [value];
  if (typeof value !== 'object') return [];
  return leaves(value[head], rest);
}

/** The indexed values of one property path on an issue, typed as the index says (others dropped). */
export function indexedValues(
  index: PropertyIndex,
  properties: Readonly<Record<string, JsonValue>>,
): Array<string | number> {
  const path = normalisePath(index.path);
  const raw = leaves(properties[index.propertyKey], path === '' ? [] : path.split('.'));
  const out: Array<string | number> = [];
  for (const v of raw) {
    switch (index.type) {
      case 'number':
        if (typeof v === 'number') out.push(v);
        else if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) out.push(Number(v));
        break;
      case 'date':
        if (typeof v === 'string') {
          const ms =
            parseIsoDate(v.slice(0, 10)) === null ? Date.parse(v) : v.length <= 10 ? parseIsoDate(v) : Date.parse(v);
          if (ms !== null && Number.isFinite(ms)) out.push(ms);
        }
        break;
      default:
        if (typeof v === 'string') out.push(v);
        else if (typeof v === 'number' || typeof v === 'boolean') out.push(String(v));
    }
  }
  return out;
}

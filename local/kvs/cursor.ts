import { z } from 'zod';
import { kvsErrors } from './errors';
import { parseJsonText } from './json';

/**
 * Cursors are opaque to the app (Forge says not to persist them). Ours name the position of the
 * last item a page looked at, not an offset, so writes between pages neither repeat nor skip
 * items, and the query they belong to, so a cursor used with another query is refused.
 */
const cursorBody = z.object({
  v: z.literal(1),
  /** Which query: entity, index, partition and sort, or the key-value query. */
  q: z.string(),
  /** Range value of the last item looked at (entity queries). */
  r: z.union([z.string(), z.number(), z.boolean()]).optional(),
  /** Key of the last item looked at. */
  k: z.string(),
});
export type CursorPosition = z.infer<typeof cursorBody>;

export function encodeCursor(position: Omit<CursorPosition, 'v'>): string {
  return Buffer.from(JSON.stringify({ v: 1, ...position }), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, query: string): CursorPosition {
  const json = parseJsonText(Buffer.from(cursor, 'base64url').toString('utf8'));
  const parsed = cursorBody.safeParse(json.ok ? json.value : undefined);
  if (!parsed.success) throw kvsErrors.invalidCursor('it was not returned by this service');
  if (parsed.data.q !== query)
    throw kvsErrors.invalidCursor('it was returned by a different query (entity, index, partition or sort)');
  return parsed.data;
}

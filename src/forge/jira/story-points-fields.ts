/**
 * Which field holds story points on this site. Jira Cloud names it "Story point estimate" in
 * team-managed projects and "Story Points" in company-managed ones, with ids that differ per
 * site; a site can have both. Found once per invocation with GET /rest/api/3/field, unless the
 * settings name the field.
 */
import { asApp, route } from '@forge/api';
import { currentInvocationId } from './client-options';
import { okJson } from './jira-answers';
import { FieldList } from './jira-responses';
import type { Send } from './send';
import { JSON_HEADERS } from './send';

/** Names Jira uses for story points, in order of preference. */
export const STORY_POINT_FIELD_NAMES = ['story point estimate', 'story points'] as const;

export function storyPointFieldIds(fields: FieldList): string[] {
  const ids: string[] = [];
  for (const name of STORY_POINT_FIELD_NAMES) {
    for (const field of fields)
      if (field.name.trim().toLowerCase() === name && !ids.includes(field.id)) ids.push(field.id);
  }
  return ids;
}

/** Where the fields found are remembered across invocations (src/forge/store/story-points-memo.ts). */
export interface FieldMemo {
  get(): Promise<readonly string[] | null>;
  put(ids: readonly string[]): Promise<void>;
}

/**
 * Returns the story-points field ids: the override alone, or those found by name (cached per
 * invocation, and in `memo` across invocations when given; a memo that fails is only skipped).
 */
export function storyPointsFieldFinder(
  send: Send,
  override: string | null | undefined,
  memo?: FieldMemo,
): () => Promise<readonly string[]> {
  if (override) return () => Promise.resolve([override]);
  let cached: { invocationId: string; ids: Promise<readonly string[]> } | null = null;
  const lookUp = async (): Promise<readonly string[]> => {
    const remembered = memo === undefined ? null : await memo.get().catch(() => null);
    if (remembered !== null) return remembered;
    const answer = await send('GET /rest/api/3/field', () =>
      asApp().requestJira(route`/rest/api/3/field`, { method: 'GET', headers: JSON_HEADERS }),
    );
    const found = storyPointFieldIds(okJson(answer, FieldList));
    await memo?.put(found).catch(() => undefined);
    return found;
  };
  return () => {
    const invocationId = currentInvocationId();
    if (cached === null || cached.invocationId !== invocationId) {
      const ids = lookUp();
      cached = { invocationId, ids };
      // A failed look-up is not kept: the next call asks again.
      ids.catch(() => {
        if (cached?.ids === ids) cached = null;
      });
    }
    return cached.ids;
  };
}

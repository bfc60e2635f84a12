import type { ListedWork } from '../contract/api';
import type { IssueRecord } from './rollup/records';

/** What the rule reads of an issue's stored record. */
export type ListedRecord = Pick<IssueRecord, 'ancestors' | 'links' | 'childCount'>;

/**
 * How an objective's rollup counts each of some issues (docs/rollup.md, "Which work counts"), from
 * the stored issue records: an issue serves the objective when it, or one of its ancestors, is
 * linked to the objective or to one of its key results (the sets of `set-of-work.ts`); serving,
 * it is a `container` when it has children (they count instead, `countUnit` in tally.ts), else
 * `counted`. An issue with no record, or serving through no link, is `not-serving`. Pure:
 * `issueOf` answers from records read before.
 */
export function listedWork(
  objectiveId: string,
  keys: readonly string[],
  issueOf: (key: string) => ListedRecord | undefined,
): Map<string, ListedWork> {
  const linkedHere = (key: string) => issueOf(key)?.links.some((l) => l.objectiveId === objectiveId) === true;
  const out = new Map<string, ListedWork>();
  for (const key of keys) {
    const issue = issueOf(key);
    const serves = issue !== undefined && (linkedHere(key) || issue.ancestors.some(linkedHere));
    out.set(key, !serves ? 'not-serving' : issue.childCount > 0 ? 'container' : 'counted');
  }
  return out;
}

/** The keys whose records the rule reads besides the listed ones: their ancestors not listed. */
export function ancestorsToRead(keys: readonly string[], issueOf: (key: string) => ListedRecord | undefined): string[] {
  const listed = new Set(keys);
  const more = new Set<string>();
  for (const key of keys) for (const a of issueOf(key)?.ancestors ?? []) if (!listed.has(a)) more.add(a);
  return [...more];
}

import type { IssueRecord, LinkCount, SetRef } from './records';

/** The contributions made on one issue, counted per target (the same link may be written twice), in a fixed order. */
export function countedLinks(links: readonly { objectiveId: string; keyResultId: string | null }[]): LinkCount[] {
  const only = links.length === 1 ? links[0] : undefined;
  if (only !== undefined) return [{ objectiveId: only.objectiveId, keyResultId: only.keyResultId, count: 1 }];
  const out: LinkCount[] = [];
  for (const l of links) {
    const same = out.find((o) => o.objectiveId === l.objectiveId && o.keyResultId === l.keyResultId);
    if (same) same.count += 1;
    else out.push({ objectiveId: l.objectiveId, keyResultId: l.keyResultId, count: 1 });
  }
  return out.sort(byTarget);
}

function byTarget(a: LinkCount, b: LinkCount): number {
  if (a.objectiveId !== b.objectiveId) return a.objectiveId < b.objectiveId ? -1 : 1;
  if (a.keyResultId === b.keyResultId) return 0;
  if (a.keyResultId === null) return -1;
  if (b.keyResultId === null) return 1;
  return a.keyResultId < b.keyResultId ? -1 : 1;
}

/** A set's name, unique across objectives: `o:{objective}` or `k:{objective}:{key result}`. */
export const setId = (s: SetRef): string =>
  s.keyResultId === null ? `o:${s.objectiveId}` : `k:${s.objectiveId}:${s.keyResultId}`;

/** The sets an issue's own links put it in: the objective's, and the key result's when it names one. */
export function setsOf(issue: Pick<IssueRecord, 'links'>): SetRef[] {
  const out: SetRef[] = [];
  for (const l of issue.links) {
    out.push({ objectiveId: l.objectiveId, keyResultId: null });
    if (l.keyResultId !== null) out.push({ objectiveId: l.objectiveId, keyResultId: l.keyResultId });
  }
  return out;
}

/** The objectives some sets belong to, each once. */
export function objectivesOf(sets: Iterable<SetRef>): string[] {
  // an event's sets name a few objectives: a short list, searched
  const out: string[] = [];
  for (const s of sets) if (!out.includes(s.objectiveId)) out.push(s.objectiveId);
  return out;
}

/** The objectives a line of issues (an issue and its ancestors) serves through their links, sorted. */
export function servedBy(line: readonly Pick<IssueRecord, 'links'>[]): string[] {
  return [...new Set(line.flatMap((n) => n.links.map((l) => l.objectiveId)))].sort();
}

/**
 * What the link picker offers: every objective on the issue's project page (its workgroups'
 * objectives of the current period and the objectives they align to) and each of their key
 * results, with the words a search matches (key, title, workgroup, level).
 */
import type { ProjectObjectiveRow, ProjectPageView } from '@contract/api/views';

export interface Candidate {
  /** `O-12`, or `O-12/kr-3` for a key result. */
  id: string;
  objectiveKey: string;
  keyResultId: string | null;
  /** `O-12` or `KR-3`. */
  key: string;
  title: string;
  /** The objective a key result belongs to (its own title for an objective). */
  objectiveTitle: string;
  workgroup: string | null;
  level: string | null;
  /** The issue is linked to exactly this already. */
  linked: boolean;
  haystack: string;
}

/** `O-12` for the objective as a whole, `O-12/kr-3` for one of its key results. */
export function targetId(objectiveKey: string, keyResultId: string | null): string {
  return keyResultId === null ? objectiveKey : `${objectiveKey}/${keyResultId}`;
}

export function candidatesFrom(view: ProjectPageView, linkedHere: ReadonlySet<string>): Candidate[] {
  const workgroupName = new Map(view.workgroups.map((w) => [w.id, w.name]));
  const levelName = new Map(view.levels.map((l) => [l.id, l.name]));
  const objectives: Array<ProjectObjectiveRow['objective']> = [];
  const seen = new Set<string>();
  for (const entry of [...view.workgroups.flatMap((w) => w.objectives), ...view.aligned]) {
    const o = entry.objective;
    // what the server takes new links to (an archived objective takes none)
    if (seen.has(o.id) || !entry.can.link) continue;
    seen.add(o.id);
    objectives.push(o);
  }
  return objectives.flatMap((o) => {
    const workgroup = o.workgroupId === null ? null : (workgroupName.get(o.workgroupId) ?? null);
    const level = levelName.get(o.levelId) ?? null;
    const context = [o.key, o.title, workgroup ?? '', level ?? ''].join(' ');
    const objective: Candidate = {
      id: targetId(o.key, null),
      objectiveKey: o.key,
      keyResultId: null,
      key: o.key,
      title: o.title,
      objectiveTitle: o.title,
      workgroup,
      level,
      linked: linkedHere.has(targetId(o.key, null)),
      haystack: context.toLowerCase(),
    };
    const keyResults = o.keyResults.map((kr): Candidate => ({
      id: targetId(o.key, kr.id),
      objectiveKey: o.key,
      keyResultId: kr.id,
      key: kr.key,
      title: kr.title,
      objectiveTitle: o.title,
      workgroup,
      level,
      linked: linkedHere.has(targetId(o.key, kr.id)),
      haystack: `${kr.key} ${kr.title} ${context}`.toLowerCase(),
    }));
    return [objective, ...keyResults];
  });
}

/** The candidates holding every word of the query, in their order. */
export function matching(candidates: readonly Candidate[], query: string): Candidate[] {
  const words = query
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '');
  if (words.length === 0) return [...candidates];
  return candidates.filter((c) => words.every((w) => c.haystack.includes(w)));
}

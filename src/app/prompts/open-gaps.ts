import type { PromptItem } from '../../contract/api';
import { narrowGap } from '../../domain/prompts/alignment-gap';
import type { RollupStore } from '../../ports';

/**
 * Alignment gaps as they stand now. A gap lists the open epics that served no objective when the
 * weekly job raised it; an epic linked since (or whose parent was linked, which brings it along)
 * leaves the list, and a gap whose epics all serve an objective now is not shown at all — it would
 * invite a second link. Reads the stored issues of the listed epics and of their ancestors by key
 * (two batches, only when a gap is shown), so a link made a moment ago counts.
 */
export async function gapsAsTheyStand(
  rollups: Pick<RollupStore, 'getIssues'>,
  items: readonly PromptItem[],
): Promise<PromptItem[]> {
  const listed = items.flatMap((p) =>
    p.kind === 'alignment-gap' && p.subject.type === 'workgroup' ? p.subject.issueKeys : [],
  );
  if (listed.length === 0) return [...items];
  const issues = await rollups.getIssues([...new Set(listed)]);
  const above = new Set<string>();
  for (const issue of issues.values()) for (const key of issue.ancestors) if (!issues.has(key)) above.add(key);
  const ancestors = above.size === 0 ? new Map() : await rollups.getIssues([...above]);
  const linked = (key: string) => ((issues.get(key) ?? ancestors.get(key))?.links.length ?? 0) > 0;
  const serves = (key: string) => linked(key) || (issues.get(key)?.ancestors.some(linked) ?? false);

  const shown: PromptItem[] = [];
  for (const item of items) {
    const narrowed = narrowGap(item, serves, item.context.workgroup?.name ?? 'the workgroup');
    if (narrowed === null) continue;
    const s = narrowed.subject;
    shown.push(
      s.type === 'workgroup' ? { ...narrowed, context: { ...narrowed.context, issueKeys: s.issueKeys } } : narrowed,
    );
  }
  return shown;
}

/**
 * How much an issue weighs in a set of work, in words: "1 of 12 issues (8%)", "5 of 40 story
 * points (13%)". The figures come from the issue's shares (issue-panel/view) and the set's work
 * summary in the objective's rollup.
 */
import type { IssueShare } from '@contract/api/views';
import type { ObjectiveRollup, WorkSummary } from '@contract/rollup';
import { percent } from '@shared/percent';

export function sharePercent(ratio: number): string {
  if (ratio > 0 && ratio < 0.005) return 'under 1%';
  return percent(ratio);
}

function number(n: number): string {
  return String(Math.round(n * 10) / 10);
}

function issuesOf(ratio: number, total: number): string {
  const part = Math.round(ratio * total);
  return `${part} of ${total} ${total === 1 ? 'issue' : 'issues'} (${sharePercent(ratio)})`;
}

export function pointsOf(ratio: number, total: number): string {
  return `${number(ratio * total)} of ${number(total)} story ${total === 1 ? 'point' : 'points'} (${sharePercent(ratio)})`;
}

/** The set of work a share is taken of: the objective's own, or one key result's. */
export function workOf(rollup: ObjectiveRollup | null, keyResultId: string | null): WorkSummary | null {
  if (rollup === null) return null;
  if (keyResultId === null) return rollup.work;
  return rollup.keyResults.find((k) => k.keyResultId === keyResultId)?.work ?? null;
}

function byMeasure(
  count: number | null,
  points: number | null,
  work: WorkSummary | null,
  measure: IssueShare['measure'],
): string | null {
  if (work === null) {
    const ratio = measure === 'count' ? count : points;
    return ratio === null || ratio === 0 ? null : `${sharePercent(ratio)} of the work`;
  }
  const issues = count !== null && count > 0 && work.issues > 0 ? issuesOf(count, work.issues) : null;
  const storyPoints = points !== null && points > 0 && work.points > 0 ? pointsOf(points, work.points) : null;
  const parts = measure === 'story-points' ? [storyPoints, issues] : [issues, storyPoints];
  const said = parts.filter((p): p is string => p !== null);
  return said.length === 0 ? null : said.join(', ');
}

/**
 * One sentence for one share. `issueKey` names the issue; an issue that counts only through the
 * issues under it (a container without points of its own) says so.
 */
export function phraseShare(share: IssueShare, work: WorkSummary | null, issueKey: string): string {
  if (work !== null && work.issues === 0 && work.points === 0) return 'No work is counted here yet.';
  const own = byMeasure(share.byCount, share.byPoints, work, share.measure);
  const below =
    share.withDescendants === null
      ? null
      : byMeasure(share.withDescendants.byCount, share.withDescendants.byPoints, work, share.measure);
  const sentences = [
    own === null ? `${issueKey} is not counted itself; the issues under it are.` : `${issueKey} counts for ${own}.`,
  ];
  if (below !== null && below !== own) sentences.push(`With everything under it: ${below}.`);
  return sentences.join(' ');
}

/**
 * "What changed since last week": the objective now (its live rollup) against its snapshot of a
 * week ago (the latest one at least seven days old; else the oldest one there is).
 */
import type { ObjectiveView } from '@contract/api';
import type { ObjectiveRollup, RollupStatus, Snapshot } from '@contract/rollup';
import { percent } from '@shared/percent';

interface Change {
  what: string;
  before: string;
  after: string;
}

interface SinceLastWeek {
  /** The day compared with. */
  since: string;
  changes: Change[];
}

const pct = (v: number | null) => (v === null ? 'no data' : percent(v));

function dayBefore(today: string, days: number): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

export function sinceLastWeek(
  objective: ObjectiveView,
  rollup: ObjectiveRollup | null,
  snapshots: readonly Snapshot[],
  today: string,
  statusText: Record<RollupStatus, string>,
): SinceLastWeek | null {
  if (rollup === null || snapshots.length === 0) return null;
  const weekAgo = dayBefore(today, 7);
  const older = snapshots.filter((s) => s.day <= weekAgo);
  const base = older[older.length - 1] ?? snapshots[0];
  if (base === undefined || base.day >= today) return null;
  const changes: Change[] = [];
  if (pct(base.progress) !== pct(rollup.progress))
    changes.push({ what: 'Progress', before: pct(base.progress), after: pct(rollup.progress) });
  if (base.status !== rollup.status)
    changes.push({ what: 'Status', before: statusText[base.status], after: statusText[rollup.status] });
  if (base.work.done !== rollup.work.done)
    changes.push({ what: 'Issues done', before: String(base.work.done), after: String(rollup.work.done) });
  if (base.work.issues !== rollup.work.issues)
    changes.push({ what: 'Contributing issues', before: String(base.work.issues), after: String(rollup.work.issues) });
  for (const kr of objective.keyResults) {
    const then = base.keyResults.find((k) => k.keyResultId === kr.id);
    const now = rollup.keyResults.find((k) => k.keyResultId === kr.id);
    if (now === undefined) continue;
    if (then === undefined) {
      changes.push({ what: `${kr.key} ${kr.title}`, before: 'not there yet', after: pct(now.progress) });
      continue;
    }
    if (pct(then.progress) !== pct(now.progress))
      changes.push({ what: `${kr.key} ${kr.title}`, before: pct(then.progress), after: pct(now.progress) });
  }
  return { since: base.day, changes };
}

import type { FigureExplained, ObjectiveRollup, Period, RollupPolicy, StatusReason } from '../../contract';
import { figureBreakdown, type ContributorFacts } from '../../domain/figure-breakdown';
import { boundsOf } from '../../domain/pace';
import { statusReason } from '../../domain/status-reason';
import type { ObjectiveAccess } from '../objectives/objective-access';
import type { ObjectivePorts } from '../objectives/objective-ports';
import type { StoredObjective } from '../objectives/stored-objective';
import type { StoredRollup } from '../rollup/stored-records';

/** Why an objective shows its status, from its rollup record; needs no read (the project page's view serves it for every row). */
export function statusReasonOf(
  record: ObjectiveRollup,
  periodId: string,
  settings: { rollupPolicy: RollupPolicy; periods: readonly Period[] },
): StatusReason {
  return statusReason(record, settings.rollupPolicy, settings.periods.find((p) => p.id === periodId)?.start ?? null);
}

/**
 * Why each served objective shows its figure and status (docs/rollup.md), from its stored rollup
 * record with the domain's rules (figure-breakdown.ts, status-reason.ts). A contributing objective
 * is named only when the caller may see it (ObjectiveAccess.visible, the rule every view uses);
 * the others are counted on one line, never named (docs/security.md). Contributors not in `read`
 * are read by key in one wave more, only when there are any (objectives/explain).
 */
export async function figuresExplained(
  ports: Pick<ObjectivePorts, 'objectiveStore'>,
  access: Pick<ObjectiveAccess, 'visible'>,
  served: readonly StoredObjective[],
  rollups: ReadonlyMap<string, StoredRollup>,
  read: ReadonlyMap<string, StoredObjective>,
  settings: { rollupPolicy: RollupPolicy; periods: readonly Period[] },
  now: number,
): Promise<Map<string, FigureExplained>> {
  const seen = new Map(served.map((o) => [o.id, o] as const));
  const unknown = new Set<string>();
  for (const o of served)
    for (const c of rollups.get(o.id)?.contributors ?? []) if (!seen.has(c.objectiveId)) unknown.add(c.objectiveId);
  const inHand = [...unknown].flatMap((id) => {
    const o = read.get(id);
    return o === undefined ? [] : [o];
  });
  const toRead = [...unknown].filter((id) => !read.has(id));
  const more = toRead.length === 0 ? new Map<string, StoredObjective>() : await ports.objectiveStore.getMany(toRead);
  for (const o of await access.visible([...inHand, ...more.values()])) seen.set(o.id, o);

  const periods = new Map(settings.periods.map((p) => [p.id, p] as const));
  const factsFor =
    (target: string) =>
    (id: string): ContributorFacts | null => {
      const o = seen.get(id);
      if (o === undefined) return null;
      const period = periods.get(o.periodId);
      return {
        key: o.key,
        title: o.title,
        child: o.parentId === target,
        status: o.status,
        periodStart: period === undefined ? null : boundsOf(period).start,
        startsOn: period?.start ?? null,
      };
    };
  const out = new Map<string, FigureExplained>();
  for (const o of served) {
    const r = rollups.get(o.id);
    if (r === undefined) continue;
    out.set(o.id, {
      breakdown: figureBreakdown(r, settings.rollupPolicy, now, factsFor(o.id)),
      status: statusReasonOf(r.record, o.periodId, settings),
    });
  }
  return out;
}

import type { ObjectiveRollup } from '../../contract';
import { objectiveRecord } from '../../domain/objective-record';
import type { RollupSettings, RollupStore } from './rollup-store';
import { loadTally, type StoredRollup } from './stored-records';

/** The record a stored rollup shows now, from what it holds. */
export function recordFor(r: Omit<StoredRollup, 'record' | 'version'>, settings: RollupSettings, now: number): ObjectiveRollup {
  return objectiveRecord({
    objective: r.objective,
    keyResults: r.keyResults,
    ownTally: loadTally(r.own),
    keyResultTally: (id) => loadTally(r.keyResultTallies[id]),
    measurement: (id) => r.measurements[id] ?? null,
    contributors: Object.keys(r.contributors)
      .sort()
      .map((id) => r.contributors[id] as StoredRollup['contributors'][string]),
    period: settings.periods.find((p) => p.id === r.objective.periodId) ?? null,
    lastCheckIn: r.lastCheckIn,
    policy: settings.policy,
    now,
  });
}

/**
 * Recomputes the given rollups (already changed in memory by the caller), then walks up to the
 * objectives they feed, level by level, as long as a progress changes: each read of the next
 * level is one batch. An objective reached again later is recomputed again with what changed
 * since, so the end state equals a full recompute. Returns every rollup to save.
 */
export async function recomputeUpward(store: RollupStore, changed: Map<string, StoredRollup>, settings: RollupSettings, now: number): Promise<StoredRollup[]> {
  const out = new Map<string, StoredRollup>();
  let level = changed;
  while (level.size > 0) {
    const nextIds = new Map<string, { from: string; progress: number | null }[]>();
    // every rollup on this level holds changed data (tallies, or a contributor's progress): saved
    for (const r of level.values()) {
      const before = r.record;
      const record = recordFor(r, settings, now);
      r.record = record;
      out.set(r.objectiveId, r);
      if (before.progress === record.progress) continue;
      for (const t of r.targets) {
        let list = nextIds.get(t);
        if (!list) nextIds.set(t, (list = []));
        list.push({ from: r.objectiveId, progress: record.progress });
      }
    }
    if (nextIds.size === 0) break;
    const loaded = await store.getRollups([...nextIds.keys()].filter((id) => !out.has(id)));
    for (const id of nextIds.keys()) {
      const known = out.get(id);
      if (known) loaded.set(id, known);
    }
    level = new Map();
    for (const [id, updates] of nextIds) {
      const target = loaded.get(id);
      if (!target) continue;
      for (const u of updates) {
        const c = target.contributors[u.from];
        if (c) c.progress = u.progress;
      }
      level.set(id, target);
    }
  }
  return [...out.values()];
}

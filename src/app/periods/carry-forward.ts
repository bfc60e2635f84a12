/**
 * carry-forward/preview and carry-forward/apply: the unfinished objectives (draft or
 * active) of one period continue in another, open one.
 *
 * Carried objectives are **copied**, not moved: the original stays in its period with its
 * progress, check-ins, links, snapshots and rollup as they were when the period ended, so that
 * period's history and the rollups of what it fed do not change afterwards. The copy is a new
 * objective (`O-n`) in the new period with the same title, description, level, owner, workgroup,
 * weight, visibility, status and key-result definitions, and `carriedFrom` naming the original.
 * It starts without linked issues and check-ins (the lead links the work that continues); its
 * parent and alignments point to the copies of objectives carried with it, keep objectives that
 * live outside the period left, and drop those that stay behind in it (the preview lists them).
 *
 * All or nothing: everything is read and checked first (site admin, the settings version read,
 * both periods, the target open), and nothing is written on any problem. The copies are then
 * written parents first, each with its rollup (about 5 KVS round trips each), at most
 * CARRIED_PER_CALL per call so that a call stays well inside the resolver's 25 s; `remaining`
 * says how many are left for the next call. Carrying is idempotent: an objective with a copy in
 * the target period already is not carried again (its copy is found by `carriedFrom`, and the
 * copies carried later align to it), so calling again continues, or completes a call that failed
 * while writing. Each copy is written with a carry record (src/forge/store/objective-store.ts),
 * read by key here, because the `by-period` query may not yet show the copies a call made a moment
 * ago; a record guards the copy's write, so two calls at once cannot both copy an objective (the
 * second is refused with CONFLICT).
 */
import type { StoredObjective } from '../objectives/stored-objective';
import type {
  CarryForwardItem,
  CarryForwardPayload,
  CarryForwardPlan,
  CarryForwardPreviewPayload,
  CarryForwardResult,
  Settings,
} from '../../contract/api';
import { byObjectiveKey, type Period } from '../../contract';
import { notFound, validationFailure } from '../app-failure';
import type { ObjectivePorts } from '../objectives/objective-ports';
import { rollUp } from '../objectives/save-objective';
import { requireVersion } from '../version-check';

/** At most this many objectives are carried in one call (each is a write and a rollup within the resolver's 25 s). */
export const CARRIED_PER_CALL = 60;

const UNFINISHED = new Set(['draft', 'active']);

interface Planned {
  from: Period;
  to: Period;
  /** Unfinished objectives to copy, parents first. */
  originals: StoredObjective[];
  alreadyCarried: { key: string; copy: string }[];
  /** The version of each original's carry record as read (a copy made later and moved away leaves one). */
  carryRecords: Map<string, number>;
  items: CarryForwardItem[];
}

function periodsOf(settings: Settings, id: string, toPeriodId: string): { from: Period; to: Period } {
  const from = settings.periods.find((p) => p.id === id);
  if (from === undefined) throw notFound(`There is no period with id "${id}"`);
  const to = settings.periods.find((p) => p.id === toPeriodId);
  if (to === undefined)
    throw validationFailure('The objectives were not carried forward', [
      { path: 'toPeriodId', message: `there is no period "${toPeriodId}"` },
    ]);
  if (to.state === 'closed')
    throw validationFailure('The objectives were not carried forward', [
      { path: 'toPeriodId', message: `period "${to.name}" is closed` },
    ]);
  return { from, to };
}

/**
 * The objectives in an order where each comes after every objective it aligns to (parent or
 * alignment, same level included) among them, so its copy can point to theirs; otherwise as given.
 */
function targetsFirst(objectives: readonly StoredObjective[]): StoredObjective[] {
  const among = new Set(objectives.map((o) => o.key));
  const placed = new Set<string>();
  const out: StoredObjective[] = [];
  let left = [...objectives];
  while (left.length > 0) {
    const ready = left.filter((o) =>
      [o.parentId, ...o.alignments.map((a) => a.objectiveId)].every(
        (k) => k === null || !among.has(k) || placed.has(k),
      ),
    );
    // the hierarchy has no cycles, so something is always ready; if stored data ever had one, keep the given order
    const next = ready.length > 0 ? ready : left;
    for (const o of next) {
      placed.add(o.key);
      out.push(o);
    }
    left = left.filter((o) => !placed.has(o.key));
  }
  return out;
}

async function plan(ports: ObjectivePorts, settings: Settings, id: string, toPeriodId: string): Promise<Planned> {
  const { from, to } = periodsOf(settings, id, toPeriodId);
  const [listed, inTo] = await Promise.all([
    ports.objectiveStore.ofPeriods([from.id]),
    ports.objectiveStore.ofPeriods([to.id]),
  ]);
  const copies = new Map(inTo.flatMap((o) => (o.carriedFrom === null ? [] : [[o.carriedFrom, o.key] as const])));
  // the by-period query may show an objective changed a moment ago as it was, and not yet show the
  // copies the last call made: the objectives are read again by key (a copy takes what they are
  // now), and beside them the carry records of those without a copy in sight, then the copies they
  // name, kept while they are still in the period
  const [current, records] = await Promise.all([
    ports.objectiveStore.getMany(listed.map((o) => o.key)),
    ports.objectiveStore.carriedInto(
      to.id,
      listed.filter((o) => !copies.has(o.key)).map((o) => o.key),
    ),
  ]);
  const inFrom = [...current.values()].filter((o) => o.periodId === from.id).sort(byObjectiveKey);
  const unfinished = inFrom.filter((o) => UNFINISHED.has(o.status));
  const recorded = await ports.objectiveStore.getMany([...records.values()].map((r) => r.copy));
  for (const [original, { copy }] of records) {
    const stored = recorded.get(copy);
    if (stored?.periodId === to.id && stored.carriedFrom === original) copies.set(original, copy);
  }
  const carryRecords = new Map([...records].map(([original, r]) => [original, r.version]));
  const alreadyCarried = unfinished.flatMap((o) => {
    const copy = copies.get(o.key);
    return copy === undefined ? [] : [{ key: o.key, copy }];
  });
  const level = new Map(settings.levels.map((l, i) => [l.id, i]));
  const originals = targetsFirst(
    unfinished
      .filter((o) => !copies.has(o.key))
      .sort((a, b) => (level.get(a.levelId) ?? 0) - (level.get(b.levelId) ?? 0) || byObjectiveKey(a, b)),
  );

  const carried = new Set(originals.map((o) => o.key));
  const leftBehind = new Set(inFrom.map((o) => o.key));
  /** Where a reference of a copy points: the copy of a carried objective, the objective itself when it is not in the period left, or nowhere. */
  const target = (key: string) =>
    carried.has(key) || copies.has(key) ? { key, carried: true } : leftBehind.has(key) ? null : { key, carried: false };
  const rollups = await ports.rollups.getRollups(originals.map((o) => o.id));
  const items = originals.map((o): CarryForwardItem => {
    const refs = [...(o.parentId === null ? [] : [o.parentId]), ...o.alignments.map((a) => a.objectiveId)];
    const record = rollups.get(o.id)?.record ?? null;
    return {
      key: o.key,
      title: o.title,
      levelId: o.levelId,
      workgroupId: o.workgroupId,
      status: o.status,
      progress: record?.progress ?? null,
      parent: o.parentId === null ? null : target(o.parentId),
      alignments: o.alignments.flatMap((a) => target(a.objectiveId) ?? []),
      dropped: refs.filter((k) => target(k) === null),
      keyResults: o.keyResults.length,
      workIssues: record?.work.issues ?? 0,
    };
  });
  return { from, to, originals, alreadyCarried, carryRecords, items };
}

/** carry-forward/preview: what carry-forward/apply would do now; writes nothing. */
export async function previewCarryForward(
  ports: ObjectivePorts,
  payload: CarryForwardPreviewPayload,
): Promise<CarryForwardPlan> {
  await ports.permissions.requireSiteAdmin('carry objectives forward');
  const settings = await ports.settings.get();
  const { from, to, items, alreadyCarried } = await plan(ports, settings, payload.id, payload.toPeriodId);
  return { from, to, objectives: items, alreadyCarried };
}

/** carry-forward/apply: copies the unfinished objectives into the target period (see the file's comment). */
export async function carryForward(ports: ObjectivePorts, payload: CarryForwardPayload): Promise<CarryForwardResult> {
  await ports.permissions.requireSiteAdmin('carry objectives forward');
  const settings = await ports.settings.get();
  requireVersion('the settings record', settings.version, payload.version);
  const planned = await plan(ports, settings, payload.id, payload.toPeriodId);
  const copyOf = new Map(planned.alreadyCarried.map((c) => [c.key, c.copy]));
  const carried: CarryForwardResult['carried'] = [];
  const now = ports.clock.now();
  const batch = planned.originals.slice(0, CARRIED_PER_CALL);
  for (const [i, original] of batch.entries()) {
    const item = planned.items[i] as CarryForwardItem;
    const ref = (r: { key: string; carried: boolean }) => (r.carried ? (copyOf.get(r.key) ?? null) : r.key);
    const parentId = item.parent === null ? null : ref(item.parent);
    const alignments = original.alignments.flatMap((a) => {
      const at = item.alignments.find((r) => r.key === a.objectiveId);
      const to = at === undefined ? null : ref(at);
      return to === null ? [] : [{ objectiveId: to, weight: a.weight }];
    });
    const saved = await ports.objectiveStore.create(
      {
        title: original.title,
        description: original.description,
        levelId: original.levelId,
        periodId: planned.to.id,
        owner: original.owner,
        workgroupId: original.workgroupId,
        parentId,
        weight: original.weight,
        alignments,
        status: original.status,
        visibility: original.visibility,
        carriedFrom: original.key,
        // the same definitions, as new records (ids from the copy's key; a milestone keeps whether it was reached)
        keyResults: original.keyResults.map((kr) => ({ ...kr, createdAt: now, updatedAt: now, version: 1 })),
        nextKeyResultNumber: original.nextKeyResultNumber,
        createdAt: now,
        updatedAt: now,
      },
      { carryRecordVersion: planned.carryRecords.get(original.key) ?? 0 },
    );
    await rollUp(ports, settings, saved);
    copyOf.set(original.key, saved.key);
    carried.push({ from: original.key, to: saved.key });
  }
  return {
    from: planned.from,
    to: planned.to,
    carried,
    alreadyCarried: planned.alreadyCarried,
    remaining: planned.originals.length - batch.length,
  };
}

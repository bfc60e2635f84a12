/**
 * What the page offers the caller: the server's answers, never rules of its own. project-page/view
 * sends `can` for every objective it shows, for the page and for each workgroup, computed with the
 * functions the change keys allow or refuse with (docs/ui.md, "The server says what a user may
 * do"); these helpers only look them up, for the components that hold an objective. The server
 * still checks every write; its FORBIDDEN message is shown if it refuses.
 */
import type { ObjectiveCan, ObjectiveView, ProjectPageView } from '@contract/api';
import type { KeyResult } from '@contract/key-results';

/** What the caller may do with an objective as far as a row of the view says: all but per key result. */
type RowCan = Omit<ObjectiveCan, 'keyResults'> & Partial<Pick<ObjectiveCan, 'keyResults'>>;

export interface Abilities {
  /**
   * The view's `can` of each objective it shows, by key; per key result only for an objective whose
   * whole entry was read (project-page/objective, when its detail opens: withEntry).
   */
  can: ReadonlyMap<string, RowCan>;
}

const NOTHING: RowCan = {
  manage: false,
  edit: false,
  checkIn: false,
  link: false,
  readAnswers: false,
  keyResults: {},
};

/** The abilities a project-page/view reply gives (none before it has come). */
export function abilitiesOf(view: ProjectPageView | null): Abilities {
  const can = new Map<string, RowCan>();
  if (view === null) return { can };
  for (const entry of [...view.aligned, ...view.workgroups.flatMap((w) => w.objectives)])
    can.set(entry.objective.key, entry.can);
  return { can };
}

/** May create objectives somewhere on this page. */
export function canCreate(view: ProjectPageView): boolean {
  return view.can.create || view.workgroups.some((w) => w.can.create);
}

/** The abilities with an objective's whole `can` (its key results' too), from its entry. */
export function withEntry(a: Abilities, objective: Pick<ObjectiveView, 'key'>, can: ObjectiveCan): Abilities {
  const next = new Map(a.can);
  next.set(objective.key, can);
  return { can: next };
}

function canOf(a: Abilities, objective: Pick<ObjectiveView, 'key'>): RowCan {
  return a.can.get(objective.key) ?? NOTHING;
}

/** May change the structure: weights, parents, alignments, status, key results. */
export function canManage(a: Abilities, objective: Pick<ObjectiveView, 'key'>): boolean {
  return canOf(a, objective).manage;
}

/** May change title and description. */
export function canEditText(a: Abilities, objective: Pick<ObjectiveView, 'key'>): boolean {
  return canOf(a, objective).edit;
}

/** May check in on the objective (`keyResult` null) or on one of its key results. */
export function canCheckIn(
  a: Abilities,
  objective: Pick<ObjectiveView, 'key'>,
  keyResult: Pick<KeyResult, 'id'> | null,
): boolean {
  const can = canOf(a, objective);
  return keyResult === null ? can.checkIn : (can.keyResults?.[keyResult.id]?.checkIn ?? false);
}

/** May change a key result's targets (baseline, target, band, done). */
export function canEditTargets(
  a: Abilities,
  objective: Pick<ObjectiveView, 'key'>,
  keyResult: Pick<KeyResult, 'id'>,
): boolean {
  return canOf(a, objective).keyResults?.[keyResult.id]?.editTargets ?? false;
}

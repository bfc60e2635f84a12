/**
 * What the page offers the caller, from the view (`youLead`) and me/get (`isSiteAdmin`). These
 * only decide which buttons to show: the server checks every write again and its FORBIDDEN
 * message is shown when it refuses.
 */
import type { ObjectiveView } from '@contract/api';
import type { KeyResult } from '@contract/key-results';

export interface Abilities {
  accountId: string;
  isSiteAdmin: boolean;
  /** Workgroups the caller leads. */
  leads: ReadonlySet<string>;
  /** The top level's id: objectives there are the administrators' to manage. */
  topLevelId: string | null;
}

/** May add objectives to some workgroup (or anywhere, for administrators). */
export function canCreate(a: Abilities): boolean {
  return a.isSiteAdmin || a.leads.size > 0;
}

/** May change the structure: weights, parents, alignments, status, key results. */
export function canManage(a: Abilities, objective: ObjectiveView): boolean {
  if (a.isSiteAdmin) return true;
  return objective.workgroupId !== null && objective.levelId !== a.topLevelId && a.leads.has(objective.workgroupId);
}

/** May change title and description, and targets. */
export function canEditText(a: Abilities, objective: ObjectiveView): boolean {
  return canManage(a, objective) || objective.owner === a.accountId;
}

export function canCheckIn(a: Abilities, objective: ObjectiveView, keyResult: KeyResult | null): boolean {
  return canEditText(a, objective) || (keyResult !== null && keyResult.owner === a.accountId);
}

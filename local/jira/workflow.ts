/**
 * The local workflow: Jira Cloud's simplified workflow, where any status can move to any
 * status. One global transition per status, named after it; ids 11, 21, 31 … in status order.
 */
import type { Status } from './model';
import type { JiraStore } from './store';

export interface Transition {
  id: string;
  name: string;
  to: Status;
}

export function transitions(store: JiraStore): Transition[] {
  return store.statuses().map((status, i) => ({ id: String(11 + 10 * i), name: status.name, to: status }));
}

export function transitionById(store: JiraStore, id: string): Transition | undefined {
  return transitions(store).find((t) => t.id === id);
}

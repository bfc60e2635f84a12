import type { Actor } from '../permissions';
import type { JiraStore } from '../store';
import type { PropertyIndex } from './property-index';

/** What evaluating a query needs: the data, who asks (for currentUser() and visibility), the time. */
export interface JqlContext {
  store: JiraStore;
  actor: Actor;
  now: number;
  indexes: readonly PropertyIndex[];
}

export type Scalar = string | number;

/** The EMPTY keyword (and `Unresolved` for resolution) inside a value list. */
export const EMPTY: unique symbol = Symbol('EMPTY');
export type Resolved = Scalar | typeof EMPTY;

export type Literal =
  { kind: 'value'; text: string } | { kind: 'function'; name: string; args: string[] } | { kind: 'empty' };

/**
 * Which row of the objectives tree is being moved and which one a drag is over, kept outside
 * React state so that a change re-renders only the rows it concerns (each row subscribes to its
 * own two flags), not the whole tree: a period can hold hundreds of objectives.
 */
import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';

export class TreeFlags {
  private over: string | null = null;
  private moving: string | null = null;
  private readonly listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  set(next: { over: string | null; moving: string | null }): void {
    if (next.over === this.over && next.moving === this.moving) return;
    this.over = next.over;
    this.moving = next.moving;
    this.listeners.forEach((listener) => listener());
  }

  isOver(key: string): boolean {
    return this.over === key;
  }

  isMoving(key: string): boolean {
    return this.moving === key;
  }
}

export function useRowFlags(flags: TreeFlags, key: string): { isOver: boolean; isMoving: boolean } {
  const isOver = useSyncExternalStore(flags.subscribe, () => flags.isOver(key));
  const isMoving = useSyncExternalStore(flags.subscribe, () => flags.isMoving(key));
  return { isOver, isMoving };
}

/** The "Move to…" form of the row being moved; only that row reads it. */
export const MoveFormContext = createContext<ReactNode>(null);

export function MoveSlot() {
  return useContext(MoveFormContext);
}

/**
 * Drag and drop for the objectives tree (@atlaskit/pragmatic-drag-and-drop), loaded only when the
 * tree is shown. A row is dragged by its handle and dropped on another row (the new parent) or on
 * the top-level zone. Keyboard users use the row's "Move to…" action instead.
 */
import { combine } from '@atlaskit/pragmatic-drag-and-drop/combine';
import {
  draggable,
  dropTargetForElements,
  monitorForElements,
} from '@atlaskit/pragmatic-drag-and-drop/element/adapter';

interface DropHandlers {
  /** A target is under the dragged row (or left it: null). */
  onOver(targetKey: string | null): void;
  onDrop(sourceKey: string, targetKey: string | null): void;
}

/** The drop target key of the top-level zone. */
export const TOP_LEVEL = '__top__';

const keyOf = (data: Record<string | symbol, unknown>): string | null =>
  typeof data['objectiveKey'] === 'string' ? data['objectiveKey'] : null;

export function bindRow(row: HTMLElement, handle: HTMLElement, key: string): () => void {
  return combine(
    draggable({ element: row, dragHandle: handle, getInitialData: () => ({ objectiveKey: key }) }),
    dropTargetForElements({
      element: row,
      getData: () => ({ objectiveKey: key }),
      canDrop: ({ source }) => keyOf(source.data) !== key,
    }),
  );
}

export function bindTopLevel(zone: HTMLElement): () => void {
  return dropTargetForElements({ element: zone, getData: () => ({ objectiveKey: TOP_LEVEL }) });
}

export function watchDrops(handlers: DropHandlers): () => void {
  return monitorForElements({
    onDropTargetChange: ({ location }) => handlers.onOver(keyOf(location.current.dropTargets[0]?.data ?? {})),
    onDrop: ({ source, location }) => {
      handlers.onOver(null);
      const sourceKey = keyOf(source.data);
      const targetKey = keyOf(location.current.dropTargets[0]?.data ?? {});
      if (sourceKey === null || targetKey === null || sourceKey === targetKey) return;
      handlers.onDrop(sourceKey, targetKey === TOP_LEVEL ? null : targetKey);
    },
  });
}

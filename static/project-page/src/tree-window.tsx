/**
 * Which blocks of a long tree's rows are on screen, for the windowed tree (objective-tree-view).
 *
 * The rows are cut into blocks of BLOCK_ROWS; an invisible, aria-hidden layer over the list holds
 * one sentinel a block, and an IntersectionObserver says which sentinels are in view. Its implicit
 * root is the top-level viewport, so this works in a Custom UI frame that Jira sizes to its
 * content (the frame never scrolls, the page around it does) as well as in a frame that scrolls.
 * Until the observer answers (and where there is none, as in jsdom) the first block counts as in view.
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';

/** Rows a block holds: 40 rows of 30 px are about a screen and a half. */
export const BLOCK_ROWS = 40;

/**
 * The blocks to draw, in order: those in view and one either side of each (so a scroll shows
 * rows at once), and the block of the focused row (the tree's tab stop is always in the DOM).
 */
export function blocksToDraw(visible: ReadonlySet<number>, blockCount: number, focusIndex: number): number[] {
  const blocks = new Set<number>();
  for (const b of visible) for (const n of [b - 1, b, b + 1]) if (n >= 0 && n < blockCount) blocks.add(n);
  const focusBlock = Math.floor(focusIndex / BLOCK_ROWS);
  if (focusBlock < blockCount) blocks.add(focusBlock);
  return [...blocks].sort((a, b) => a - b);
}

const FIRST = new Set([0]);

/** The blocks in view, and the sentinel layer to put inside the list's positioned box. */
export function useVisibleBlocks(
  blockCount: number,
  blockHeight: number,
): { visible: ReadonlySet<number>; sentinels: ReactNode } {
  const [visible, setVisible] = useState<ReadonlySet<number>>(FIRST);
  const layer = useRef<HTMLDivElement>(null);
  const inView = useRef(new Set<number>());

  useEffect(() => {
    const root = layer.current;
    if (root === null || typeof IntersectionObserver !== 'function') return;
    inView.current = new Set();
    const observer = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        const block = Number((entry.target as HTMLElement).dataset['block']);
        if (entry.isIntersecting) inView.current.add(block);
        else inView.current.delete(block);
      }
      const next = new Set(inView.current);
      setVisible(next.size === 0 ? FIRST : next);
    });
    root.querySelectorAll('[data-block]').forEach((el) => observer.observe(el));
    return () => observer.disconnect();
  }, [blockCount, blockHeight]);

  const sentinels = useMemo(
    () => (
      <div
        ref={layer}
        aria-hidden="true"
        style={{ position: 'absolute', inset: 0, overflow: 'hidden', pointerEvents: 'none' }}
      >
        {Array.from({ length: blockCount }, (_, b) => (
          <div
            key={b}
            data-block={b}
            style={{ position: 'absolute', left: 0, width: 1, top: b * blockHeight, height: blockHeight }}
          />
        ))}
      </div>
    ),
    [blockCount, blockHeight],
  );
  return { visible, sentinels };
}

/**
 * The project page's layout, as CSS the page puts in one <style>: the trees and, when an
 * objective is open, its detail. The frame's width decides (Jira's project pages are often
 * narrower than the window, with its sidebar open): from WIDE_LAYOUT_PX up the detail sits beside
 * the trees; below it, the detail takes the trees' place until it is closed, so nothing overlaps
 * and no row is squeezed. Every column may shrink below its content's width (min-width: 0), so a
 * long word cannot push a column over its neighbour.
 */
import { token } from '@atlaskit/tokens';
import { TREE_STYLE } from './objective-tree-view';

/** The narrowest frame (px) that holds the trees and the detail side by side. */
export const WIDE_LAYOUT_PX = 1080;

export const PAGE_STYLE = `
${TREE_STYLE}
.tether-layout { display: grid; grid-template-columns: minmax(0, 1fr); gap: ${token('space.300')}; align-items: start; }
.tether-layout > * { min-width: 0; }
@media (min-width: ${WIDE_LAYOUT_PX}px) {
  .tether-layout[data-detail="open"] { grid-template-columns: minmax(0, 1fr) minmax(400px, 0.8fr); }
}
@media (max-width: ${WIDE_LAYOUT_PX - 0.02}px) {
  .tether-layout[data-detail="open"] > .tether-trees { display: none; }
}
`;

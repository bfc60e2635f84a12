/** @jest-environment jsdom */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ProjectPage } from '../../../static/project-page/src/project-page';
import { BLOCK_ROWS } from '../../../static/project-page/src/tree-window';
import { ok, renderSurface } from '../support/render-surface';
import { aPage, anEntry } from './page-builders';
import { pageHost } from './page-host';

/**
 * An IntersectionObserver double: the test says which block sentinels are in view, as the browser
 * would while the user scrolls, and every observer is told.
 */
class SeenBlocks {
  static observers: SeenBlocks[] = [];
  private readonly targets: Element[] = [];
  constructor(private readonly callback: (entries: { target: Element; isIntersecting: boolean }[]) => void) {
    SeenBlocks.observers.push(this);
  }
  observe(target: Element) {
    this.targets.push(target);
  }
  disconnect() {
    SeenBlocks.observers = SeenBlocks.observers.filter((o) => o !== this);
  }
  static show(blocks: readonly number[]) {
    for (const o of SeenBlocks.observers)
      o.callback(
        o.targets.map((target) => ({
          target,
          isIntersecting: blocks.includes(Number((target as HTMLElement).dataset['block'])),
        })),
      );
  }
}

const COUNT = 2_000;

function renderBigTree() {
  const many = Array.from({ length: COUNT }, (_, i) =>
    anEntry(`O-${i + 10}`, { title: `Objective number ${i + 10}`, workgroupId: 'wg-checkout', parentId: 'O-1' }),
  );
  const page = aPage({ workgroups: [{ ...aPage().workgroups[0]!, objectives: many }] });
  renderSurface(<ProjectPage />, pageHost({ 'project-page/view': () => ok(page) }));
}

const keysIn = (tree: HTMLElement) =>
  within(tree)
    .getAllByRole('treeitem')
    .map((row) => row.getAttribute('data-objective-key'));

beforeEach(() => {
  SeenBlocks.observers = [];
  Reflect.set(window, 'IntersectionObserver', SeenBlocks);
});
afterEach(() => Reflect.deleteProperty(window, 'IntersectionObserver'));

describe('project page: a workgroup of 2,000 objectives', () => {
  it('draws only the rows in view and beside it, each saying its place in the whole tree', async () => {
    renderBigTree();
    const tree = await screen.findByRole('tree', { name: 'Objectives of Checkout squad' });
    // before the browser says what is in view: the first block and its neighbour
    expect(within(tree).getAllByRole('treeitem')).toHaveLength(2 * BLOCK_ROWS);
    // the user scrolls to the middle: blocks 24 and 25 in view (rows 960 to 1,039; row 0 is O-1)
    act(() => SeenBlocks.show([24, 25]));
    const keys = keysIn(tree);
    // the focused row's block (the first: the tree's tab stop) stays, with blocks 23 to 26 around what is seen
    expect(keys[0]).toBe('O-1');
    expect(keys).toHaveLength(5 * BLOCK_ROWS);
    expect(keys).toContain(`O-${960 + 9}`);
    expect(keys).not.toContain(`O-${2 * BLOCK_ROWS + 9}`);
    const row = within(tree).getAllByRole('treeitem')[BLOCK_ROWS]!;
    expect(row.getAttribute('aria-setsize')).toBe(String(COUNT));
    expect(row.getAttribute('aria-level')).toBe('2');
    // every row sits where its index puts it, so the list is as tall as all 2,001 rows
    expect(Number.parseInt(row.style.top, 10) % 30).toBe(0);
    expect(tree.style.height).toBe(`${(COUNT + 1) * 30}px`);
  }, 30_000);

  it('keeps the keyboard model: End reaches the last objective, Home the first, arrows step through blocks', async () => {
    renderBigTree();
    const tree = await screen.findByRole('tree', { name: 'Objectives of Checkout squad' });
    within(tree).getAllByRole('treeitem')[0]!.focus();
    fireEvent.keyDown(tree, { key: 'End' });
    await waitFor(() => expect(document.activeElement?.getAttribute('data-objective-key')).toBe(`O-${COUNT + 9}`));
    expect(document.activeElement?.getAttribute('aria-posinset')).toBe(String(COUNT));
    expect(document.activeElement?.getAttribute('tabindex')).toBe('0');
    fireEvent.keyDown(tree, { key: 'ArrowUp' });
    await waitFor(() => expect(document.activeElement?.getAttribute('data-objective-key')).toBe(`O-${COUNT + 8}`));
    fireEvent.keyDown(tree, { key: 'Home' });
    await waitFor(() => expect(document.activeElement?.getAttribute('data-objective-key')).toBe('O-1'));
    // the last block is no longer in the DOM once the focus left it and nothing shows it
    expect(keysIn(tree)).not.toContain(`O-${COUNT + 9}`);
  }, 30_000);
});

describe('project page: a row shows its progress against the pace', () => {
  it('colours the bar by status, marks the even pace on it and says the pace in the row', async () => {
    const page = aPage();
    renderSurface(<ProjectPage />, pageHost({ 'project-page/view': () => ok(page) }));
    const tree = await screen.findByRole('tree', { name: 'Objectives of Checkout squad' });
    const o2 = within(tree).getByRole('treeitem', { name: /^O-2 / });
    expect(o2.textContent).toContain('25% against an even pace of 50%');
    const marker = o2.querySelector<HTMLElement>('[data-pace-marker]');
    expect(marker?.style.left).toBe('calc(50% - 1px)');
    // at risk: the warning colour, as the lozenge; on track (O-3): the success colour
    const fillOf = (row: HTMLElement) => row.querySelector<HTMLElement>('[data-pace] > span > span')?.style.background;
    expect(fillOf(o2)).toContain('--ds-background-warning-bold');
    expect(fillOf(within(tree).getByRole('treeitem', { name: /^O-3 / }))).toContain('--ds-background-success-bold');
  });
});

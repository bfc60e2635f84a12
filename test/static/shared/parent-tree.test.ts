import { ancestors, buildTree, type TreeShape } from '@shared/parent-tree';

interface Item {
  id: string;
  parentId: string | null;
  rank?: number;
}
interface Node {
  id: string;
  children: Node[];
}

const shape: TreeShape<Item> = {
  id: (i) => i.id,
  parentId: (i) => i.parentId,
  compare: (a, b) => (a.rank ?? 0) - (b.rank ?? 0) || a.id.localeCompare(b.id),
};
const tree = (items: Item[]) => buildTree<Item, Node>(items, shape, (i, children) => ({ id: i.id, children }));
/** A forest as text: `a(b c(d))`. */
const text = (nodes: readonly Node[]): string =>
  nodes.map((n) => (n.children.length === 0 ? n.id : `${n.id}(${text(n.children)})`)).join(' ');
const item = (id: string, parentId: string | null = null, rank?: number): Item =>
  rank === undefined ? { id, parentId } : { id, parentId, rank };

describe('the parent tree of the surfaces (static/shared/src/parent-tree.ts)', () => {
  it('puts each item under its parent, siblings and roots in the given order', () => {
    expect(text(tree([item('c', 'a'), item('a'), item('b', 'a', -1), item('d', 'c'), item('e')]))).toBe('a(b c(d)) e');
  });

  it('makes an item whose parent is not among the items a root', () => {
    expect(text(tree([item('b', 'gone'), item('a')]))).toBe('a b');
  });

  it('shows every item on a loop of parents as a root, and keeps what hangs below the loop', () => {
    expect(text(tree([item('a', 'b'), item('b', 'a'), item('x', 'a')]))).toBe('a(x) b');
    expect(text(tree([item('a', 'a')]))).toBe('a');
    expect(text(tree([item('a', 'c'), item('b', 'a'), item('c', 'b'), item('r')]))).toBe('a b c r');
  });

  it('keeps the last of two items with the same id', () => {
    const made = buildTree(
      [
        { id: 'a', parentId: null, rank: 1 },
        { id: 'a', parentId: null, rank: 2 },
      ],
      shape,
      (i) => i.rank,
    );
    expect(made).toEqual([2]);
  });

  it('walks up the parents while they are found, nearest first, and stops at a loop', () => {
    const items = new Map([item('a', 'b'), item('b', 'c'), item('c', 'a'), item('d', 'gone')].map((i) => [i.id, i]));
    const up = (from: string | null) =>
      ancestors(
        from,
        (id) => items.get(id),
        (i) => i.parentId,
      ).map((i) => i.id);
    expect(up('a')).toEqual(['a', 'b', 'c']);
    expect(up('d')).toEqual(['d']);
    expect(up(null)).toEqual([]);
    expect(up('nothing')).toEqual([]);
  });
});

import fc from 'fast-check';
import { SortedList } from '../../../local/kvs/sorted-list';

// The chunked list behind every index, against the obvious model: a sorted array of unique numbers.
const compare = (a: number, b: number) => a - b;

describe('SortedList (the structure behind the local indexes)', () => {
  it('agrees with a sorted array under any mix of inserts and removals, across many chunks', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 3000 })), { maxLength: 4000 }), (ops) => {
        const list = new SortedList(compare);
        const model = new Set<number>();
        for (const [insert, n] of ops) {
          if (insert) {
            list.upsert(n);
            model.add(n);
          } else {
            list.remove(n);
            model.delete(n);
          }
        }
        const sorted = [...model].sort(compare);
        expect(list.length).toBe(sorted.length);
        expect([...list.walk(0, list.length, false)]).toEqual(sorted);
        expect([...list.walk(0, list.length, true)]).toEqual([...sorted].reverse());
        const probe = 1500;
        const at = list.firstIndexWhereNot((x) => x < probe);
        expect(at).toBe(sorted.filter((x) => x < probe).length);
        expect([...list.walk(at, Math.min(at + 5, list.length), false)]).toEqual(sorted.slice(at, at + 5));
      }),
      { numRuns: 60 },
    );
  });

  it('builds the same list in one go as by inserting', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 3000 }), (items) => {
        const built = SortedList.of(compare, [...items]);
        const inserted = new SortedList(compare);
        for (const n of items) inserted.upsert(n);
        expect([...built.walk(0, built.length, false)]).toEqual([...inserted.walk(0, inserted.length, false)]);
        built.upsert(-1);
        built.remove(items[0] ?? -1);
        expect(built.length).toBe(new Set([...items, -1]).size - 1);
      }),
      { numRuns: 40 },
    );
  });
});

import fc from 'fast-check';
import { sortShortBy } from '../../src/domain/sort-short';

const keyOf = (x: { key: string; at: number }): string => x.key;

describe('sortShortBy', () => {
  it('sorts by the key and keeps the order of equal keys, as a stable sort does', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'KR-10', 'KR-2', 'kr-1', ''), { maxLength: 12 }), (keys) => {
        const list = keys.map((key, at) => ({ key, at }));
        const expected = [...list].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : x.at - y.at));
        sortShortBy(list, keyOf);
        expect(list).toEqual(expected);
      }),
    );
  });

  it('orders keys as strings, not as numbers ("KR-10" before "KR-2")', () => {
    const list = [
      { key: 'KR-2', at: 0 },
      { key: 'KR-10', at: 1 },
    ];
    sortShortBy(list, keyOf);
    expect(list.map((x) => x.key)).toEqual(['KR-10', 'KR-2']);
  });
});

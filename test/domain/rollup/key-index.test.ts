import fc from 'fast-check';
import { hashOf, indexOf, intern, keysOf, newKeyIndex } from '../../../src/domain/rollup/key-index';

/** Keys of every shape the hash treats apart: Jira keys, near misses, and anything else. */
const aKey = fc.oneof(
  fc.tuple(fc.constantFrom('P', 'WEB', 'A_1', 'X-Y'), fc.integer({ min: 0, max: 2_000 })).map(([p, n]) => `${p}-${n}`),
  fc.constantFrom('P-', '-1', 'P-01', 'P-1a', 'P-1234567890', 'P-999999999', 'p-1', ''),
  fc.string({ maxLength: 8 }),
);

describe('the key index', () => {
  it('interns keys of any shape to 0, 1, 2, … and finds each again; others are not found', () => {
    fc.assert(
      fc.property(fc.array(aKey, { maxLength: 300 }), fc.array(aKey, { maxLength: 50 }), (keys, probes) => {
        const ix = newKeyIndex(keys.length);
        const expected = new Map<string, number>();
        for (const k of keys) {
          const i = intern(ix, k);
          if (!expected.has(k)) expected.set(k, expected.size);
          expect(i).toBe(expected.get(k));
        }
        expect(keysOf(ix)).toEqual([...expected.keys()]);
        for (const k of [...keys, ...probes]) expect(indexOf(ix, k)).toBe(expected.get(k) ?? -1);
      }),
    );
  });

  it("puts a project's keys numbered 8m to 8m + 7 in neighbouring slots, the number's last 3 bits lowest", () => {
    const base = hashOf('WEB-1200');
    for (let n = 1200; n < 1208; n++) expect(hashOf(`WEB-${n}`)).toBe(base + (n - 1200));
    expect(hashOf('WEB-1208') >> 3).not.toBe(base >> 3);
    expect(hashOf('OPS-1200')).not.toBe(base);
  });
});

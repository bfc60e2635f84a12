import {
  byKeyResultKey,
  byObjectiveKey,
  compareObjectiveKeys,
  keyResultNumber,
  objectiveKeyOf,
  objectiveNumber,
} from '../../src/contract';

describe('objective and key-result key order (src/contract/key-order.ts)', () => {
  it('reads the number of a key and makes the key of a number', () => {
    expect(objectiveNumber('O-12')).toBe(12);
    expect(objectiveKeyOf(12)).toBe('O-12');
    expect(objectiveNumber(objectiveKeyOf(987654321))).toBe(987654321);
    expect(keyResultNumber('KR-3')).toBe(3);
  });

  it('orders keys by their number, not as text: O-2 before O-10', () => {
    expect(['O-10', 'O-2', 'O-1', 'O-33'].sort(compareObjectiveKeys)).toEqual(['O-1', 'O-2', 'O-10', 'O-33']);
    expect([{ key: 'O-10' }, { key: 'O-9' }].sort(byObjectiveKey).map((o) => o.key)).toEqual(['O-9', 'O-10']);
    expect([{ key: 'KR-10' }, { key: 'KR-2' }].sort(byKeyResultKey).map((k) => k.key)).toEqual(['KR-2', 'KR-10']);
    expect(compareObjectiveKeys('O-7', 'O-7')).toBe(0);
  });
});

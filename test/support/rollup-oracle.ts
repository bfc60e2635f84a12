import { fullRecompute, type RollupInput } from '../../src/domain/rollup/full-recompute';
import type { MemoryRollupStore } from './memory-rollup-store';
import { referenceRollup } from './reference-rollup';

/**
 * The oracle of the incremental property tests: what a store holds after any sequence of changes
 * equals what the full recompute makes from the same issues and links — every issue record and
 * every rollup record, not only the records shown — and the records shown equal the reference.
 */
export function expectSameAsFullRecompute(store: MemoryRollupStore, input: RollupInput): void {
  const full = fullRecompute(input);
  const reference = referenceRollup(input);
  for (const r of full.rollups) {
    expect(r.record).toEqual(reference.get(r.objectiveId));
    const { version: _version, ...held } = store.rollups.get(r.objectiveId) ?? { version: 0 };
    expect(held).toEqual(r);
  }
  expect([...store.issues.keys()].sort()).toEqual(Array.from(full.issues, (i) => i.key).sort());
  for (const i of full.issues) {
    const { version: _version, ...held } = store.issues.get(i.key) ?? { version: 0 };
    expect(held).toEqual(i);
  }
}

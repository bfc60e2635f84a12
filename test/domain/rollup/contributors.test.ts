import fc from 'fast-check';
import { contributorIn, dropContributor, inIdOrder, putContributor } from '../../../src/domain/rollup/contributors';
import type { ContributorRecord } from '../../../src/domain/rollup/records';

const contributor = (objectiveId: string, progress: number | null = null): ContributorRecord => ({
  objectiveId,
  weight: null,
  progress,
  counts: true,
});
const ids = (r: { contributors: ContributorRecord[] }) => r.contributors.map((c) => c.objectiveId);

describe('a rollup’s contributors', () => {
  it('are put in objective id order, whatever order they come in', () => {
    const r = { contributors: [] as ContributorRecord[] };
    for (const id of ['O-7', 'O-10', 'O-2', 'O-70']) putContributor(r, contributor(id));
    expect(ids(r)).toEqual(['O-10', 'O-2', 'O-7', 'O-70']);
  });

  it('keep one of an id: putting it again replaces it where it is', () => {
    const r = { contributors: [contributor('O-2', 0.1), contributor('O-3', 0.2)] };
    putContributor(r, contributor('O-2', 0.9));
    expect(r.contributors).toEqual([contributor('O-2', 0.9), contributor('O-3', 0.2)]);
  });

  it('are found by id, and a dropped one is gone (dropping an unknown id changes nothing)', () => {
    const r = { contributors: [contributor('O-2', 0.1), contributor('O-3', 0.2)] };
    expect(contributorIn(r, 'O-3')?.progress).toBe(0.2);
    dropContributor(r, 'O-3');
    dropContributor(r, 'O-4');
    expect(contributorIn(r, 'O-3')).toBeUndefined();
    expect(ids(r)).toEqual(['O-2']);
  });

  it('stay what a dictionary by id, listed in id order, would hold after any puts and drops', () => {
    const step = fc.record({
      id: fc.constantFrom('O-1', 'O-2', 'O-10', 'O-11', 'O-3', 'x'),
      drop: fc.boolean(),
      progress: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        const r = { contributors: [] as ContributorRecord[] };
        const model = new Map<string, ContributorRecord>();
        for (const s of steps) {
          if (s.drop) {
            dropContributor(r, s.id);
            model.delete(s.id);
          } else {
            putContributor(r, contributor(s.id, s.progress));
            model.set(s.id, contributor(s.id, s.progress));
          }
        }
        const expected = [...model.keys()].sort().map((id) => model.get(id));
        expect(r.contributors).toEqual(expected);
        expect(inIdOrder([...r.contributors].reverse())).toEqual(expected);
      }),
    );
  });
});

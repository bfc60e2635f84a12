import fc from 'fast-check';
import { DEFAULT_LEVELS } from '../../src/contract';
import { bottomUpOrder, targetsOf, validateHierarchy } from '../../src/domain/hierarchy';
import { anObjective } from '../support/builders';

const levels = DEFAULT_LEVELS;

describe('hierarchy validation', () => {
  it('accepts a parent at a higher level and alignments at the same or a higher level', () => {
    const org = anObjective({ id: 'org', levelId: 'organisation' });
    const prog = anObjective({ id: 'prog', levelId: 'programme', parentId: 'org' });
    const team = anObjective({ id: 'team', levelId: 'workgroup', parentId: 'prog' });
    const peer = anObjective({
      id: 'peer',
      levelId: 'workgroup',
      parentId: 'prog',
      alignments: [{ objectiveId: 'team', weight: 0.5 }],
    });
    expect(validateHierarchy(levels, [org, prog, team, peer])).toEqual([]);
  });

  it('refuses a parent at the same or a lower level, naming both objectives', () => {
    const a = anObjective({ id: 'a', key: 'O-1', levelId: 'workgroup' });
    const b = anObjective({ id: 'b', key: 'O-2', levelId: 'workgroup', parentId: 'a' });
    const errors = validateHierarchy(levels, [a, b]);
    expect(errors).toEqual([expect.objectContaining({ code: 'PARENT_NOT_HIGHER', objectiveIds: ['b', 'a'] })]);
    expect(errors[0]!.message).toContain('O-2');
    expect(errors[0]!.message).toContain('O-1');
  });

  it('refuses unknown levels and parents, self-alignment, duplicates and alignment downward', () => {
    const top = anObjective({ id: 'top', levelId: 'organisation' });
    const low = anObjective({ id: 'low', levelId: 'workgroup' });
    const bad = anObjective({
      id: 'bad',
      levelId: 'strategic',
      parentId: 'ghost',
      alignments: [
        { objectiveId: 'bad', weight: 1 },
        { objectiveId: 'low', weight: 1 },
        { objectiveId: 'top', weight: 1 },
        { objectiveId: 'top', weight: 2 },
      ],
    });
    const lost = anObjective({ id: 'lost', levelId: 'nowhere' });
    const codes = validateHierarchy(levels, [top, low, bad, lost])
      .map((e) => e.code)
      .sort();
    expect(codes).toEqual([
      'ALIGNMENT_TO_LOWER_LEVEL',
      'DUPLICATE_ALIGNMENT',
      'SELF_ALIGNMENT',
      'UNKNOWN_LEVEL',
      'UNKNOWN_PARENT',
    ]);
  });

  it('names every objective of a cycle made of alignments, in the order of the cycle', () => {
    const a = anObjective({ id: 'a', key: 'O-1', levelId: 'workgroup', alignments: [{ objectiveId: 'b', weight: 1 }] });
    const b = anObjective({ id: 'b', key: 'O-2', levelId: 'workgroup', alignments: [{ objectiveId: 'c', weight: 1 }] });
    const c = anObjective({ id: 'c', key: 'O-3', levelId: 'workgroup', alignments: [{ objectiveId: 'a', weight: 1 }] });
    const errors = validateHierarchy(levels, [c, b, a]);
    expect(errors).toEqual([expect.objectContaining({ code: 'CYCLE', objectiveIds: ['a', 'b', 'c'] })]);
    expect(errors[0]!.message).toContain('O-1 → O-2 → O-3 → O-1');
  });

  it('never accepts a hierarchy with a cycle, and orders every accepted one bottom-up', () => {
    const levelIds = levels.map((l) => l.id);
    const graph = fc.array(
      fc.record({
        level: fc.integer({ min: 0, max: 3 }),
        parent: fc.option(fc.integer({ min: 0, max: 11 }), { nil: null }),
        aligned: fc.array(fc.integer({ min: 0, max: 11 }), { maxLength: 3 }),
      }),
      { minLength: 1, maxLength: 12 },
    );
    fc.assert(
      fc.property(graph, (nodes) => {
        const objectives = nodes.map((n, i) =>
          anObjective({
            id: `n${i}`,
            levelId: levelIds[n.level],
            parentId: n.parent !== null && n.parent < nodes.length ? `n${n.parent}` : null,
            alignments: [...new Set(n.aligned)]
              .filter((j) => j < nodes.length)
              .map((j) => ({ objectiveId: `n${j}`, weight: 1 })),
          }),
        );
        const errors = validateHierarchy(levels, objectives);
        // an independent cycle check: depth-first search with colours
        const state = new Map<string, 'open' | 'closed'>();
        const byId = new Map(objectives.map((o) => [o.id, o]));
        const cyclic = (id: string): boolean => {
          if (state.get(id) === 'closed') return false;
          if (state.get(id) === 'open') return true;
          state.set(id, 'open');
          const found = targetsOf(byId.get(id)!).some((t) => t !== id && byId.has(t) && cyclic(t));
          state.set(id, 'closed');
          return found;
        };
        const hasCycle = objectives.some((o) => cyclic(o.id));
        expect(errors.some((e) => e.code === 'CYCLE')).toBe(hasCycle);
        if (errors.length === 0) {
          const order = bottomUpOrder(objectives);
          const position = new Map(order.map((id, i) => [id, i]));
          for (const o of objectives)
            for (const t of targetsOf(o)) expect(position.get(o.id)!).toBeLessThan(position.get(t)!);
        }
      }),
      { numRuns: 500 },
    );
  });
});

import {
  IssueKey,
  KeyResult,
  Levels,
  Period,
  RollupPolicy,
  Workgroup,
  DEFAULT_LEVELS,
  DEFAULT_POLICY,
} from '../../src/contract';
import { aKeyResult } from '../support/builders';

const base = { id: 'kr-1', key: 'KR-1', objectiveId: 'o-1', title: 'T', owner: 'a', createdAt: 0, updatedAt: 0 };
const pathsOf = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  (r.error?.issues ?? []).map((i) => i.path.join('.'));

describe('contract schemas', () => {
  it('default to the four levels of performance management and sensible policy values', () => {
    expect(DEFAULT_LEVELS.map((l) => l.name)).toEqual(['Organisation priority', 'Strategic', 'Programme', 'Workgroup']);
    expect(DEFAULT_POLICY).toMatchObject({
      atRiskLag: 0.1,
      offTrackLag: 0.25,
      checkInCadenceDays: 7,
      include: 'key-results-and-children',
    });
  });

  it('keep between 1 and 10 levels with distinct names', () => {
    expect(Levels.safeParse([]).success).toBe(false);
    expect(Levels.safeParse(Array.from({ length: 11 }, (_, i) => ({ id: `l${i}`, name: `L${i}` }))).success).toBe(
      false,
    );
    expect(
      pathsOf(
        Levels.safeParse([
          { id: 'a', name: 'Team' },
          { id: 'b', name: 'team' },
        ]),
      ),
    ).toEqual(['1.name']);
  });

  it('refuse periods that end before they start, and dates that do not exist', () => {
    expect(pathsOf(Period.safeParse({ id: 'p', name: 'P', start: '2026-12-01', end: '2026-11-01' }))).toEqual(['end']);
    expect(Period.safeParse({ id: 'p', name: 'P', start: '2026-02-30', end: '2026-03-01' }).success).toBe(false);
  });

  it('require a lead for every workgroup and a known kind', () => {
    expect(Workgroup.safeParse({ id: 'w', name: 'W', kind: 'squad', leads: [] }).success).toBe(false);
    expect(Workgroup.safeParse({ id: 'w', name: 'W', kind: 'guild', leads: ['a'] }).success).toBe(false);
    expect(Workgroup.parse({ id: 'w', name: 'W', kind: 'delivery-group', leads: ['a'] })).toMatchObject({
      members: [],
      projects: [],
    });
  });

  it('check key-result targets against their direction, naming the field', () => {
    expect(
      pathsOf(KeyResult.safeParse({ ...base, kind: 'metric', direction: 'increase', baseline: 10, target: 5 })),
    ).toEqual(['target']);
    expect(pathsOf(KeyResult.safeParse({ ...base, kind: 'metric', direction: 'band', bandMin: 5 }))).toEqual([
      'bandMax',
    ]);
    expect(
      pathsOf(
        KeyResult.safeParse({
          ...base,
          kind: 'query',
          direction: 'increase',
          baseline: 0,
          target: 5,
          jql: 'x',
          aggregate: 'sum',
        }),
      ),
    ).toEqual(['field']);
    expect(
      pathsOf(
        KeyResult.safeParse({ ...base, kind: 'delivery-quality', measure: 'bug-share', target: 0.3, baseline: 0.1 }),
      ),
    ).toEqual(['target']);
    expect(
      pathsOf(KeyResult.safeParse({ ...base, kind: 'delivery-quality', measure: 'on-time-rate', target: 1.5 })),
    ).toEqual(['target']);
    expect(KeyResult.safeParse({ ...base, kind: 'velocity' }).success).toBe(false);
    expect(aKeyResult({ objectiveId: 'o', kind: 'completion' })).toMatchObject({
      measure: 'count',
      scope: 'key-result',
      weight: null,
    });
  });

  it('accept only well-formed issue keys and a consistent policy', () => {
    expect(IssueKey.safeParse('ABC-12').success).toBe(true);
    for (const bad of ['abc-12', 'ABC-0', 'ABC', '12-ABC', 'ABC-12; DROP'])
      expect(IssueKey.safeParse(bad).success).toBe(false);
    expect(pathsOf(RollupPolicy.safeParse({ atRiskLag: 0.3, offTrackLag: 0.2 }))).toEqual(['offTrackLag']);
  });
});

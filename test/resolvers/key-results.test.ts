/**
 * key-results/create, update, delete: key results inside their objective's record, keys `KR-n`
 * never reused, the owner's targets, kinds checked, versions, and links blocking a delete.
 */
import { contributions } from '../../src/forge/store/rollup-entities';
import { ACCOUNT, asPersona, useAppHost } from '../support/app-host';
import { failed, ok, queriesCaughtUp, type KeyResultIn } from './resolver-kit';
import { createSquadObjective, organisation } from './objective-kit';

const app = useAppHost(async () => {
  await organisation(app);
  await createSquadObjective(app, { owner: ACCOUNT.member }); // O-2, owned by the member, led by the lead
});

const metric: KeyResultIn = {
  kind: 'metric',
  title: 'Conversion',
  unit: '%',
  direction: 'increase',
  baseline: 2,
  target: 4,
};
const completion: KeyResultIn = { kind: 'completion', title: 'Checkout epic done', measure: 'story-points' };

describe('key-results/create', () => {
  it('adds KR-1, KR-2 … inside the objective, owned by the objective owner unless said otherwise', async () => {
    const first = await ok(app, 'lead', 'key-results/create', { objectiveKey: 'O-2', version: 1, keyResult: metric });
    expect(first.keyResult).toMatchObject({
      id: 'O-2.KR-1',
      key: 'KR-1',
      objectiveId: 'O-2',
      owner: ACCOUNT.member,
      kind: 'metric',
      baseline: 2,
      target: 4,
    });
    expect(first.objective.version).toBe(2);
    expect(first.rollup?.keyResults.map((k) => k.keyResultId)).toEqual(['O-2.KR-1']);
    const second = await ok(app, 'lead', 'key-results/create', {
      objectiveKey: 'O-2',
      version: 2,
      keyResult: { ...completion, owner: ACCOUNT.lead },
    });
    expect(second.keyResult).toMatchObject({ id: 'O-2.KR-2', key: 'KR-2', owner: ACCOUNT.lead });
    expect(second.objective.keyResults.map((k) => k.key)).toEqual(['KR-1', 'KR-2']);
  });

  it('never reuses a number: after KR-2 is removed, the next is KR-3', async () => {
    await ok(app, 'lead', 'key-results/create', { objectiveKey: 'O-2', version: 1, keyResult: metric });
    await ok(app, 'lead', 'key-results/create', { objectiveKey: 'O-2', version: 2, keyResult: completion });
    const removed = await ok(app, 'lead', 'key-results/delete', {
      objectiveKey: 'O-2',
      version: 3,
      keyResultId: 'O-2.KR-2',
    });
    expect(removed.objective.keyResults.map((k) => k.key)).toEqual(['KR-1']);
    expect(removed.rollup?.keyResults.map((k) => k.keyResultId)).toEqual(['O-2.KR-1']);
    expect(
      (await ok(app, 'lead', 'key-results/create', { objectiveKey: 'O-2', version: 4, keyResult: completion }))
        .keyResult.key,
    ).toBe('KR-3');
  });

  it.each(['member', 'outsider'] as const)(
    'is refused to %s (the owner changes targets, not the set of key results)',
    async (persona) => {
      const { error, writes } = await failed(app, persona, 'key-results/create', {
        objectiveKey: 'O-2',
        version: 1,
        keyResult: metric,
      });
      expect(error.code).toBe('FORBIDDEN');
      expect(writes).toBe(0);
    },
  );

  it.each([
    ['a metric without a baseline', { ...metric, baseline: undefined }, 'keyResult.baseline'],
    ['a target below the baseline for "increase"', { ...metric, target: 1 }, 'keyResult.target'],
    ['an unknown kind', { kind: 'vibes', title: 'Good' }, 'keyResult.kind'],
    ['a field of another kind', { ...completion, jql: 'project = WEB' }, 'keyResult'],
    ['a key chosen by the caller', { ...metric, key: 'KR-7' }, 'keyResult'],
  ])('answers VALIDATION to %s, with nothing read or written', async (_what, keyResult, path) => {
    const { error, counts } = await failed(app, 'lead', 'key-results/create', {
      objectiveKey: 'O-2',
      version: 1,
      keyResult,
    });
    expect(error.code).toBe('VALIDATION');
    expect(error.details?.map((d) => d.path)).toContain(path);
    expect(counts.kvsRoundTrips).toBe(0);
  });

  it('answers CONFLICT to a stale objective version', async () => {
    await ok(app, 'lead', 'key-results/create', { objectiveKey: 'O-2', version: 1, keyResult: metric });
    const { error, writes } = await failed(app, 'lead', 'key-results/create', {
      objectiveKey: 'O-2',
      version: 1,
      keyResult: completion,
    });
    expect(error.code).toBe('CONFLICT');
    expect(writes).toBe(0);
  });
});

describe('key-results/update', () => {
  beforeEach(async () => {
    await ok(app, 'lead', 'key-results/create', { objectiveKey: 'O-2', version: 1, keyResult: metric });
    await ok(app, 'lead', 'key-results/create', {
      objectiveKey: 'O-2',
      version: 2,
      keyResult: { kind: 'milestone', title: 'PCI review passed' },
    });
  });

  it('lets the objective owner move targets and mark a milestone done, and nothing else', async () => {
    const moved = await ok(app, 'member', 'key-results/update', {
      objectiveKey: 'O-2',
      version: 3,
      keyResultId: 'O-2.KR-1',
      target: 5,
    });
    expect(moved.keyResult).toMatchObject({ target: 5, version: 2 });
    const done = await ok(app, 'member', 'key-results/update', {
      objectiveKey: 'O-2',
      version: 4,
      keyResultId: 'O-2.KR-2',
      done: true,
    });
    expect(done.keyResult).toMatchObject({ kind: 'milestone', done: true });
    expect(done.rollup?.keyResults.find((k) => k.keyResultId === 'O-2.KR-2')?.progress).toBe(1);
    const { error, writes } = await failed(app, 'member', 'key-results/update', {
      objectiveKey: 'O-2',
      version: 5,
      keyResultId: 'O-2.KR-1',
      title: 'Mine',
    });
    expect(error).toEqual({
      code: 'FORBIDDEN',
      message:
        'Only the leads of workgroup "Web Squad" and Jira administrators can change title of O-2\'s key result KR-1',
    });
    expect(writes).toBe(0);
  });

  it('lets the lead change anything of the kind, and refuses fields of another kind', async () => {
    expect(
      (
        await ok(app, 'lead', 'key-results/update', {
          objectiveKey: 'O-2',
          version: 3,
          keyResultId: 'O-2.KR-1',
          title: 'Checkout conversion',
          weight: 2,
          unit: 'pp',
        })
      ).keyResult,
    ).toMatchObject({
      title: 'Checkout conversion',
      weight: 2,
      unit: 'pp',
    });
    const { error, writes } = await failed(app, 'lead', 'key-results/update', {
      objectiveKey: 'O-2',
      version: 4,
      keyResultId: 'O-2.KR-1',
      jql: 'project = WEB',
    });
    expect(error.details).toEqual([{ path: 'jql', message: 'a metric key result has no jql' }]);
    expect(writes).toBe(0);
  });

  it('checks the key result as a whole after the change', async () => {
    const { error } = await failed(app, 'lead', 'key-results/update', {
      objectiveKey: 'O-2',
      version: 3,
      keyResultId: 'O-2.KR-1',
      direction: 'decrease',
    });
    expect(error.details).toEqual([{ path: 'target', message: 'to decrease, the target must be below the baseline' }]);
  });

  it('refuses outsiders, stale versions and unknown key results', async () => {
    expect(
      (
        await failed(app, 'outsider', 'key-results/update', {
          objectiveKey: 'O-2',
          version: 3,
          keyResultId: 'O-2.KR-1',
          target: 9,
        })
      ).error.code,
    ).toBe('FORBIDDEN');
    expect(
      (
        await failed(app, 'lead', 'key-results/update', {
          objectiveKey: 'O-2',
          version: 2,
          keyResultId: 'O-2.KR-1',
          target: 9,
        })
      ).error.code,
    ).toBe('CONFLICT');
    expect(
      (
        await failed(app, 'lead', 'key-results/update', {
          objectiveKey: 'O-2',
          version: 3,
          keyResultId: 'O-2.KR-9',
          target: 9,
        })
      ).error,
    ).toEqual({
      code: 'NOT_FOUND',
      message: 'O-2 has no key result "O-2.KR-9"',
    });
    expect(
      (await failed(app, 'lead', 'key-results/update', { objectiveKey: 'O-2', version: 3, keyResultId: 'O-2.KR-1' }))
        .error.code,
    ).toBe('VALIDATION');
  });
});

describe('key-results/delete', () => {
  it('is refused right after an issue is linked to the key result', async () => {
    await ok(app, 'lead', 'key-results/create', { objectiveKey: 'O-2', version: 1, keyResult: completion });
    await ok(app, 'lead', 'contributions/link', { issueKey: 'WEB-1', objectiveKey: 'O-2', keyResultId: 'O-2.KR-1' });
    const { error, writes } = await failed(app, 'lead', 'key-results/delete', {
      objectiveKey: 'O-2',
      version: 2,
      keyResultId: 'O-2.KR-1',
    });
    expect(error).toMatchObject({
      code: 'VALIDATION',
      message: "O-2's key result KR-1 cannot be removed while issues are linked to it",
      details: [{ path: 'keyResultId' }],
    });
    expect(writes).toBe(0);
  });

  it('is refused while issues are linked to the key result, naming them', async () => {
    await ok(app, 'lead', 'key-results/create', { objectiveKey: 'O-2', version: 1, keyResult: completion });
    await asPersona(app.host, null, () =>
      contributions().put(
        {
          issueKey: 'WEB-1',
          objectiveId: 'O-2',
          keyResultId: 'O-2.KR-1',
          createdBy: ACCOUNT.member,
          createdAt: Date.now(),
          version: 0,
        },
        0,
      ),
    );
    // the record stands for a link made earlier (written straight to storage, the rollup does not
    // know it): by the time the lead removes the key result, the contribution index shows it
    await queriesCaughtUp(app);
    const { error, writes } = await failed(app, 'lead', 'key-results/delete', {
      objectiveKey: 'O-2',
      version: 2,
      keyResultId: 'O-2.KR-1',
    });
    expect(error).toEqual({
      code: 'VALIDATION',
      message: "O-2's key result KR-1 cannot be removed while issues are linked to it",
      details: [{ path: 'keyResultId', message: 'WEB-1 is linked to KR-1; unlink them first' }],
    });
    expect(writes).toBe(0);
    expect(
      (await failed(app, 'member', 'key-results/delete', { objectiveKey: 'O-2', version: 2, keyResultId: 'O-2.KR-1' }))
        .error.code,
    ).toBe('FORBIDDEN');
  });
});

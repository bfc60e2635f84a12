/**
 * check-ins/create and check-ins/list: history kept per objective, the rollup following
 * (confidence, a metric's value), who may check in, VALIDATION without writes, restricted
 * objectives invisible.
 */
import { ACCOUNT, useAppHost } from '../support/app-host';
import { failed, ok } from './resolver-kit';
import { createSquadObjective, organisation } from './objective-kit';

const app = useAppHost(async () => {
  await organisation(app);
  await createSquadObjective(app, { owner: ACCOUNT.member }); // O-2, owned by the member
  await ok(app, 'lead', 'key-results/create', {
    objectiveKey: 'O-2',
    version: 1,
    keyResult: { kind: 'metric', title: 'Conversion', unit: '%', direction: 'increase', baseline: 2, target: 4 },
  });
  await ok(app, 'lead', 'key-results/create', {
    objectiveKey: 'O-2',
    version: 2,
    keyResult: { kind: 'completion', title: 'Epic done', owner: ACCOUNT.outsider },
  });
});

const pause = () => new Promise((resolve) => setTimeout(resolve, 3));

describe('check-ins/create', () => {
  it("records the owner's new value and confidence, and the rollup follows", async () => {
    const { checkIn, rollup } = await ok(app, 'member', 'check-ins/create', {
      objectiveKey: 'O-2',
      keyResultId: 'O-2.KR-1',
      value: 3,
      confidence: 'medium',
      note: 'A/B test running',
    });
    expect(checkIn).toMatchObject({
      objectiveId: 'O-2',
      keyResultId: 'O-2.KR-1',
      value: 3,
      confidence: 'medium',
      note: 'A/B test running',
      author: ACCOUNT.member,
    });
    expect(rollup).toMatchObject({ objectiveId: 'O-2', confidence: 'medium', lastCheckInAt: checkIn.at, stale: false });
    expect(rollup?.keyResults.find((k) => k.keyResultId === 'O-2.KR-1')).toMatchObject({ value: 3, progress: 0.5 });
  });

  it('lets the leads and admins check in on the objective, and the key result owner on their key result', async () => {
    expect(
      (await ok(app, 'lead', 'check-ins/create', { objectiveKey: 'O-2', confidence: 'low' })).rollup?.confidence,
    ).toBe('low');
    await pause();
    expect(
      (await ok(app, 'admin', 'check-ins/create', { objectiveKey: 'O-2', confidence: 'high' })).rollup?.confidence,
    ).toBe('high');
    await pause();
    expect(
      (
        await ok(app, 'outsider', 'check-ins/create', {
          objectiveKey: 'O-2',
          keyResultId: 'O-2.KR-2',
          confidence: 'medium',
        })
      ).checkIn.author,
    ).toBe(ACCOUNT.outsider);
  });

  it('refuses anyone else, writing nothing', async () => {
    const outsider = await failed(app, 'outsider', 'check-ins/create', { objectiveKey: 'O-2', confidence: 'high' });
    expect(outsider.error).toEqual({
      code: 'FORBIDDEN',
      message: 'Only O-2\'s owner, the leads of workgroup "Web Squad" and Jira administrators can check in on it',
    });
    expect(outsider.writes).toBe(0);
    await createSquadObjective(app); // O-3, owned by the lead
    const member = await failed(app, 'member', 'check-ins/create', { objectiveKey: 'O-3', confidence: 'high' });
    expect(member.error.code).toBe('FORBIDDEN');
    expect(member.writes).toBe(0);
    expect((await failed(app, null, 'check-ins/create', { objectiveKey: 'O-2', confidence: 'high' })).error.code).toBe(
      'FORBIDDEN',
    );
  });

  it.each([
    [
      'a metric without its value',
      { objectiveKey: 'O-2', keyResultId: 'O-2.KR-1', confidence: 'high' },
      'value',
      'a check-in of the metric KR-1 gives its new value',
    ],
    [
      'a value for a computed key result',
      { objectiveKey: 'O-2', keyResultId: 'O-2.KR-2', value: 4, confidence: 'high' },
      'value',
      'only a metric key result takes a value; the others are measured from Jira or marked done',
    ],
    [
      'a key result the objective does not have',
      { objectiveKey: 'O-2', keyResultId: 'O-7.KR-1', confidence: 'high' },
      'keyResultId',
      'O-2 has no key result "O-7.KR-1"',
    ],
  ])('refuses %s with VALIDATION, writing nothing', async (_what, payload, path, message) => {
    const { error, writes } = await failed(app, 'member', 'check-ins/create', payload);
    expect(error).toMatchObject({ code: 'VALIDATION', details: [{ path, message }] });
    expect(writes).toBe(0);
  });

  it.each([
    ['a confidence that is not high, medium or low', { objectiveKey: 'O-2', confidence: 'great' }, 'confidence'],
    ['no objective', { confidence: 'high' }, 'objectiveKey'],
    [
      'a value that is not a number',
      { objectiveKey: 'O-2', keyResultId: 'O-2.KR-1', value: '3', confidence: 'high' },
      'value',
    ],
    ['an unknown field', { objectiveKey: 'O-2', confidence: 'high', mood: 'good' }, ''],
  ])('answers VALIDATION to %s before reading anything', async (_what, payload, path) => {
    const { error, counts } = await failed(app, 'member', 'check-ins/create', payload);
    expect(error.code).toBe('VALIDATION');
    expect(error.details?.map((d) => d.path)).toContain(path);
    expect(counts.kvsRoundTrips + counts.productCalls).toBe(0);
  });
});

describe('check-ins/list', () => {
  it("lists an objective's check-ins newest first, a page at a time, to whoever may see it", async () => {
    for (const confidence of ['high', 'medium', 'low'] as const) {
      await ok(app, 'member', 'check-ins/create', { objectiveKey: 'O-2', confidence });
      await pause();
    }
    const all = await ok(app, 'outsider', 'check-ins/list', { objectiveKey: 'O-2' });
    expect(all.checkIns.map((c) => c.confidence)).toEqual(['low', 'medium', 'high']);
    expect(all.nextCursor).toBeNull();
    const first = await ok(app, 'member', 'check-ins/list', { objectiveKey: 'O-2', limit: 2 });
    expect(first.checkIns.map((c) => c.confidence)).toEqual(['low', 'medium']);
    const second = await ok(app, 'member', 'check-ins/list', {
      objectiveKey: 'O-2',
      limit: 2,
      cursor: first.nextCursor ?? undefined,
    });
    expect(second.checkIns.map((c) => c.confidence)).toEqual(['high']);
  });

  it('hides a restricted objective and its check-ins from whoever is outside its workgroup', async () => {
    await ok(app, 'lead', 'objectives/update', { key: 'O-2', version: 3, visibility: 'restricted' });
    await ok(app, 'member', 'check-ins/create', { objectiveKey: 'O-2', confidence: 'high' });
    expect((await ok(app, 'member', 'check-ins/list', { objectiveKey: 'O-2' })).checkIns).toHaveLength(1);
    expect((await failed(app, 'outsider', 'check-ins/list', { objectiveKey: 'O-2' })).error).toEqual({
      code: 'NOT_FOUND',
      message: 'There is no objective O-2',
    });
    // even the owner of one of its key results is outside the workgroup: the objective is hidden from them
    const { error, writes } = await failed(app, 'outsider', 'check-ins/create', {
      objectiveKey: 'O-2',
      keyResultId: 'O-2.KR-2',
      confidence: 'low',
    });
    expect(error.code).toBe('NOT_FOUND');
    expect(writes).toBe(0);
  });
});

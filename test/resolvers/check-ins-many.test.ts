/**
 * check-ins/create-many: check-ins on several key results of one objective in one call (the
 * project page's "Check in on all key results"). All recorded or none refused; each key result's
 * permission checked on the server; the same request sent again records nothing twice.
 */
import { ACCOUNT, useAppHost } from '../support/app-host';
import { failed, ok, queriesCaughtUp } from './resolver-kit';
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
  await ok(app, 'lead', 'key-results/create', {
    objectiveKey: 'O-2',
    version: 3,
    keyResult: { kind: 'metric', title: 'Refunds', unit: '', direction: 'decrease', baseline: 50, target: 10 },
  });
});

const KR1 = 'O-2.KR-1';
const KR2 = 'O-2.KR-2';
const KR3 = 'O-2.KR-3';
let requests = 0;
/** A new request id, as the form makes one per submit. */
const aRequestId = () => `request-${++requests}-0000`;

describe('check-ins/create-many', () => {
  it('records one check-in per key result, and the rollup follows all of them', async () => {
    const requestId = aRequestId();
    const reply = await ok(app, 'member', 'check-ins/create-many', {
      objectiveKey: 'O-2',
      requestId,
      checkIns: [
        { keyResultId: KR1, value: 3, confidence: 'high', note: 'A/B test running' },
        { keyResultId: KR2, confidence: 'low' },
        { keyResultId: KR3, value: 30, confidence: 'medium' },
      ],
    });
    expect(reply.checkIns.map((c) => [c.keyResultId, c.value, c.confidence, c.author])).toEqual([
      [KR1, 3, 'high', ACCOUNT.member],
      [KR2, null, 'low', ACCOUNT.member],
      [KR3, 30, 'medium', ACCOUNT.member],
    ]);
    expect(reply.alreadyRecorded).toEqual([]);
    // both metrics' values are in the rollup; the lowest confidence of the three is the objective's
    expect(reply.rollup?.keyResults.find((k) => k.keyResultId === KR1)).toMatchObject({ value: 3, progress: 0.5 });
    expect(reply.rollup?.keyResults.find((k) => k.keyResultId === KR3)).toMatchObject({ value: 30, progress: 0.5 });
    expect(reply.rollup?.confidence).toBe('low');
    await queriesCaughtUp(app);
    const listed = await ok(app, 'member', 'check-ins/list', { objectiveKey: 'O-2' });
    const mine = listed.checkIns.filter((c) => reply.checkIns.some((r) => r.id === c.id));
    expect(mine.map((c) => c.keyResultId).sort()).toEqual([KR1, KR2, KR3]);
  });

  it('records nothing twice when the same request comes again, whole or after a part of it', async () => {
    const requestId = aRequestId();
    const one = { keyResultId: KR1, value: 3.5, confidence: 'medium' as const, note: 'first part' };
    const two = { keyResultId: KR3, value: 20, confidence: 'high' as const };
    // as if a first attempt stored KR-1's check-in and then failed
    const part = await ok(app, 'member', 'check-ins/create-many', { objectiveKey: 'O-2', requestId, checkIns: [one] });
    const whole = await ok(app, 'member', 'check-ins/create-many', {
      objectiveKey: 'O-2',
      requestId,
      checkIns: [one, two],
    });
    expect(whole.alreadyRecorded).toEqual([KR1]);
    expect(whole.checkIns[0]).toEqual(part.checkIns[0]);
    expect(whole.rollup?.keyResults.find((k) => k.keyResultId === KR3)).toMatchObject({ value: 20 });
    const again = await ok(app, 'member', 'check-ins/create-many', {
      objectiveKey: 'O-2',
      requestId,
      checkIns: [one, two],
    });
    expect(again.alreadyRecorded).toEqual([KR1, KR3]);
    expect(again.checkIns).toEqual(whole.checkIns);
    await queriesCaughtUp(app);
    const listed = await ok(app, 'member', 'check-ins/list', { objectiveKey: 'O-2', limit: 100 });
    expect(listed.checkIns.filter((c) => whole.checkIns.some((w) => w.id === c.id))).toHaveLength(2);
    // another person's request with the same id is their own
    const lead = await ok(app, 'lead', 'check-ins/create-many', { objectiveKey: 'O-2', requestId, checkIns: [one] });
    expect(lead.alreadyRecorded).toEqual([]);
    expect(lead.checkIns[0]?.author).toBe(ACCOUNT.lead);
  });

  it('checks each key result on the server: one the caller may not check in on refuses all, writing nothing', async () => {
    // the outsider owns KR-2 only
    const refused = await failed(app, 'outsider', 'check-ins/create-many', {
      objectiveKey: 'O-2',
      requestId: aRequestId(),
      checkIns: [
        { keyResultId: KR2, confidence: 'high' },
        { keyResultId: KR1, value: 3, confidence: 'high' },
        { keyResultId: KR3, value: 40, confidence: 'high' },
      ],
    });
    expect(refused.error).toEqual({
      code: 'FORBIDDEN',
      message:
        'Nothing was recorded: only O-2\'s owner, the owner of each key result, the leads of workgroup "Web Squad" and Jira administrators can check in on KR-1, KR-3',
    });
    expect(refused.writes).toBe(0);
    const own = await ok(app, 'outsider', 'check-ins/create-many', {
      objectiveKey: 'O-2',
      requestId: aRequestId(),
      checkIns: [{ keyResultId: KR2, confidence: 'medium' }],
    });
    expect(own.checkIns.map((c) => c.author)).toEqual([ACCOUNT.outsider]);
    expect(
      (
        await failed(app, null, 'check-ins/create-many', {
          objectiveKey: 'O-2',
          requestId: aRequestId(),
          checkIns: [{ keyResultId: KR2, confidence: 'medium' }],
        })
      ).error.code,
    ).toBe('FORBIDDEN');
  });

  it('refuses a wrong value or a key result the objective lacks at its place in the list, writing nothing', async () => {
    const wrongValues = await failed(app, 'member', 'check-ins/create-many', {
      objectiveKey: 'O-2',
      requestId: aRequestId(),
      checkIns: [
        { keyResultId: KR1, confidence: 'high' },
        { keyResultId: KR2, value: 4, confidence: 'high' },
        { keyResultId: KR3, value: 12, confidence: 'high' },
      ],
    });
    expect(wrongValues.error).toMatchObject({
      code: 'VALIDATION',
      message: 'The check-ins were not recorded',
      details: [
        { path: 'checkIns.0.value', message: 'a check-in of the metric KR-1 gives its new value' },
        {
          path: 'checkIns.1.value',
          message: 'only a metric key result takes a value; the others are measured from Jira or marked done',
        },
      ],
    });
    expect(wrongValues.writes).toBe(0);
    const unknown = await failed(app, 'member', 'check-ins/create-many', {
      objectiveKey: 'O-2',
      requestId: aRequestId(),
      checkIns: [
        { keyResultId: KR2, confidence: 'high' },
        { keyResultId: 'O-7.KR-1', confidence: 'high' },
      ],
    });
    expect(unknown.error).toMatchObject({
      code: 'VALIDATION',
      details: [{ path: 'checkIns.1.keyResultId', message: 'O-2 has no key result "O-7.KR-1"' }],
    });
    expect(unknown.writes).toBe(0);
  });

  it.each([
    ['no check-in', { checkIns: [] }, 'checkIns'],
    [
      'a key result twice',
      {
        checkIns: [
          { keyResultId: KR2, confidence: 'high' },
          { keyResultId: KR2, confidence: 'low' },
        ],
      },
      'checkIns.1.keyResultId',
    ],
    ['a request id too short', { requestId: 'r1' }, 'requestId'],
    ['a confidence not chosen', { checkIns: [{ keyResultId: KR2 }] }, 'checkIns.0.confidence'],
  ])('answers VALIDATION to %s before reading anything', async (_what, over, path) => {
    const payload = {
      objectiveKey: 'O-2',
      requestId: aRequestId(),
      checkIns: [{ keyResultId: KR2, confidence: 'high' }],
      ...over,
    };
    const { error, counts } = await failed(app, 'member', 'check-ins/create-many', payload);
    expect(error.code).toBe('VALIDATION');
    expect(error.details?.map((d) => d.path)).toContain(path);
    expect(counts.kvsRoundTrips + counts.productCalls).toBe(0);
  });

  it('answers a restricted objective as one that does not exist to whoever may not see it', async () => {
    await createSquadObjective(app, { owner: ACCOUNT.lead, visibility: 'restricted' });
    const { error, writes } = await failed(app, 'outsider', 'check-ins/create-many', {
      objectiveKey: 'O-3',
      requestId: aRequestId(),
      checkIns: [{ keyResultId: 'O-3.KR-1', confidence: 'high' }],
    });
    expect(error).toEqual({ code: 'NOT_FOUND', message: 'There is no objective O-3' });
    expect(writes).toBe(0);
  });
});

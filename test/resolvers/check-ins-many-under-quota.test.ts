/**
 * check-ins/create-many when Forge storage refuses requests for the site's per-minute write quota
 * half-way: the check-ins are stored one transaction each, so a call refused after the first
 * (UNAVAILABLE) leaves that one stored and the rest not. The same request sent again stores only
 * the rest, answers the first as stored before (`alreadyRecorded`), and the rollup follows all.
 * The refusal itself names what was stored (RECORDED_ALREADY details at `checkIns.<i>`).
 *
 * A strict host whose write quota is cut to one write unit for the refused call (one check-in's
 * transaction); the in-invocation retry gives up at once (setStorageRetry).
 */
import type { KvsQuotas } from '../../local/kvs/kvs-service';
import { setProcessClock } from '../../local/runtime/process-clock';
import { RECORDED_ALREADY, type PayloadIn } from '../../src/contract/api';
import { setStorageRetry } from '../../src/forge/store/kvs';
import { ACCOUNT, startAppHost, type AppHost } from '../support/app-host';
import { pinClock } from '../support/clock';
import { call, ok, queriesCaughtUp } from './resolver-kit';
import { createSquadObjective, organisation } from './objective-kit';

pinClock();

let app: AppHost;
let quotas: KvsQuotas;

beforeEach(async () => {
  app = startAppHost({ forge: 'strict' });
  quotas = app.host.kvs.quotas!;
  await organisation(app);
  await createSquadObjective(app, { owner: ACCOUNT.member }); // O-2
  for (const [version, title] of [
    [1, 'Conversion'],
    [2, 'Refunds'],
  ] as const)
    await ok(app, 'lead', 'key-results/create', {
      objectiveKey: 'O-2',
      version,
      keyResult: { kind: 'metric', title, unit: '', direction: 'increase', baseline: 0, target: 10 },
    });
  await queriesCaughtUp(app);
});
afterEach(() => app.close());

const PAYLOAD = {
  objectiveKey: 'O-2',
  requestId: 'quota-request-1',
  checkIns: [
    { keyResultId: 'O-2.KR-1', value: 5, confidence: 'high' as const },
    { keyResultId: 'O-2.KR-2', value: 2, confidence: 'medium' as const },
  ],
};

/** The call as `member`, in a fresh quota minute, with one write unit for it and no retry. */
async function refusedAfterOneWrite(payload: PayloadIn<'check-ins/create-many'> = PAYLOAD) {
  setProcessClock(Date.now() + 61_000);
  const writeUnitsPerMinute = quotas.writeUnitsPerMinute;
  Object.assign(quotas, { writeUnitsPerMinute: 1 });
  const undo = setStorageRetry({ deadline: () => 0 });
  try {
    return await call(app, 'member', 'check-ins/create-many', payload);
  } finally {
    undo();
    Object.assign(quotas, { writeUnitsPerMinute });
    setProcessClock(Date.now() + 61_000);
  }
}

it('completes a request refused half-way when it is sent again, recording nothing twice', async () => {
  const refused = await refusedAfterOneWrite();
  expect(refused.reply).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  // the refusal says which were stored: the form shows them as recorded and keeps them as they are
  if (refused.reply.ok) throw new Error('expected a refusal');
  expect(refused.reply.error.message).toMatch(
    /Recorded already: KR-1; send the same check-ins again to record the others\.$/,
  );
  expect(refused.reply.error.details).toEqual([{ path: 'checkIns.0', message: RECORDED_ALREADY }]);
  await queriesCaughtUp(app);
  const between = await ok(app, 'member', 'check-ins/list', { objectiveKey: 'O-2' });
  expect(between.checkIns.map((c) => c.keyResultId)).toEqual(['O-2.KR-1']);

  const again = await ok(app, 'member', 'check-ins/create-many', PAYLOAD);
  expect(again.alreadyRecorded).toEqual(['O-2.KR-1']);
  expect(again.checkIns[0]).toEqual(between.checkIns[0]);
  expect(again.rollup?.keyResults.map((k) => [k.keyResultId, k.value])).toEqual([
    ['O-2.KR-1', 5],
    ['O-2.KR-2', 2],
  ]);
  await queriesCaughtUp(app);
  const after = await ok(app, 'member', 'check-ins/list', { objectiveKey: 'O-2' });
  expect(after.checkIns.map((c) => c.keyResultId).sort()).toEqual(['O-2.KR-1', 'O-2.KR-2']);
});

it("keeps the lowest confidence the objective's latest when a request refused half-way is completed", async () => {
  // the low one is listed first: were it stored first, the high one stored by the retry would come after it
  const lowFirst = {
    ...PAYLOAD,
    requestId: 'quota-request-2',
    checkIns: [
      { keyResultId: 'O-2.KR-1', value: 5, confidence: 'low' as const },
      { keyResultId: 'O-2.KR-2', value: 2, confidence: 'high' as const },
    ],
  };
  const refused = await refusedAfterOneWrite(lowFirst);
  expect(refused.reply).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  // the high one, listed second, was stored first: the refusal names it at its place in the request
  expect(refused.reply).toMatchObject({ error: { details: [{ path: 'checkIns.1', message: RECORDED_ALREADY }] } });
  const again = await ok(app, 'member', 'check-ins/create-many', lowFirst);
  expect(again.alreadyRecorded).toHaveLength(1);
  expect(again.rollup?.confidence).toBe('low');
  const latest = [...again.checkIns].sort((a, b) => b.at - a.at)[0];
  expect(latest?.confidence).toBe('low');
});

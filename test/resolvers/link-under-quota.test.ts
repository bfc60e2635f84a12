/**
 * contributions/link and contributions/unlink when Forge storage refuses requests for the site's
 * per-minute quota (issue 13, class 4): a change is two writes — the link record, then the rollup's
 * transaction — and a call refused between them (UNAVAILABLE) leaves the link changed and the
 * rollup not. Calling again completes the work and answers as the first call would have
 * (`changed: true`), with no drift; a call that changes nothing writes nothing.
 *
 * A strict host whose write quota is cut to one write unit a minute for the refused call; the
 * in-invocation retry gives up at once (setStorageRetry), as when an invocation's time is spent.
 */
import type { KvsQuotas } from '../../local/kvs/kvs-service';
import { setProcessClock } from '../../local/runtime/process-clock';
import { setStorageRetry } from '../../src/forge/store/kvs';
import { startAppHost, type AppHost } from '../support/app-host';
import { pinClock } from '../support/clock';
import { call, ok, queriesCaughtUp } from './resolver-kit';
import { createSquadObjective, organisation, storedRollup } from './objective-kit';

pinClock();

const WEB_1 = { issueKey: 'WEB-1', objectiveKey: 'O-2', keyResultId: 'O-2.KR-1' };
const WEB_4 = { issueKey: 'WEB-4', objectiveKey: 'O-2', keyResultId: 'O-2.KR-1' };

let app: AppHost;
let quotas: KvsQuotas;

beforeEach(async () => {
  app = startAppHost({ forge: 'strict' });
  quotas = app.host.kvs.quotas!;
  await organisation(app);
  await createSquadObjective(app); // O-2
  await ok(app, 'lead', 'key-results/create', {
    objectiveKey: 'O-2',
    version: 1,
    keyResult: { kind: 'completion', title: 'Checkout redesign shipped' },
  });
  await queriesCaughtUp(app);
});
afterEach(() => app.close());

/** The next call as `member`, in a fresh quota minute, with one write unit for it and no retry. */
async function refusedAfterOneWrite(key: 'contributions/link' | 'contributions/unlink', payload: object) {
  setProcessClock(Date.now() + 61_000);
  const writeUnitsPerMinute = quotas.writeUnitsPerMinute;
  Object.assign(quotas, { writeUnitsPerMinute: 1 });
  const undo = setStorageRetry({ deadline: () => 0 });
  try {
    return await call(app, 'member', key, payload);
  } finally {
    undo();
    Object.assign(quotas, { writeUnitsPerMinute });
    setProcessClock(Date.now() + 61_000);
  }
}

/** What a rollup record says, without when it was computed and the pace expected by then. */
const figures = (r: unknown) => {
  const { computedAt: _c, version: _v, updatedAt: _u, expected: _e, ...rest } = r as Record<string, unknown>;
  return rest;
};

describe('an unlink that changes nothing', () => {
  it('writes nothing: neither a link that was never made nor one already removed', async () => {
    await ok(app, 'member', 'contributions/link', WEB_1);
    const never = await call(app, 'member', 'contributions/unlink', WEB_4);
    expect(never.reply).toMatchObject({ ok: true, data: { changed: false } });
    expect(never.writes).toBe(0);
    expect(await ok(app, 'member', 'contributions/unlink', WEB_1)).toMatchObject({ changed: true });
    const again = await call(app, 'member', 'contributions/unlink', WEB_1);
    expect(again.reply).toMatchObject({ ok: true, data: { changed: false, rollup: { work: { issues: 0 } } } });
    expect(again.writes).toBe(0);
  });
});

describe('a link that changes nothing', () => {
  it('writes nothing to storage: linking an issue already linked to that key result again', async () => {
    expect(await ok(app, 'member', 'contributions/link', WEB_1)).toMatchObject({ changed: true });
    const again = await call(app, 'member', 'contributions/link', WEB_1);
    expect(again.reply).toMatchObject({ ok: true, data: { changed: false, rollup: { work: { issues: 3 } } } });
    expect(again.writes).toBe(0);
  });
});

describe('a change refused by storage after its first write', () => {
  it('unlink: the second call completes it and answers as the first would have; the rollup does not drift', async () => {
    const before = await storedRollup(app, 'O-2');
    await ok(app, 'member', 'contributions/link', WEB_1);
    const first = await refusedAfterOneWrite('contributions/unlink', WEB_1);
    expect(first.reply).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    // the link record is gone (one transaction); the rollup's was refused and still counts WEB-1's stories
    expect((await storedRollup(app, 'O-2'))?.record.work.issues).toBe(3);

    const second = await ok(app, 'member', 'contributions/unlink', WEB_1);
    expect(second).toMatchObject({ linked: false, changed: true, properties: { written: 5, pending: [] } });
    expect(second.rollup?.work.issues).toBe(0);
    // no drift: as before the link, which is what a recompute of an objective without work gives
    const after = await storedRollup(app, 'O-2');
    expect(figures(after?.record)).toEqual(figures(before?.record));
    expect(figures(second.rollup)).toEqual(figures(after?.record));

    const third = await call(app, 'member', 'contributions/unlink', WEB_1);
    expect(third.reply).toMatchObject({ ok: true, data: { changed: false } });
    expect(third.writes).toBe(0);
  });

  it('link: the second call completes it and answers as the first would have', async () => {
    const first = await refusedAfterOneWrite('contributions/link', WEB_1);
    expect(first.reply).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect((await storedRollup(app, 'O-2'))?.record.work.issues).toBe(0); // the link is stored, the rollup is not

    const second = await ok(app, 'member', 'contributions/link', WEB_1);
    expect(second).toMatchObject({ linked: true, changed: true, properties: { written: 5, pending: [] } });
    expect(second.rollup?.work).toEqual({ issues: 3, done: 1, inProgress: 0, toDo: 2, points: 10, pointsDone: 5 });
    expect(figures((await storedRollup(app, 'O-2'))?.record)).toEqual(figures(second.rollup));
    expect(await ok(app, 'member', 'contributions/link', WEB_1)).toMatchObject({ changed: false });
  });
});

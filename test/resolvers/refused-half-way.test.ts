/**
 * Changes that take more than one storage transaction, refused by Forge storage after the first
 * (issue 13, class 4): the objective or check-in is stored and answered (the reply carries no
 * rollup), its rollup record is not written. Nothing asks the caller to call again (the change is
 * made), so the nightly reconciliation brings the rollup back in step with what it follows:
 * a created objective gets its record and its parent counts it, an edit's key results reach the
 * record, a check-in's confidence and value reach it. A second run writes nothing.
 *
 * A strict host whose write quota is cut to one write unit for the refused call
 * (test/support/storage-refusal.ts).
 */
import { setProcessClock } from '../../local/runtime/process-clock';
import { forgeReconcileProgress } from '../../src/forge/store/reconcile-progress-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHost } from '../../local/host/create-host';
import { ACCOUNT, asPersona, REPO_ROOT, type AppHost } from '../support/app-host';
import { pinClock } from '../support/clock';
import { withWriteUnits } from '../support/storage-refusal';
import { DAY, runJob, storedPrompt } from './prompt-kit';
import { call, ok, queriesCaughtUp } from './resolver-kit';
import { createSquadObjective, organisation, squadObjective, storedRollup } from './objective-kit';

pinClock();

let app: AppHost;

/** The app's own manifest (its nightly trigger and queues) on a strict host. */
function startNightlyHost(): AppHost {
  const dir = mkdtempSync(join(tmpdir(), 'tether-refused-half-way-'));
  const host = createHost({
    dataDir: dir,
    manifestPath: join(REPO_ROOT, 'manifest.yml'),
    forge: 'strict',
    delays: 'real',
    syncWrites: false,
    now: () => Date.now(),
  });
  return {
    host,
    close: async () => {
      await host.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

beforeEach(async () => {
  app = startNightlyHost();
  await organisation(app); // O-1
  await queriesCaughtUp(app);
});
afterEach(() => app.close());

const progress = () => asPersona(app.host, null, () => forgeReconcileProgress().get());

/** Runs the nightly reconciliation to its end, a minute of host clock at a time. */
async function reconcileTonight(): Promise<void> {
  const start = Date.now();
  expect((await app.host.runScheduledTrigger('nightly-reconcile')).ok).toBe(true);
  for (let m = 1; m <= 10; m += 1) {
    setProcessClock(start + m * 60_000);
    await app.host.settle();
    const p = await progress();
    if (p?.phase === 'done' && p.startedAt >= start) break;
  }
  expect(await progress()).toMatchObject({ phase: 'done', objectivesChecked: expect.any(Number) });
}

/** The storage versions of these objectives' rollup records (a record written again has a new one). */
const versions = async (...keys: string[]) =>
  Promise.all(keys.map(async (k) => (await storedRollup(app, k))?.version ?? null));

it('objectives/create: an objective whose rollup record was refused gets one that night, and its parent counts it', async () => {
  const created = await withWriteUnits(app, 1, () => call(app, 'lead', 'objectives/create', squadObjective()));
  expect(created.reply).toMatchObject({ ok: true, data: { objective: { key: 'O-2' }, rollup: null } });
  expect(await storedRollup(app, 'O-2')).toBeNull();
  expect((await storedRollup(app, 'O-1'))!.contributors).toEqual([]);

  await reconcileTonight();
  const o2 = await storedRollup(app, 'O-2');
  expect(o2?.objective).toMatchObject({ key: 'O-2', parentId: 'O-1' });
  expect((await storedRollup(app, 'O-1'))!.contributors.map((c) => c.objectiveId)).toEqual([o2!.objectiveId]);
  expect(await progress()).toMatchObject({ objectivesRepaired: 1 });
  // a second night finds them in step and writes neither again
  const written = await versions('O-1', 'O-2');
  await reconcileTonight();
  expect(await versions('O-1', 'O-2')).toEqual(written);
  expect(await progress()).toMatchObject({ objectivesRepaired: 0 });
});

it('key-results/create: a key result the rollup record missed reaches it that night', async () => {
  await createSquadObjective(app); // O-2
  const added = await withWriteUnits(app, 1, () =>
    call(app, 'lead', 'key-results/create', {
      objectiveKey: 'O-2',
      version: 1,
      keyResult: { kind: 'metric', title: 'Conversion', unit: '%', direction: 'increase', baseline: 0, target: 10 },
    }),
  );
  expect(added.reply).toMatchObject({ ok: true, data: { rollup: null } });
  expect((await storedRollup(app, 'O-2'))!.keyResults).toEqual([]);

  await reconcileTonight();
  const o2 = (await storedRollup(app, 'O-2'))!;
  expect(o2.keyResults.map((k) => k.title)).toEqual(['Conversion']);
  expect(o2.record.keyResults).toHaveLength(1);
});

it("check-ins/create: a check-in the rollup record missed shows in it that night: confidence and the metric's value", async () => {
  await createSquadObjective(app, { owner: ACCOUNT.member }); // O-2
  await ok(app, 'lead', 'key-results/create', {
    objectiveKey: 'O-2',
    version: 1,
    keyResult: { kind: 'metric', title: 'Conversion', unit: '%', direction: 'increase', baseline: 0, target: 10 },
  });
  const checkedIn = await withWriteUnits(app, 1, () =>
    call(app, 'member', 'check-ins/create', {
      objectiveKey: 'O-2',
      keyResultId: 'O-2.KR-1',
      value: 5,
      confidence: 'low',
    }),
  );
  expect(checkedIn.reply).toMatchObject({ ok: true, data: { rollup: null } });
  const behind = (await storedRollup(app, 'O-2'))!;
  expect(behind.lastCheckIn).toBeNull();
  expect(behind.measurements).toEqual({});

  await reconcileTonight();
  const o2 = (await storedRollup(app, 'O-2'))!;
  expect(o2.lastCheckIn).toMatchObject({ confidence: 'low' });
  expect(o2.measurements).toEqual({ 'O-2.KR-1': 5 });
  expect(o2.record).toMatchObject({ confidence: 'low', keyResults: [{ progress: 0.5 }] });
  expect(await progress()).toMatchObject({ objectivesRepaired: 1 });
  // a check-in the record holds already (made with nothing refused) is not written again
  await ok(app, 'member', 'check-ins/create', {
    objectiveKey: 'O-2',
    keyResultId: 'O-2.KR-1',
    value: 6,
    confidence: 'high',
  });
  const written = await versions('O-1', 'O-2');
  await reconcileTonight();
  expect(await versions('O-1', 'O-2')).toEqual(written);
  expect(await progress()).toMatchObject({ objectivesRepaired: 0 });
});

it("key-results/delete: the key result's check-in-due prompt, left open by the refusal, expires that night", async () => {
  await createSquadObjective(app, { owner: ACCOUNT.member }); // O-2
  await ok(app, 'lead', 'key-results/create', {
    objectiveKey: 'O-2',
    version: 1,
    keyResult: {
      kind: 'metric',
      title: 'Conversion',
      unit: '%',
      direction: 'increase',
      baseline: 2,
      target: 4,
      owner: ACCOUNT.member,
    },
  });
  await runJob(app, Date.now() + 8 * DAY);
  const [prompt] = (await ok(app, 'member', 'prompts/inbox', {})).prompts;
  expect(prompt).toMatchObject({ kind: 'check-in-due', subject: { keyResultId: 'O-2.KR-1' } });

  const removed = await withWriteUnits(app, 1, () =>
    call(app, 'lead', 'key-results/delete', { objectiveKey: 'O-2', version: 2, keyResultId: 'O-2.KR-1' }),
  );
  expect(removed.reply).toMatchObject({ ok: true, data: { objective: { keyResults: [] } } });
  expect((await storedPrompt(app, prompt!.id))?.state).toBe('open');

  await reconcileTonight();
  expect((await storedPrompt(app, prompt!.id))?.state).toBe('expired');
  expect((await ok(app, 'member', 'prompts/inbox', {})).prompts).toEqual([]);
  expect((await storedRollup(app, 'O-2'))!.keyResults).toEqual([]);
});

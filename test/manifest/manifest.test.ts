import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { createHost, type Host } from '../../local/host/create-host';
import { setProcessClock } from '../../local/runtime/process-clock';
import { ACCOUNT, declaredEntities, queriesCaughtUp, REPO_ROOT } from '../support/app-host';
import { pinClock } from '../support/clock';

// the host follows the process clock, which the strict-mode catch-ups below move
pinClock();

const Manifest = z.object({ app: z.object({ storage: z.object({ entities: z.array(z.unknown()) }) }) });

describe('manifest.yml', () => {
  it('declares exactly the storage entities of src/forge/store/entities.yml', () => {
    const manifest = Manifest.parse(parse(readFileSync(join(REPO_ROOT, 'manifest.yml'), 'utf8')));
    expect(manifest.app.storage.entities).toEqual(declaredEntities());
  });

  it('runs in the local host: its resolver answers and its trigger is listening', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tether-manifest-'));
    const host = createHost({
      dataDir: dir,
      manifestPath: join(REPO_ROOT, 'manifest.yml'),
      delays: 'none',
      syncWrites: false,
      now: () => Date.now(),
    });
    try {
      const reply = await host.invokeResolver({
        moduleKey: 'tether-admin-page',
        functionKey: 'me/get',
        payload: {},
        accountId: ACCOUNT.admin,
      });
      expect(reply.ok).toBe(true);
      expect(JSON.stringify(reply.ok ? reply.value : reply.error)).toContain('"ok":true');
      expect(host.manifest.triggers.map((t) => t.function)).toEqual(['on-issue-event']);
      expect(host.manifest.propertyIndexes).toEqual([expect.objectContaining({ searchAlias: 'objective' })]);
    } finally {
      await host.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the daily-refresh scheduled trigger', () => {
  it('snapshots every stored objective through the real SDKs', async () => {
    const { storedRecords } = await import('../support/rollup-records');
    const { rollups } = await import('../../src/forge/store/rollup-entities');
    const { snapshotsOf } = await import('../../src/forge/store/refresh-stores');
    const { anObjective, aRollupInput } = await import('../support/builders');
    const dir = mkdtempSync(join(tmpdir(), 'tether-refresh-'));
    const host = createHost({
      dataDir: dir,
      manifestPath: join(REPO_ROOT, 'manifest.yml'),
      delays: 'none',
      syncWrites: false,
      now: () => Date.now(),
    });
    try {
      const objectives = [
        anObjective({ id: 'O-1', key: 'O-1', levelId: 'organisation' }),
        anObjective({ id: 'O-2', key: 'O-2', parentId: 'O-1' }),
      ];
      const stored = storedRecords(aRollupInput({ objectives }));
      await host.runtime.runInvocation({ accountId: null, moduleKey: 'test' }, async () => {
        for (const r of stored.rollups) await rollups().put(r, 0);
      });
      await queriesCaughtUp(host); // stored well before the day's refresh
      const run = await host.runScheduledTrigger('daily-refresh');
      expect(run.ok).toBe(true);
      const day = new Date().toISOString().slice(0, 10);
      await queriesCaughtUp(host); // the trend chart reads the snapshots later
      const kept = await host.runtime.runInvocation({ accountId: null, moduleKey: 'test' }, () =>
        snapshotsOf('O-2', day),
      );
      expect(kept.map((s) => s.day)).toEqual([day]);
    } finally {
      await host.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the nightly reconciliation', () => {
  it('queues a job whose consumer re-reads stored issues from Jira and repairs drift', async () => {
    const { storedRecords } = await import('../support/rollup-records');
    const { createJiraClient } = await import('../../src/forge/jira');
    const { issues } = await import('../../src/forge/store/rollup-entities');
    const { aRollupInput } = await import('../support/builders');
    const dir = mkdtempSync(join(tmpdir(), 'tether-reconcile-'));
    const host = createHost({
      dataDir: dir,
      manifestPath: join(REPO_ROOT, 'manifest.yml'),
      delays: 'none',
      syncWrites: false,
      now: () => Date.now(),
    });
    const asApp = <T>(fn: () => Promise<T>) => host.runtime.runInvocation({ accountId: null, moduleKey: 'test' }, fn);
    try {
      // storage believes WEB-5 is done, with an older `updated` than Jira's: a missed event
      jiraCaughtUp(host); // the demo site was written well before: search shows it
      await asApp(async () => {
        const web = await createJiraClient().searchIssues('project = WEB', null, 100);
        const stale = web.issues.map((i) =>
          i.key === 'WEB-5' ? { ...i, statusCategory: 'done' as const, updated: i.updated - 60_000 } : i,
        );
        for (const i of storedRecords(aRollupInput({ issues: stale })).issues) await issues().put(i, 0);
      });
      await queriesCaughtUp(host); // stored well before the night's reconciliation
      const started = await host.runScheduledTrigger('nightly-reconcile');
      expect(started.ok).toBe(true);
      await host.drain();
      const consumer = host.invocations().filter((i) => i.functionKey === 'on-reconcile');
      expect(consumer.map((i) => i.ok)).toEqual([true]);
      expect(consumer[0]!.counts.productByRoute).toEqual({
        'jira POST /rest/api/3/search/jql': 1,
        'jira GET /rest/api/3/field': 1,
      });
      const repaired = await asApp(() => issues().get('WEB-5'));
      expect(repaired!.state.statusCategory).toBe('new');
    } finally {
      await host.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Moves the host clock past strict Jira's search lag (nothing in lenient mode). */
function jiraCaughtUp(host: Host): void {
  const lag = host.jira.searchIndex.lagMs;
  if (lag > 0) setProcessClock(Date.now() + lag);
}

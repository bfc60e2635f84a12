/**
 * The project page's cost, counted by the local host: `project-page/view` for a workgroup with
 * 50 objectives and 5,000 contributing issues, in an organisation of 5,000 objectives / 200,000
 * issues and in one 10× smaller. The organisation is generated (bench/generate-org.ts), rolled
 * up (the full recompute) and written straight into the local host's KVS through the store adapters
 * (settings, workgroups (through the workgroup store), objectives, rollups, issues, contributions);
 * then the resolver is invoked through the host as the workgroup's lead, as the Custom UI would.
 * The first load asks Jira for BROWSE_PROJECTS and remembers the grant; the loads after it are
 * the ones measured (docs/resolvers.md "Permissions remembered for five minutes").
 */
import { kvs } from '@forge/kvs';
import { Settings, WorkgroupRecord, replyFor } from '../src/contract/api';
import type { Objective } from '../src/contract';
import { unstored } from '../src/app/rollup/stored-records';
import { StoredObjective } from '../src/app/objectives/stored-objective';
import { fullRecompute } from '../src/domain/rollup/full-recompute';
import { allIssueRecords } from '../src/domain/rollup/issue-records';
import {
  objectiveCounterEntity,
  objectiveEntity,
  objectiveUsageEntity,
  usageKey,
} from '../src/forge/store/objective-store';
import { contributionKey, contributions, issues, rollups } from '../src/forge/store/rollup-entities';
import { ForgeSettingsStore } from '../src/forge/store/settings-store';
import { grantKey } from '../src/forge/store/grant-cache';
import { EntityRepository } from '../src/forge/store/entity-repository';
import { ForgeWorkgroupStore } from '../src/forge/store/workgroup-store';
import { rosterEntryOf } from '../src/forge/store/workgroup-roster';
import { StoreTransaction } from '../src/forge/store/store-transaction';
import { ACCOUNT, startAppHost, type AppHost } from '../test/support/app-host';
import { generateOrg, NOW } from './generate-org';
import { fmt, median, nowMs, verdict } from './measure';

const FOCUS = { objectives: 50, issues: 5_000, workgroupId: 'web-squad', project: 'PAGE' };
/** The workgroup's Jira project: one the local Jira has, so the lead's BROWSE_PROJECTS is real. */
const PROJECT = 'WEB';
const LOADS = 7;
const TARGET = { roundTrips: 15, jiraCalls: 0, waves: 3, latencyMs: 400 };
/** Latency injected for the latency loads: a storage call, a Jira call (issue 12 part D). */
const LATENCY = { kvsMs: 40, productMs: 150 };
const LATENCY_LOADS = 5;

export interface PageFigures {
  objectives: number;
  issues: number;
  seedMs: number;
  cold: { kvs: number; jira: number };
  kvs: number;
  readUnits: number;
  waves: number;
  /** The invocation with LATENCY injected: median of LATENCY_LOADS warm loads; the cold one too. */
  latencyMs: number;
  coldLatency: { ms: number; waves: number };
  jira: number;
  writes: number;
  ms: number;
  shown: number;
  contributing: number;
  /** project-page/changes, the open page's poll (docs/project-page.md, "Live"): worst of LOADS warm calls, median time. */
  changes: { kvs: number; readUnits: number; jira: number; writes: number; ms: number };
}

/** Writes the records `perTransaction` at a time (25 operations at most in one Forge transaction). */
async function inTransactions<T>(
  records: readonly T[],
  put: (tx: StoreTransaction, r: T) => void,
  perTransaction = 25,
): Promise<void> {
  for (let i = 0; i < records.length; i += perTransaction) {
    const tx = new StoreTransaction();
    for (const r of records.slice(i, i + perTransaction)) put(tx, r);
    await tx.execute();
  }
}

/** Builds the organisation and writes it into the host's KVS as the app would have stored it. */
export async function seed(
  app: AppHost,
  objectiveCount: number,
  issueCount: number,
): Promise<{ contributing: number }> {
  const org = generateOrg({ objectives: objectiveCount, issues: issueCount, idsFromKeys: true, focus: FOCUS });
  const { input } = org;
  const full = fullRecompute(input);
  const stored = { issues: allIssueRecords(full.issues).map(unstored), rollups: full.rollups.map(unstored) };

  const krsOf = new Map<string, typeof input.keyResults>();
  for (const kr of input.keyResults) krsOf.set(kr.objectiveId, [...(krsOf.get(kr.objectiveId) ?? []), kr]);
  const objectives = input.objectives.map((o) =>
    StoredObjective.parse({ ...o, keyResults: krsOf.get(o.id) ?? [], nextKeyResultNumber: 1 }),
  );

  // every workgroup of the organisation; the singled-out one works in WEB and is led by the lead persona
  const byWorkgroup = new Map<string, Objective[]>();
  for (const o of input.objectives)
    if (o.workgroupId !== null) byWorkgroup.set(o.workgroupId, [...(byWorkgroup.get(o.workgroupId) ?? []), o]);
  const workgroups = [...byWorkgroup].map(([id, list], i) =>
    WorkgroupRecord.parse({
      id,
      name: id === FOCUS.workgroupId ? 'Web Squad' : `Workgroup ${id}`,
      kind: 'squad',
      leads: id === FOCUS.workgroupId ? [ACCOUNT.lead] : [list[0]?.owner],
      members: id === FOCUS.workgroupId ? [ACCOUNT.member] : [],
      projects: id === FOCUS.workgroupId ? [PROJECT] : [`P${Math.floor(i / 4) + 1}`],
      version: 0,
      createdAt: NOW,
      updatedAt: NOW,
    }),
  );

  const focused = new Set(input.objectives.filter((o) => o.workgroupId === FOCUS.workgroupId).map((o) => o.id));
  const linkedToFocus = new Set(input.contributions.filter((c) => focused.has(c.objectiveId)).map((c) => c.issueKey));
  const contributing = stored.issues.filter((i) => [i.key, ...i.ancestors].some((k) => linkedToFocus.has(k))).length;

  await app.host.runtime.runInvocation({ accountId: null, moduleKey: 'bench' }, async () => {
    await new ForgeSettingsStore().save(
      Settings.parse({ levels: org.levels, periods: input.periods, nextObjectiveNumber: objectiveCount + 1 }),
      0,
    );
    // through the store: it keeps whatever says which workgroups work in a project
    const workgroupStore = new ForgeWorkgroupStore();
    for (const w of workgroups) await workgroupStore.create(w);
    const objectiveRepo = new EntityRepository(objectiveEntity);
    await inTransactions(objectives, (tx, o) => tx.put(objectiveRepo, o, 0));
    // the counter the store takes keys from, written with every objective it creates: past the last key
    await new EntityRepository(objectiveCounterEntity).put({ next: objectiveCount + 1, version: 0 }, 0);
    // each workgroup's roster, as the objective store writes it with each objective (workgroup-roster.ts)
    const usageRepo = new EntityRepository(objectiveUsageEntity);
    const rosters = await usageRepo.getMany(workgroups.map((w) => usageKey('workgroup', w.id)));
    await inTransactions([...rosters.values()], (tx, u) => {
      const members = objectives.filter((o) => o.workgroupId === u.id);
      return tx.put(
        usageRepo,
        {
          ...u,
          count: members.length,
          latest: members.slice(-20).map((o) => o.key),
          members: members.map(rosterEntryOf),
        },
        u.version,
      );
    });
    const rollupRepo = rollups();
    await inTransactions(stored.rollups, (tx, r) => tx.put(rollupRepo, r, 0));
    const issueRepo = issues();
    await inTransactions(stored.issues, (tx, r) => tx.put(issueRepo, r, 0));
    const contributionRepo = contributions();
    const unique = [...new Map(input.contributions.map((c) => [contributionKey(c), c])).values()];
    await inTransactions(unique, (tx, c) => tx.put(contributionRepo, { ...c, version: 0 }, 0));
  });
  return { contributing };
}

/** Drops the lead's remembered browse grant, as five minutes would. */
async function forgetGrants(app: AppHost): Promise<void> {
  await app.host.runtime.runInvocation({ accountId: null, moduleKey: 'bench' }, () =>
    kvs.delete(grantKey(ACCOUNT.lead, `browse:${PROJECT}`)),
  );
}

async function loadPage(app: AppHost) {
  const started = nowMs();
  const result = await app.host.invokeResolver({
    moduleKey: 'tether-project-page',
    functionKey: 'project-page/view',
    accountId: ACCOUNT.lead,
    payload: { projectKey: PROJECT, periodId: 'p-2026q4' },
  });
  const ms = nowMs() - started;
  if (!result.ok) throw new Error(`project-page/view failed: ${result.error.message}`);
  const reply = replyFor('project-page/view').parse(result.value);
  if (!reply.ok) throw new Error(`project-page/view answered ${reply.error.code}: ${reply.error.message}`);
  const writes = ['/api/v1/set', '/api/v1/batch/set', '/api/v1/transaction', '/api/v1/entity/set'].reduce(
    (n, e) => n + (result.counts.kvsByEndpoint[e] ?? 0),
    0,
  );
  return {
    data: reply.data,
    kvs: result.counts.kvsRoundTrips,
    readUnits: result.counts.kvsReadUnits,
    waves: result.counts.kvsWaves,
    jira: result.counts.productCalls,
    writes,
    ms,
  };
}

/** One poll of the open page as the lead: what it cost. */
async function pollChanges(app: AppHost) {
  const started = nowMs();
  const result = await app.host.invokeResolver({
    moduleKey: 'tether-project-page',
    functionKey: 'project-page/changes',
    accountId: ACCOUNT.lead,
    payload: { projectKey: PROJECT },
  });
  const ms = nowMs() - started;
  if (!result.ok) throw new Error(`project-page/changes failed: ${result.error.message}`);
  const reply = replyFor('project-page/changes').parse(result.value);
  if (!reply.ok) throw new Error(`project-page/changes answered ${reply.error.code}: ${reply.error.message}`);
  const writes = ['/api/v1/set', '/api/v1/batch/set', '/api/v1/transaction', '/api/v1/entity/set'].reduce(
    (n, e) => n + (result.counts.kvsByEndpoint[e] ?? 0),
    0,
  );
  return {
    kvs: result.counts.kvsRoundTrips,
    readUnits: result.counts.kvsReadUnits,
    jira: result.counts.productCalls,
    writes,
    ms,
  };
}

/** Seeds one organisation in a fresh host and measures the page. */
export async function measurePage(objectiveCount: number, issueCount: number): Promise<PageFigures> {
  // lenient: 200,000 records are seeded straight into storage, which strict quotas would only make
  // wait; the page makes no query and reads 38 units, so its figures are the same in both modes
  const app = startAppHost({ forge: 'lenient' });
  try {
    const seeded = nowMs();
    const { contributing } = await seed(app, objectiveCount, issueCount);
    const seedMs = nowMs() - seeded;
    const cold = await loadPage(app);
    const loads = [];
    for (let i = 0; i < LOADS; i += 1) loads.push(await loadPage(app));
    const polls = [];
    for (let i = 0; i < LOADS; i += 1) polls.push(await pollChanges(app));
    // with latency: the grant is forgotten first, so the first load asks Jira (150 ms) as after five minutes
    app.host.runtime.setLatency(LATENCY);
    await forgetGrants(app);
    const coldLatency = await loadPage(app);
    const latencyLoads = [];
    for (let i = 0; i < LATENCY_LOADS; i += 1) latencyLoads.push(await loadPage(app));
    app.host.runtime.setLatency({ kvsMs: 0, productMs: 0 });
    const last = loads[loads.length - 1] ?? cold;
    const shown = last.data.workgroups.find((w) => w.id === FOCUS.workgroupId)?.objectives ?? [];
    if (shown.length !== FOCUS.objectives || shown.some((o) => o.rollup === null)) {
      throw new Error(`the page shows ${shown.length} objectives of ${FOCUS.objectives} (or some without a rollup)`);
    }
    return {
      objectives: objectiveCount,
      issues: issueCount,
      seedMs,
      cold: { kvs: cold.kvs, jira: cold.jira },
      kvs: Math.max(...loads.map((l) => l.kvs)),
      readUnits: Math.max(...loads.map((l) => l.readUnits)),
      waves: Math.max(...latencyLoads.map((l) => l.waves)),
      latencyMs: median(latencyLoads.map((l) => l.ms)),
      coldLatency: { ms: coldLatency.ms, waves: coldLatency.waves },
      jira: Math.max(...loads.map((l) => l.jira)),
      writes: Math.max(...loads.map((l) => l.writes)),
      ms: median(loads.map((l) => l.ms)),
      shown: shown.length,
      contributing,
      changes: {
        kvs: Math.max(...polls.map((p) => p.kvs)),
        readUnits: Math.max(...polls.map((p) => p.readUnits)),
        jira: Math.max(...polls.map((p) => p.jira)),
        writes: Math.max(...polls.map((p) => p.writes)),
        ms: median(polls.map((p) => p.ms)),
      },
    };
  } finally {
    await app.close();
  }
}

export async function runPageBench(): Promise<Record<string, number>> {
  const large = await measurePage(5_000, 200_000);
  const small = await measurePage(500, 20_000);
  for (const f of [large, small]) {
    console.log(
      `page: ${fmt(f.objectives)} objectives / ${fmt(f.issues)} issues written to the local KVS in ${fmt(f.seedMs / 1000, 1)} s;`,
    );
    console.log(`      the workgroup shows ${f.shown} objectives with ${fmt(f.contributing)} contributing issues`);
    console.log(
      `  first load (asks Jira, remembers the grant)  ${f.cold.kvs} KVS round trips, ${f.cold.jira} Jira call(s)`,
    );
    console.log(
      `  later loads (max of ${LOADS})                 ${f.kvs} KVS round trips   ${verdict(f.kvs <= TARGET.roundTrips)} (target ≤ ${TARGET.roundTrips})`,
    );
    console.log(
      `                                               ${f.jira} Jira calls   ${verdict(f.jira <= TARGET.jiraCalls)} (target ${TARGET.jiraCalls}); ${f.writes} writes; ${fmt(f.ms, 1)} ms median (invocation through the host)`,
    );
    console.log(`                                               ${fmt(f.readUnits)} KVS read units`);
    console.log(
      `  the open page's poll (project-page/changes, max of ${LOADS})  ${f.changes.kvs} KVS round trips, ${f.changes.readUnits} read units, ${f.changes.jira} Jira calls, ${f.changes.writes} writes; ${fmt(f.changes.ms, 1)} ms median`,
    );
    console.log(
      `  with ${LATENCY.kvsMs} ms a storage call, ${LATENCY.productMs} ms a Jira call: ${f.waves} sequential storage waves   ${verdict(f.waves <= TARGET.waves)} (target ≤ ${TARGET.waves})`,
    );
    console.log(
      `                                               ${fmt(f.latencyMs, 0)} ms median of ${LATENCY_LOADS}   ${verdict(f.latencyMs <= TARGET.latencyMs)} (target ≤ ${TARGET.latencyMs} ms); first load in five minutes ${fmt(f.coldLatency.ms, 0)} ms, ${f.coldLatency.waves} waves`,
    );
  }
  const same = large.kvs === small.kvs && large.jira === small.jira;
  console.log(
    `  independent of the organisation's size: ${same ? 'yes' : 'NO'} (${large.kvs} and ${small.kvs} round trips)   ${verdict(same)}`,
  );
  return {
    'page.kvs.roundtrips': large.kvs,
    'page.jira.calls': large.jira,
    'page.ms': Math.round(large.ms * 10) / 10,
    'page.small.kvs.roundtrips': small.kvs,
    'page.small.jira.calls': small.jira,
    'page.small.ms': Math.round(small.ms * 10) / 10,
    'page.kvs.readUnits': large.readUnits,
    'page.kvs.waves': large.waves,
    'page.latency.ms': Math.round(large.latencyMs),
    'page.cold.latency.ms': Math.round(large.coldLatency.ms),
    'page.cold.kvs.waves': large.coldLatency.waves,
    'page.small.kvs.readUnits': small.readUnits,
    'page.small.kvs.waves': small.waves,
    'page.cold.kvs.roundtrips': large.cold.kvs,
    'page.cold.jira.calls': large.cold.jira,
    'page.contributing.issues': large.contributing,
    'page.changes.kvs.roundtrips': large.changes.kvs,
    'page.changes.kvs.readUnits': large.changes.readUnits,
    'page.changes.jira.calls': large.changes.jira,
    'page.changes.ms': Math.round(large.changes.ms * 10) / 10,
  };
}

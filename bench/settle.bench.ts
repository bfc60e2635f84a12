/**
 * A large site, simulated (issue 12 part C): a strict local host with the generated organisation
 * (bench/generate-org.ts; 5,000 objectives / 200,000 issues by default) in its Jira and its storage,
 * then a bulk change of 5,000 linked issues within one host-minute, as Jira's bulk edit makes it.
 * The strict host delivers the `avi:jira:updated:issue` events late (1–90 s), in no order, 10 % twice,
 * and retries a trigger that fails; the KVS answers 429 over Forge's quotas and its queries lag;
 * Jira's search lags and the app has 65,000 points an hour. A trigger that storage or Jira keeps
 * refusing answers an InvocationError with a `retryAfter` (src/triggers/retry-later.ts), and the
 * nightly reconcile waits for Jira's next hour (src/app/rollup/reconcile-run.ts).
 *
 * Everything waits on the host clock: the driver moves the process clock a second at a time and
 * settles the host until no delivery, retry or queued job is left; the app's storage retry (which
 * waits out 429s) sleeps on that clock too (`clockSleep`). Afterwards every stored rollup and the
 * issue records of the changed issues and their ancestors are compared with a full recompute of the
 * issues as Jira holds them now, read through the app's own mapping (`toIssueState`).
 *
 * The organisation is written straight into the storage through the store adapters, as the page
 * benchmark does, by a lenient host on the same data folder (seeding through a strict host would
 * only wait out the write quota); the strict host then opens that folder.
 *
 * `runSettle(options)` is the whole scenario; test/local/host/bulk-change-settles.test.ts runs a
 * small one (2,000 issues, 100 objectives, 300 changes).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { stringify } from 'yaml';
import type { IssueState, Objective } from '../src/contract';
import { Settings, WorkgroupRecord } from '../src/contract/api';
import { StoredObjective } from '../src/app/objectives/stored-objective';
import { unstored, type StoredIssue, type StoredRollup } from '../src/app/rollup/stored-records';
import { fullRecompute, type RollupRecords } from '../src/domain/rollup/full-recompute';
import { allIssueRecords } from '../src/domain/rollup/issue-records';
import { recordFor } from '../src/domain/rollup/objective-record';
import { ROLLUP_FIELD_IDS, toIssueState, type IssueMapping } from '../src/forge/jira/issue-state-mapping';
import { SearchIssue } from '../src/forge/jira/jira-responses';
import { setStorageRetry } from '../src/forge/store/kvs';
import { objectiveEntity } from '../src/forge/store/objective-store';
import { contributionKey, contributions, issues, rollups } from '../src/forge/store/rollup-entities';
import { ForgeSettingsStore } from '../src/forge/store/settings-store';
import { refreshStorage } from '../src/forge/store/refresh-stores';
import { forgeReconcileProgress } from '../src/forge/store/reconcile-progress-store';
import type { ReconcileProgress } from '../src/app/rollup/reconcile-run';
import { EntityRepository } from '../src/forge/store/entity-repository';
import { ForgeWorkgroupStore } from '../src/forge/store/workgroup-store';
import { StoreTransaction } from '../src/forge/store/store-transaction';
import { createHost, type Host, type InvocationRecord } from '../local/host/create-host';
import { DEMO_ACCOUNTS, emptySite, STORY_POINT_ESTIMATE, STORY_POINTS, type JiraSnapshotInput } from '../local/jira';
import { renderIssue } from '../local/jira/issue-json';
import { Rng } from '../local/prng';
import { setProcessClock } from '../local/runtime/process-clock';
import { declaredEntities, REPO_ROOT } from '../test/support/app-host';
import { generateOrg, NOW, type GeneratedOrg } from './generate-org';
import { fmt, nowMs } from './measure';

export interface SettleOptions {
  objectives: number;
  issues: number;
  /** Linked issues changed in Jira, spread evenly over `changeWindowMs` of the host clock. */
  changes: number;
  changeWindowMs?: number;
  /** Seed of the strict host's choices (delays, order, duplicates) and of which issues change. */
  seed?: number;
  /** Give up settling after this much host time (default 3 hours). */
  maxSettleMs?: number;
  /** Give up on the night after this much host time from 01:00 (default 8 hours: the reconcile waits for Jira's hourly points). */
  maxNightMs?: number;
  /** The story-points field named in Tether's settings (an admin's choice); default none: the app looks it up. */
  storyPointsField?: string | null;
  /** After the events settle, run the nightly reconciliation the next night as the scheduled trigger does. */
  nightlyReconcile?: boolean;
  log?: (line: string) => void;
}

/** One record that differs from the full recompute, for the report. */
export interface Mismatch {
  kind: 'rollup' | 'issue';
  key: string;
  fields: string[];
}

export interface SettleReport {
  objectives: number;
  issues: number;
  changes: number;
  /** Host-clock seconds from the first change in Jira to the end of the last invocation. */
  settleS: number;
  /** Host-clock seconds from the first change to the last change (the bulk edit itself). */
  changeWindowS: number;
  wallS: number;
  seedWallS: number;
  /** Trigger invocations (every delivery and retry of an issue event). */
  deliveries: number;
  /** First deliveries beyond one per change: the strict host's duplicates. */
  duplicates: number;
  /** Deliveries that were retries (attempt ≥ 1). */
  retries: number;
  /** Invocations that failed (any attempt), and those that failed on their last attempt (lost). */
  failed: number;
  failedForGood: number;
  /** Trigger invocations that answered an InvocationError (a busy service: delivered again after its retryAfter). */
  deferred: number;
  /** The first few failures' messages. */
  failures: string[];
  /** Queue consumer and scheduled-trigger invocations. */
  otherInvocations: number;
  kvsRateLimited: number;
  kvsReadUnits: number;
  kvsWriteUnits: number;
  kvsRoundTrips: number;
  jiraCalls: number;
  jiraByRoute: Record<string, number>;
  /** Points of the app's Jira budget spent in the hour the change started (when it settled in that hour). */
  jiraPoints: number | null;
  /** Jira answered 429 to the app (counted from failure messages and the budget's end state). */
  jiraBudgetExhausted: boolean;
  /** Comparison with a full recompute of Jira's issues now. */
  rollupsCompared: number;
  issuesCompared: number;
  mismatches: Mismatch[];
  mismatchCount: number;
  /** Nothing left running or waiting in the host (deliveries, retries, queued jobs). */
  idle: boolean;
  /** The nightly reconciliation the next night, when asked for, and the comparison after it. */
  nightly: {
    durationS: number;
    invocations: number;
    failed: number;
    failures: string[];
    /** The reconciliation run as it recorded itself (the admin page's Background jobs tab reads it). */
    reconcile: ReconcileProgress | null;
    kvsRateLimited: number;
    jiraCalls: number;
    mismatches: Mismatch[];
    mismatchCount: number;
    idle: boolean;
  } | null;
}

const DAY = 86_400_000;
/** The first change happens this long after the organisation was computed (search and query lags long over). */
const CHANGE_AT = NOW + 10 * 60_000;
const TRANSITION = { inProgress: '21', done: '41' } as const;
const STATUS = { new: '10000', indeterminate: '10001', done: '10003' } as const;
const TYPE = { Epic: '10000', Story: '10001', Bug: '10003', 'Sub-task': '10004' } as const;
const MAPPING: IssueMapping = { storyPointsFieldIds: [STORY_POINT_ESTIMATE, STORY_POINTS], bugIssueTypeIds: new Set() };
const FIELDS = [...ROLLUP_FIELD_IDS, STORY_POINT_ESTIMATE, STORY_POINTS];

/** The manifest as deployed, for what a bulk change touches: the issue-events trigger, the reconcile queue, the nightly trigger, the issue property index. */
function manifest(): unknown {
  return {
    app: {
      id: 'ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000',
      runtime: { name: 'nodejs22.x' },
      storage: { entities: declaredEntities() },
    },
    permissions: { scopes: ['storage:app', 'read:jira-work', 'write:jira-work', 'read:jira-user'] },
    modules: {
      trigger: [
        {
          key: 'issue-events',
          function: 'on-issue-event',
          events: ['avi:jira:created:issue', 'avi:jira:updated:issue', 'avi:jira:deleted:issue'],
        },
      ],
      scheduledTrigger: [
        { key: 'daily-refresh', function: 'on-daily-refresh', interval: 'hour' },
        { key: 'nightly-reconcile', function: 'on-start-reconcile', interval: 'day' },
      ],
      consumer: [{ key: 'reconcile-consumer', queue: 'tether-reconcile', function: 'on-reconcile' }],
      'jira:entityProperty': [
        {
          key: 'tether-objectives',
          entityType: 'issue',
          propertyKey: 'tether',
          values: [{ path: 'objectives', type: 'string', searchAlias: 'objective' }],
        },
      ],
      function: [
        { key: 'on-issue-event', handler: 'index.onIssueEvent' },
        { key: 'on-daily-refresh', handler: 'index.onDailyRefresh', timeoutSeconds: 900 },
        { key: 'on-start-reconcile', handler: 'index.onStartReconcile' },
        { key: 'on-reconcile', handler: 'index.onReconcile', timeoutSeconds: 900 },
      ],
    },
  };
}

/** The generated organisation's issues as a Jira site: one project per key prefix, its people as users. */
function jiraSite(org: GeneratedOrg): JiraSnapshotInput {
  const people = new Set<string>();
  for (const i of org.input.issues) {
    if (i.assignee !== null) people.add(i.assignee);
    if (i.reporter !== null) people.add(i.reporter);
  }
  const projectKeys = [...new Set(org.input.issues.map((i) => i.key.slice(0, i.key.lastIndexOf('-'))))];
  const site = emptySite({
    users: [
      {
        accountId: DEMO_ACCOUNTS.admin,
        displayName: 'Ada Admin',
        emailAddress: 'ada@example.com',
        siteAdmin: true,
        persona: 'admin',
      },
      ...[...people].map((accountId) => ({
        accountId,
        displayName: accountId,
        emailAddress: `${accountId}@example.com`,
      })),
    ],
    projects: projectKeys.map((key, i) => ({
      id: String(20_000 + i),
      key,
      name: `Project ${key}`,
      leadAccountId: DEMO_ACCOUNTS.admin,
      lastIssueNumber: 0,
    })),
  });
  const projectId = new Map(projectKeys.map((key, i) => [key, String(20_000 + i)]));
  const lastNumber = new Map<string, number>();
  const idOf = new Map(org.input.issues.map((i, n) => [i.key, String(100_001 + n)]));
  site.issues = org.input.issues.map((i): JiraSnapshotInput['issues'][number] => {
    const project = i.key.slice(0, i.key.lastIndexOf('-'));
    lastNumber.set(project, Math.max(lastNumber.get(project) ?? 0, Number(i.key.slice(project.length + 1))));
    const changed = i.resolved ?? i.started ?? i.created;
    return {
      id: idOf.get(i.key) as string,
      key: i.key,
      projectId: projectId.get(project) as string,
      issueTypeId: TYPE[i.issueType as keyof typeof TYPE],
      statusId: STATUS[i.statusCategory],
      summary: i.summary,
      parentId: i.parentKey === null ? null : (idOf.get(i.parentKey) ?? null),
      numbers: i.storyPoints === null ? {} : { [STORY_POINT_ESTIMATE]: i.storyPoints },
      assigneeId: i.assignee,
      reporterId: i.reporter,
      creatorId: i.reporter,
      created: i.created,
      updated: i.updated,
      statusCategoryChanged: changed,
      resolutionId: i.statusCategory === 'done' ? '10000' : null,
      resolutiondate: i.statusCategory === 'done' ? (i.resolved ?? i.updated) : null,
      duedate: i.dueDate,
    };
  });
  site.projects = site.projects.map((p) => ({ ...p, lastIssueNumber: lastNumber.get(p.key) ?? 0 }));
  site.lastIssueId = 100_000 + org.input.issues.length;
  return site;
}

/** Every issue as the app reads it from Jira (GET issue with the rollup fields, `toIssueState`), from the local Jira's own rendering. */
function issuesAsJiraHasThem(host: Host): IssueState[] {
  const { store, site } = host.jira;
  return store
    .issues()
    .map((issue) =>
      toIssueState(
        'bench',
        SearchIssue.parse(renderIssue(store, site, issue, { full: true, fields: FIELDS })),
        MAPPING,
      ),
    );
}

async function inTransactions<T>(records: readonly T[], put: (tx: StoreTransaction, r: T) => void): Promise<void> {
  for (let i = 0; i < records.length; i += 25) {
    const tx = new StoreTransaction();
    for (const r of records.slice(i, i + 25)) put(tx, r);
    await tx.execute();
  }
}

/** Writes the organisation's records, as the app would have stored them, through the store adapters (page.bench.ts's way). */
async function seedStorage(
  host: Host,
  org: GeneratedOrg,
  full: RollupRecords,
  storyPointsField: string | null,
): Promise<void> {
  const { input } = org;
  const krsOf = new Map<string, typeof input.keyResults>();
  for (const kr of input.keyResults) krsOf.set(kr.objectiveId, [...(krsOf.get(kr.objectiveId) ?? []), kr]);
  const objectives = input.objectives.map((o) =>
    StoredObjective.parse({ ...o, keyResults: krsOf.get(o.id) ?? [], nextKeyResultNumber: 1 }),
  );
  const byWorkgroup = new Map<string, Objective[]>();
  for (const o of input.objectives)
    if (o.workgroupId !== null) byWorkgroup.set(o.workgroupId, [...(byWorkgroup.get(o.workgroupId) ?? []), o]);
  const projects = [...new Set(input.issues.map((i) => i.key.slice(0, i.key.lastIndexOf('-'))))];
  const workgroups = [...byWorkgroup].map(([id, list], i) =>
    WorkgroupRecord.parse({
      id,
      name: `Workgroup ${id}`,
      kind: 'squad',
      leads: [list[0]?.owner],
      members: [],
      projects: [projects[i % projects.length]],
      version: 0,
      createdAt: NOW - 30 * DAY,
      updatedAt: NOW - 30 * DAY,
    }),
  );
  await host.runtime.runInvocation({ accountId: null, moduleKey: 'bench' }, async () => {
    await new ForgeSettingsStore().save(
      Settings.parse({
        levels: org.levels,
        periods: input.periods,
        nextObjectiveNumber: input.objectives.length + 1,
        storyPointsField,
      }),
      0,
    );
    const workgroupStore = new ForgeWorkgroupStore();
    for (const w of workgroups) await workgroupStore.create(w);
    const objectiveRepo = new EntityRepository(objectiveEntity);
    await inTransactions(objectives, (tx, o) => tx.put(objectiveRepo, o, 0));
    const rollupRepo = rollups();
    await inTransactions(full.rollups.map(unstored), (tx, r) => tx.put(rollupRepo, r, 0));
    const issueRepo = issues();
    await inTransactions(allIssueRecords(full.issues).map(unstored), (tx, r) => tx.put(issueRepo, r, 0));
    const contributionRepo = contributions();
    const unique = [...new Map(input.contributions.map((c) => [contributionKey(c), c])).values()];
    await inTransactions(unique, (tx, c) => tx.put(contributionRepo, { ...c, version: 0 }, 0));
  });
}

/**
 * A sleep on the host clock for the app's storage retry: sleepers that start together (the same
 * turn of the event loop) wait together, and the clock moves to the earliest wake-up, so the
 * waits of concurrent invocations overlap as they would in time instead of adding up.
 */
function clockSleep(): (ms: number) => Promise<void> {
  let sleepers: { until: number; resolve: () => void }[] = [];
  let armed = false;
  const wake = () => {
    armed = false;
    const earliest = Math.min(...sleepers.map((s) => s.until));
    if (Date.now() < earliest) setProcessClock(earliest);
    const now = Date.now();
    const due = sleepers.filter((s) => s.until <= now);
    sleepers = sleepers.filter((s) => s.until > now);
    for (const s of due) s.resolve();
    if (sleepers.length > 0 && !armed) {
      armed = true;
      setTimeout(wake, 0);
    }
  };
  return (ms) =>
    new Promise<void>((resolve) => {
      sleepers.push({ until: Date.now() + ms, resolve });
      if (!armed) {
        armed = true;
        setTimeout(wake, 0);
      }
    });
}

/** Whether nothing is running or waiting in the host: `drain()` resolves before the next turn. */
async function hostIsIdle(host: Host): Promise<boolean> {
  return Promise.race([
    host.drain().then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5)),
  ]);
}

/** As stored: JSON (the engine's dictionaries have no prototype; parsed ones do). */
const asJson = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

/** Which fields of two objects differ (top level), compared as storage holds them. */
function differingFields(a: object, b: object): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => !isDeepStrictEqual(asJson(Reflect.get(a, k)), asJson(Reflect.get(b, k))));
}

/** The pace-derived figures of a record, which move with the clock while nothing else changes (docs/rollup.md, "Status"). */
const CLOCK_FIGURES = ['expected', 'status', 'pace', 'stale'] as const;

/**
 * Every stored rollup against the full recompute of Jira's issues at `now`: the tallies and inputs
 * as stored, and the record as stored apart from the figures that move with the clock; those are
 * compared on the record shown now (`recordFor` of the stored inputs at `now`).
 */
function compareRollups(stored: readonly StoredRollup[], full: RollupRecords, settings: Settings, now: number) {
  const mismatches: Mismatch[] = [];
  const byId = new Map(stored.map((r) => [r.objectiveId, r]));
  const rollupSettings = { policy: settings.rollupPolicy, periods: settings.periods };
  for (const expected of full.rollups) {
    const held = byId.get(expected.objectiveId);
    if (held === undefined) {
      mismatches.push({ kind: 'rollup', key: expected.objectiveId, fields: ['(missing)'] });
      continue;
    }
    const { version: _v, record, ...inputs } = held;
    const { record: expectedRecord, ...expectedInputs } = expected;
    const fields = differingFields(inputs, expectedInputs);
    const steady = (r: object) =>
      Object.fromEntries(Object.entries(r).filter(([k]) => !CLOCK_FIGURES.includes(k as never)));
    fields.push(...differingFields(steady(record), steady(expectedRecord)).map((f) => `record.${f}`));
    fields.push(
      ...differingFields(recordFor(inputs, rollupSettings, now), expectedRecord).map((f) => `record now.${f}`),
    );
    if (fields.length > 0) mismatches.push({ kind: 'rollup', key: expected.objectiveId, fields });
  }
  if (stored.length !== full.rollups.length)
    mismatches.push({
      kind: 'rollup',
      key: '(count)',
      fields: [`${stored.length} stored, ${full.rollups.length} expected`],
    });
  return mismatches;
}

function compareIssues(stored: ReadonlyMap<string, StoredIssue>, full: RollupRecords, keys: ReadonlySet<string>) {
  const mismatches: Mismatch[] = [];
  for (const expected of full.issues) {
    if (!keys.has(expected.key)) continue;
    const held = stored.get(expected.key);
    if (held === undefined) {
      mismatches.push({ kind: 'issue', key: expected.key, fields: ['(missing)'] });
      continue;
    }
    const { version: _v, ...record } = held;
    const fields = differingFields(record, expected);
    if (fields.length > 0) mismatches.push({ kind: 'issue', key: expected.key, fields });
  }
  return mismatches;
}

/** The linked issues the bulk edit changes: stories without children, not done, under linked epics or linked themselves. */
function chooseChanges(org: GeneratedOrg, count: number, rng: Rng): IssueState[] {
  const linked = new Set(org.input.contributions.map((c) => c.issueKey));
  const leaves = new Set(org.leafStories);
  const candidates = org.input.issues.filter(
    (i) =>
      leaves.has(i.key) &&
      i.statusCategory !== 'done' &&
      (linked.has(i.key) || (i.parentKey !== null && linked.has(i.parentKey))),
  );
  for (let i = candidates.length - 1; i > 0; i -= 1) {
    const j = rng.int(0, i);
    [candidates[i], candidates[j]] = [candidates[j] as IssueState, candidates[i] as IssueState];
  }
  if (candidates.length < count) throw new Error(`only ${candidates.length} linked issues can change, not ${count}`);
  return candidates.slice(0, count).sort((a, b) => (a.key < b.key ? -1 : 1));
}

/** Moves the host clock a second at a time and settles until nothing runs or waits (true), or `until` passes (false). */
async function settleUntilIdle(host: Host, until: number, progress: (at: number) => void): Promise<boolean> {
  let lastLog = Date.now();
  while (Date.now() < until) {
    await host.settle();
    if (await hostIsIdle(host)) return true;
    setProcessClock(Date.now() + 1_000);
    if (Date.now() - lastLog >= 60_000) {
      lastLog = Date.now();
      progress(Date.now());
    }
  }
  return false;
}

type HostFolder = Omit<Parameters<typeof createHost>[0], 'forge' | 'delays'>;

/**
 * The oracle: a full recompute of the issues as Jira has them now, against every stored rollup and
 * the stored records of the changed issues and their ancestors. Read through a lenient host on the
 * folder: the comparison's reads are not the app's and need no quota.
 */
async function compareWithJira(folder: HostFolder, org: GeneratedOrg, changedKeys: ReadonlySet<string>) {
  const reader = createHost({ ...folder, forge: 'lenient', delays: 'none' });
  try {
    const checkAt = Date.now();
    const full = fullRecompute({ ...org.input, issues: issuesAsJiraHasThem(reader), now: checkAt });
    const compareKeys = new Set<string>();
    for (const r of full.issues)
      if (changedKeys.has(r.key)) for (const k of [r.key, ...r.ancestors]) compareKeys.add(k);
    const { stored, storedIssues, settings } = await reader.runtime.runInvocation(
      { accountId: null, moduleKey: 'bench' },
      async () => ({
        stored: await rollups().query('by-number'),
        storedIssues: await issues().getMany([...compareKeys]),
        settings: await new ForgeSettingsStore().get(),
      }),
    );
    const mismatches = [
      ...compareRollups(stored, full, settings, checkAt),
      ...compareIssues(storedIssues, full, compareKeys),
    ];
    return { mismatches, full, compareKeys };
  } finally {
    await reader.close();
  }
}

export async function runSettle(options: SettleOptions): Promise<SettleReport> {
  const log = options.log ?? (() => undefined);
  const seed = options.seed ?? 7;
  const windowMs = options.changeWindowMs ?? 60_000;
  const maxSettleMs = options.maxSettleMs ?? 3 * 3_600_000;
  const maxNightMs = options.maxNightMs ?? 8 * 3_600_000;
  const started = nowMs();
  const dir = mkdtempSync(join(tmpdir(), 'tether-settle-'));
  const manifestPath = join(dir, 'manifest.yml');
  writeFileSync(manifestPath, stringify(manifest()));
  const restoreClock = setProcessClock(NOW);
  const restoreRetry = setStorageRetry({ sleep: clockSleep() });
  const hostOptions = {
    dataDir: join(dir, 'data'),
    manifestPath,
    appModulePath: join(REPO_ROOT, 'src', 'index'),
    syncWrites: false,
    // the local Jira's file is written on close only: 200,000 issues are tens of MB
    jiraWriteDelayMs: 24 * 3_600_000,
    now: () => Date.now(),
  };
  let host: Host | null = null;
  try {
    // ── the organisation: Jira, then storage as a full recompute of Jira's issues, by a lenient host ──
    const org = generateOrg({ objectives: options.objectives, issues: options.issues, idsFromKeys: true });
    const site = jiraSite(org);
    host = createHost({ ...hostOptions, forge: 'lenient', delays: 'none', seed: () => site });
    const seededIssues = issuesAsJiraHasThem(host);
    const seeded = fullRecompute({ ...org.input, issues: seededIssues, now: NOW });
    await seedStorage(host, org, seeded, options.storyPointsField ?? null);
    await host.close();
    host = null;
    const seedWallS = (nowMs() - started) / 1000;
    log(
      `settle: ${fmt(org.counts.objectives)} objectives / ${fmt(seededIssues.length)} issues in Jira and storage in ${fmt(seedWallS, 1)} s`,
    );

    // ── the strict host on the same folder ──
    setProcessClock(CHANGE_AT);
    const records: (InvocationRecord & { endedAt: number })[] = [];
    const strict = createHost({
      ...hostOptions,
      forge: 'strict',
      delays: 'real',
      randomSeed: seed,
      onInvocation: (r) => records.push({ ...r, endedAt: Date.now() }),
    });
    host = strict;
    const pointsBefore = strict.jira.appBudget?.remaining(Date.now()) ?? null;
    const hourOfChange = Math.floor(Date.now() / 3_600_000);

    // ── the bulk change: each issue one step on (To Do → In Progress, In Progress → Done), as a person ──
    const changes = chooseChanges(org, options.changes, new Rng(seed));
    const firstChangeAt = Date.now();
    let lastChangeAt = firstChangeAt;
    const perSecond = Math.ceil(changes.length / Math.max(1, windowMs / 1000));
    for (let i = 0; i < changes.length; i += perSecond) {
      setProcessClock(firstChangeAt + Math.floor((i * windowMs) / changes.length));
      for (const issue of changes.slice(i, i + perSecond)) {
        const to = issue.statusCategory === 'new' ? TRANSITION.inProgress : TRANSITION.done;
        const res = await strict.jiraRequest({
          method: 'POST',
          path: `/rest/api/3/issue/${issue.key}/transitions`,
          body: JSON.stringify({ transition: { id: to } }),
          asUser: DEMO_ACCOUNTS.admin,
        });
        if (res.status !== 204) throw new Error(`transition of ${issue.key} answered ${res.status}: ${res.body}`);
        lastChangeAt = Date.now();
      }
      await strict.settle();
    }
    log(
      `settle: ${fmt(changes.length)} issues changed in ${fmt((lastChangeAt - firstChangeAt) / 1000, 1)} s of the host clock`,
    );

    // ── settle: a second of host time at a time until nothing runs or waits ──
    const idle = await settleUntilIdle(strict, firstChangeAt + maxSettleMs, (at) =>
      log(
        `settle: +${fmt((at - firstChangeAt) / 1000)} s host time, ${fmt(records.length)} invocations so far (${fmt((nowMs() - started) / 1000)} s wall)`,
      ),
    );
    const lastEnd = Math.max(lastChangeAt, ...records.map((r) => r.endedAt));
    const settleS = (lastEnd - firstChangeAt) / 1000;
    const pointsAfter = strict.jira.appBudget?.remaining(Date.now()) ?? null;
    const sameHour = Math.floor(Date.now() / 3_600_000) === hourOfChange;
    const changedKeys = new Set(changes.map((c) => c.key));
    await strict.close();
    host = null;
    const { mismatches, full, compareKeys } = await compareWithJira(hostOptions, org, changedKeys);
    log(`settle: after the events, ${fmt(mismatches.length)} records differ from a full recompute of Jira now`);

    // ── optionally: the nightly reconciliation, as the scheduled trigger runs it the next night ──
    let nightly: SettleReport['nightly'] = null;
    if (options.nightlyReconcile === true) {
      // the hourly daily refresh brings the day's figures (pace, throughput) current from 01:00; the reconcile starts at 02:00
      setProcessClock(Math.ceil(Date.now() / DAY) * DAY + 3_600_000);
      const nightRecords: (InvocationRecord & { endedAt: number })[] = [];
      const night = createHost({
        ...hostOptions,
        forge: 'strict',
        delays: 'real',
        randomSeed: seed + 100,
        onInvocation: (r) => nightRecords.push({ ...r, endedAt: Date.now() }),
      });
      host = night;
      const startedAt = Date.now();
      for (let hour = 0; hour < 24; hour += 1) {
        setProcessClock(startedAt + hour * 3_600_000);
        await night.runScheduledTrigger('daily-refresh');
        const progress = await night.runtime.runInvocation({ accountId: null, moduleKey: 'bench' }, () =>
          refreshStorage().progress.get(),
        );
        if (progress?.finished === true) break;
      }
      setProcessClock(Math.max(Date.now(), startedAt + 3_600_000));
      await night.runScheduledTrigger('nightly-reconcile');
      const nightIdle = await settleUntilIdle(night, startedAt + maxNightMs, (at) =>
        log(
          `settle: nightly reconcile +${fmt((at - startedAt) / 1000)} s host time, ${fmt(nightRecords.length)} invocations (${fmt((nowMs() - started) / 1000)} s wall)`,
        ),
      );
      const nightEnd = Math.max(startedAt, ...nightRecords.map((r) => r.endedAt));
      const reconcileRun = await night.runtime.runInvocation({ accountId: null, moduleKey: 'bench' }, () =>
        forgeReconcileProgress().get(),
      );
      await night.close();
      host = null;
      const after = await compareWithJira(hostOptions, org, changedKeys);
      nightly = {
        durationS: (nightEnd - startedAt) / 1000,
        invocations: nightRecords.length,
        failed: nightRecords.filter((r) => !r.ok).length,
        failures: [
          ...new Set(nightRecords.filter((r) => !r.ok).map((r) => `${r.functionKey}: ${r.error ?? '?'}`)),
        ].slice(0, 5),
        reconcile: reconcileRun,
        kvsRateLimited: nightRecords.reduce((n, r) => n + r.counts.kvsRateLimited, 0),
        jiraCalls: nightRecords.reduce((n, r) => n + r.counts.productCalls, 0),
        mismatches: after.mismatches.slice(0, 20),
        mismatchCount: after.mismatches.length,
        idle: nightIdle,
      };
      log(`settle: after the nightly reconcile, ${fmt(after.mismatches.length)} records differ`);
    }

    const triggers = records.filter((r) => r.kind === 'trigger');
    const failedRecords = records.filter((r) => !r.ok);
    const sum = (f: (r: InvocationRecord) => number) => records.reduce((n, r) => n + f(r), 0);
    const jiraByRoute: Record<string, number> = {};
    for (const r of records)
      for (const [path, n] of Object.entries(r.counts.productByRoute)) {
        const route = path.replace(/\/issue\/[^/]+/, '/issue/{id}');
        jiraByRoute[route] = (jiraByRoute[route] ?? 0) + n;
      }
    return {
      objectives: org.counts.objectives,
      issues: full.issues.size,
      changes: changes.length,
      settleS,
      changeWindowS: (lastChangeAt - firstChangeAt) / 1000,
      wallS: (nowMs() - started) / 1000,
      seedWallS,
      deliveries: triggers.length,
      duplicates: triggers.filter((r) => r.attempt === 0).length - changes.length,
      retries: triggers.filter((r) => r.attempt > 0).length,
      failed: failedRecords.length,
      // lost: the last of Forge's four retries failed, or asked for a fifth
      failedForGood: records.filter((r) => r.attempt >= 4 && (!r.ok || r.retryAfter !== undefined)).length,
      deferred: triggers.filter((r) => r.retryAfter !== undefined).length,
      failures: [...new Set(failedRecords.map((r) => `${r.functionKey}: ${r.error ?? '?'}`))].slice(0, 5),
      otherInvocations: records.length - triggers.length,
      kvsRateLimited: sum((r) => r.counts.kvsRateLimited),
      kvsReadUnits: sum((r) => r.counts.kvsReadUnits),
      kvsWriteUnits: sum((r) => r.counts.kvsWriteUnits),
      kvsRoundTrips: sum((r) => r.counts.kvsRoundTrips),
      jiraCalls: sum((r) => r.counts.productCalls),
      jiraByRoute,
      jiraPoints: sameHour && pointsBefore !== null && pointsAfter !== null ? pointsBefore - pointsAfter : null,
      jiraBudgetExhausted: failedRecords.some((r) => /\b429\b/.test(r.error ?? '')) || pointsAfter === 0,
      nightly,
      rollupsCompared: full.rollups.length,
      issuesCompared: compareKeys.size,
      mismatches: mismatches.slice(0, 20),
      mismatchCount: mismatches.length,
      idle,
    };
  } finally {
    await host?.close();
    restoreRetry();
    restoreClock();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runSettleBench(): Promise<Record<string, number>> {
  const r = await runSettle({
    objectives: 5_000,
    issues: 200_000,
    changes: 5_000,
    nightlyReconcile: true,
    log: (l) => console.log(l),
  });
  const eventsSettled = r.mismatchCount === 0 && r.failedForGood === 0 && r.idle;
  console.log(
    `settle: a bulk change of ${fmt(r.changes)} linked issues within ${fmt(r.changeWindowS)} s; the events' last invocation ended ${fmt(r.settleS)} s of the host clock after the first change (${fmt(r.wallS)} s wall, ${fmt(r.seedWallS)} s of it seeding)`,
  );
  console.log(
    `        ${fmt(r.deliveries)} deliveries: ${fmt(r.duplicates)} duplicates, ${fmt(r.retries)} retries; ${fmt(r.deferred)} answered an InvocationError (retryAfter), ${fmt(r.failed)} failed, ${fmt(r.failedForGood)} for good (lost)`,
  );
  for (const f of r.failures) console.log(`        failure: ${f}`);
  console.log(
    `        KVS: ${fmt(r.kvsRoundTrips)} round trips, ${fmt(r.kvsReadUnits)} read units, ${fmt(r.kvsWriteUnits)} write units, ${fmt(r.kvsRateLimited)} answered 429`,
  );
  console.log(
    `        Jira: ${fmt(r.jiraCalls)} calls (${Object.entries(r.jiraByRoute)
      .map(([k, n]) => `${k} ${fmt(n)}`)
      .join(
        ', ',
      )}), ${r.jiraPoints === null ? '?' : fmt(r.jiraPoints)} points${r.jiraBudgetExhausted ? ", the hour's budget spent (429)" : ''}`,
  );
  console.log(
    `        after the events: ${fmt(r.mismatchCount)} of ${fmt(r.rollupsCompared)} rollups and ${fmt(r.issuesCompared)} issue records differ from a full recompute of Jira now; idle: ${r.idle ? 'yes' : 'NO'}   ${eventsSettled ? 'PASS' : 'FAIL'}`,
  );
  for (const m of r.mismatches.slice(0, 5)) console.log(`        differs: ${m.kind} ${m.key}: ${m.fields.join(', ')}`);
  const n = r.nightly;
  if (n !== null) {
    console.log(
      `        the next night (daily refresh from 01:00, reconcile at 02:00): ${fmt(n.invocations)} invocations over ${fmt(n.durationS)} s, ${fmt(n.failed)} failed, ${fmt(n.kvsRateLimited)} KVS 429s, ${fmt(n.jiraCalls)} Jira calls; then ${fmt(n.mismatchCount)} records differ; idle: ${n.idle ? 'yes' : 'NO'}   ${n.mismatchCount === 0 && n.idle ? 'PASS' : 'FAIL'}`,
    );
    for (const f of n.failures) console.log(`        failure: ${f}`);
    const run = n.reconcile;
    if (run !== null)
      console.log(
        `        the reconcile run: ${run.phase}, ${fmt(run.checked)} issues checked (${fmt(run.repaired)} repaired), ${fmt(run.objectivesChecked)} objectives (${fmt(run.objectivesRepaired)} repaired); ${run.finishedAt === null ? 'not finished' : `finished ${fmt((run.finishedAt - run.startedAt) / 1000)} s after it started`}`,
      );
  }
  const figures: Record<string, number> = {
    'settle.bulk5000.s': Math.round(r.settleS),
    'settle.bulk5000.wall.s': Math.round(r.wallS),
    'settle.bulk5000.deliveries': r.deliveries,
    'settle.bulk5000.duplicates': r.duplicates,
    'settle.bulk5000.retries': r.retries,
    'settle.bulk5000.failedForGood': r.failedForGood,
    'settle.bulk5000.deferred': r.deferred,
    'settle.bulk5000.kvs.rateLimited': r.kvsRateLimited,
    'settle.bulk5000.kvs.readUnits': r.kvsReadUnits,
    'settle.bulk5000.kvs.writeUnits': r.kvsWriteUnits,
    'settle.bulk5000.jira.calls': r.jiraCalls,
    'settle.bulk5000.mismatches': r.mismatchCount,
  };
  if (r.jiraPoints !== null) figures['settle.bulk5000.jira.points'] = r.jiraPoints;
  if (n !== null) {
    figures['settle.bulk5000.nightly.mismatches'] = n.mismatchCount;
    figures['settle.bulk5000.nightly.s'] = Math.round(n.durationS);
    figures['settle.bulk5000.nightly.jira.calls'] = n.jiraCalls;
  }
  // the bench's own check: the events settle exactly, nothing lost, and the night changes nothing (else no figures are written)
  if (!eventsSettled || n === null || n.mismatchCount > 0 || !n.idle)
    throw new Error(
      `the bulk change did not settle: ${r.mismatchCount} records differed after the events (${r.failedForGood} deliveries lost), ${n?.mismatchCount ?? '?'} after the nightly reconcile`,
    );
  return figures;
}

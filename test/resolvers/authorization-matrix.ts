/**
 * The authorization matrix of docs/resolvers.md ("The authorization matrix"), read from the doc,
 * and what it takes to run one cell: the organisation (setUpMatrix), each row's payload (RUNS,
 * matched to the rows by their text) and the call (runMatrixCase). Used by
 * authorization-matrix.test.ts (npm test) and bench/security.bench.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_KEYS, type ApiKey } from '../../src/contract/api';
import { ForgeObjectiveStore } from '../../src/forge/store/objective-store';
import { forgePromptStore } from '../../src/forge/store/prompt-store';
import { ForgeWorkgroupStore } from '../../src/forge/store/workgroup-store';
import { MODULES, resolverReplyUnchecked } from '../../local/app-calls/resolver-caller';
import { demoSite } from '../../local/jira';
import { aPrompt } from '../support/prompt-builders';
import { ACCOUNT, asPersona, queriesCaughtUp, REPO_ROOT, writesIn, type AppHost } from '../support/app-host';
import { ok } from './resolver-kit';
import { organisation, PERIOD } from './objective-kit';

// ---- the doc's table ----

export const CALLERS = ['owner', 'lead', 'other lead', 'member', 'outsider', 'admin', 'no user'] as const;
export type Caller = (typeof CALLERS)[number];
export type Visibility = 'public' | 'restricted';
export const VISIBILITIES: readonly Visibility[] = ['public', 'restricted'];

export interface MatrixRow {
  call: string;
  key: ApiKey;
  expected: Record<Caller, Record<Visibility, string>>;
}

/** The rows of the table under "### The authorization matrix" in docs/resolvers.md. */
export function readMatrix(): MatrixRow[] {
  const doc = readFileSync(join(REPO_ROOT, 'docs', 'resolvers.md'), 'utf8');
  const start = doc.indexOf('### The authorization matrix');
  if (start < 0) throw new Error('docs/resolvers.md has no "### The authorization matrix" section');
  const end = doc.indexOf('\n## ', start);
  const lines = doc
    .slice(start, end < 0 ? undefined : end)
    .split('\n')
    .filter((l) => l.startsWith('|'));
  const cells = (line: string) =>
    line
      .slice(1, line.endsWith('|') ? -1 : undefined)
      .split('|')
      .map((c) => c.trim());
  const header = cells(lines[0] ?? '').join(' | ');
  if (header !== ['call', ...CALLERS].join(' | '))
    throw new Error(`the matrix's columns are ${header}, not call | ${CALLERS.join(' | ')}`);
  return lines.slice(2).map((line) => {
    const [call = '', ...outcomes] = cells(line);
    const key = /^`([^`]+)`/.exec(call)?.[1];
    if (key === undefined || !(API_KEYS as readonly string[]).includes(key))
      throw new Error(`the matrix row "${call}" names no resolver key`);
    if (outcomes.length !== CALLERS.length) throw new Error(`the matrix row "${call}" has ${outcomes.length} cells`);
    const expected = Object.fromEntries(
      CALLERS.map((caller, i) => {
        const [pub = '', res = pub] = (outcomes[i] ?? '').split('/').map((s) => s.trim());
        return [caller, { public: pub, restricted: res }];
      }),
    ) as MatrixRow['expected'];
    return { call: call.replace(/`/g, ''), key: key as ApiKey, expected };
  });
}

// ---- the organisation ----

const OWNER = 'matrix-owner';
const OTHER_LEAD = 'matrix-other-lead';
const ACCOUNT_OF: Record<Caller, string | null> = {
  owner: OWNER,
  lead: ACCOUNT.lead,
  'other lead': OTHER_LEAD,
  member: ACCOUNT.member,
  outsider: ACCOUNT.outsider,
  admin: ACCOUNT.admin,
  'no user': null,
};

/** The demo site, with the owner and the other lead as plain members of WEB. */
export function matrixSeed(now: number) {
  const site = demoSite(now);
  return {
    ...site,
    users: [
      ...site.users,
      { accountId: OWNER, displayName: 'Owen Owner', emailAddress: 'owen@example.com' },
      { accountId: OTHER_LEAD, displayName: 'Olga Other', emailAddress: 'olga@example.com' },
    ],
    projects: site.projects.map((p) =>
      p.key === 'WEB'
        ? { ...p, roles: { ...p.roles, [OWNER]: 'member' as const, [OTHER_LEAD]: 'member' as const } }
        : p,
    ),
  };
}

export interface Target {
  key: string;
  keyResultId: string;
  promptId: string;
}

let serial = 0;

/** An objective of Web Squad under O-1 owned by the owner, with a metric key result, WEB-2 linked, a check-in and an open escalation for the owner. */
async function makeTarget(app: AppHost, visibility: Visibility): Promise<Target> {
  serial += 1;
  const created = await ok(app, 'lead', 'objectives/create', {
    title: `Matrix objective ${serial}`,
    levelId: 'workgroup',
    periodId: PERIOD,
    workgroupId: 'web-squad',
    parentId: 'O-1',
    owner: OWNER,
    visibility,
  });
  const key = created.objective.key;
  const withKr = await ok(app, 'lead', 'key-results/create', {
    objectiveKey: key,
    version: created.objective.version,
    keyResult: {
      kind: 'metric',
      title: 'Signups',
      baseline: 0,
      target: 100,
      direction: 'increase',
      unit: 'signups',
      owner: OWNER,
    },
  });
  const keyResultId = withKr.keyResult.id;
  await ok(app, 'lead', 'contributions/link', { issueKey: 'WEB-2', objectiveKey: key });
  await ok(app, 'admin', 'check-ins/create', { objectiveKey: key, keyResultId, value: 10, confidence: 'medium' });
  const prompt = aPrompt({
    id: `escalation:${key}:matrix`,
    kind: 'escalation',
    recipient: OWNER,
    subject: { type: 'objective', objectiveId: key },
    createdAt: Date.now(),
    dueAt: Date.now() + 7 * 86_400_000,
    deliveredAt: Date.now(),
  });
  await asPersona(app.host, null, () => forgePromptStore().createMissing([prompt]));
  // set up by others earlier: the caller acts later (docs/testing.md, "Queries lag writes")
  await queriesCaughtUp(app);
  return { key, keyResultId, promptId: prompt.id };
}

const objectiveVersion = (app: AppHost, key: string) =>
  asPersona(app.host, null, async () => (await new ForgeObjectiveStore().get(key))?.version ?? 0);
const workgroupVersion = (app: AppHost, id: string) =>
  asPersona(app.host, null, async () => (await new ForgeWorkgroupStore().get(id))?.version ?? 0);
const settingsVersion = async (app: AppHost) => (await ok(app, 'admin', 'settings/get')).version;

// ---- the payloads, by row ----

interface Context {
  app: AppHost;
  t: Target;
  /** The call is expected to succeed (it may change what it names, so it gets its own). */
  succeeds: boolean;
}

interface RowCall {
  payload: (c: Context) => Promise<unknown>;
  /** Changes the objective: a call expected to succeed gets an objective of its own. */
  changes?: boolean;
  module?: string;
}

export const RUNS: Record<string, RowCall> = {
  'settings/get': { payload: async () => ({}) },
  'settings/update': {
    payload: async ({ app }) => ({ version: await settingsVersion(app), rollupPolicy: { atRiskLag: 0.15 } }),
  },
  'levels/update': {
    payload: async ({ app }) => {
      const settings = await ok(app, 'admin', 'settings/get');
      serial += 1;
      return {
        version: settings.version,
        levels: settings.levels.map((l, i) => ({ id: l.id, name: i === 1 ? `Strategic ${serial}` : l.name })),
      };
    },
  },
  'periods/create': {
    payload: async ({ app }) => ({
      version: await settingsVersion(app),
      name: `Matrix period ${++serial}`,
      start: '2028-01-01',
      end: '2028-03-31',
    }),
  },
  'periods/update': {
    payload: async ({ app }) => ({ version: await settingsVersion(app), id: '2027-q1', name: `2027 Q1 (${++serial})` }),
  },
  'periods/close': {
    payload: async ({ app, succeeds }) => {
      if (!succeeds) return { version: await settingsVersion(app), id: '2027-q1' };
      const { period, settings } = await ok(app, 'admin', 'periods/create', {
        version: await settingsVersion(app),
        name: `To close ${++serial}`,
        start: '2029-01-01',
        end: '2029-03-31',
      });
      return { version: settings.version, id: period.id };
    },
  },
  'workgroups/list': { payload: async () => ({}) },
  'workgroups/list of the project WEB': { payload: async () => ({ projectKey: 'WEB' }), module: MODULES.projectPage },
  'workgroups/create': {
    payload: async () => ({ name: `Matrix group ${++serial}`, kind: 'squad', leads: [ACCOUNT.member] }),
  },
  'workgroups/update': {
    payload: async ({ app }) => ({ id: 'data-team', version: await workgroupVersion(app, 'data-team'), kind: 'squad' }),
  },
  'workgroups/delete': {
    payload: async ({ app, succeeds }) => {
      if (!succeeds) return { id: 'data-team', version: await workgroupVersion(app, 'data-team') };
      const group = await ok(app, 'admin', 'workgroups/create', {
        name: `To delete ${++serial}`,
        kind: 'squad',
        leads: [ACCOUNT.member],
      });
      return { id: group.id, version: group.version };
    },
  },
  'me/get': { payload: async () => ({}) },
  'me/notifications': { payload: async () => ({}) },
  'objectives/list': { payload: async () => ({}) },
  'objectives/create at the top level': {
    payload: async () => ({ title: `Top ${++serial}`, levelId: 'organisation', periodId: PERIOD }),
  },
  'objectives/create in the workgroup': {
    payload: async () => ({
      title: `Squad ${++serial}`,
      levelId: 'workgroup',
      periodId: PERIOD,
      workgroupId: 'web-squad',
      parentId: 'O-1',
    }),
  },
  'objectives/update of the title': {
    changes: true,
    payload: async ({ app, t }) => ({ key: t.key, version: await objectiveVersion(app, t.key), title: 'A new title' }),
  },
  'objectives/update of the weight': {
    changes: true,
    payload: async ({ app, t }) => ({ key: t.key, version: await objectiveVersion(app, t.key), weight: 2 }),
  },
  'objectives/archive': {
    changes: true,
    payload: async ({ app, t }) => ({ key: t.key, version: await objectiveVersion(app, t.key) }),
  },
  'objectives/move': {
    changes: true,
    payload: async ({ app, t }) => ({ key: t.key, version: await objectiveVersion(app, t.key), parentId: 'O-2' }),
  },
  'key-results/create': {
    changes: true,
    payload: async ({ app, t }) => ({
      objectiveKey: t.key,
      version: await objectiveVersion(app, t.key),
      keyResult: { kind: 'completion', title: 'Done' },
    }),
  },
  'key-results/update of the target': {
    changes: true,
    payload: async ({ app, t }) => ({
      objectiveKey: t.key,
      version: await objectiveVersion(app, t.key),
      keyResultId: t.keyResultId,
      target: 120,
    }),
  },
  'key-results/update of the title': {
    changes: true,
    payload: async ({ app, t }) => ({
      objectiveKey: t.key,
      version: await objectiveVersion(app, t.key),
      keyResultId: t.keyResultId,
      title: 'Paying signups',
    }),
  },
  'key-results/delete': {
    changes: true,
    payload: async ({ app, t }) => ({
      objectiveKey: t.key,
      version: await objectiveVersion(app, t.key),
      keyResultId: t.keyResultId,
    }),
  },
  'check-ins/create': {
    changes: true,
    payload: async ({ t }) => ({ objectiveKey: t.key, keyResultId: t.keyResultId, value: 20, confidence: 'high' }),
  },
  'check-ins/create-many': {
    changes: true,
    payload: async ({ t }) => ({
      objectiveKey: t.key,
      requestId: 'matrix-request',
      checkIns: [{ keyResultId: t.keyResultId, value: 25, confidence: 'medium' }],
    }),
  },
  'check-ins/list': { payload: async ({ t }) => ({ objectiveKey: t.key }) },
  'contributions/link of WEB-4': {
    changes: true,
    payload: async ({ t }) => ({ issueKey: 'WEB-4', objectiveKey: t.key }),
  },
  'contributions/unlink of WEB-2': {
    changes: true,
    payload: async ({ t }) => ({ issueKey: 'WEB-2', objectiveKey: t.key }),
  },
  'contributions/link-many of WEB-4 and WEB-5': {
    changes: true,
    payload: async ({ t }) => ({ issueKeys: ['WEB-4', 'WEB-5'], objectiveKey: t.key }),
    module: MODULES.projectPage,
  },
  'contributions/counted of WEB-2': {
    payload: async ({ t }) => ({ issueKeys: ['WEB-2'], objectiveKey: t.key }),
    module: MODULES.projectPage,
  },
  'project-page/view of WEB': { payload: async () => ({ projectKey: 'WEB' }), module: MODULES.projectPage },
  'project-page/changes of WEB': { payload: async () => ({ projectKey: 'WEB' }), module: MODULES.projectPage },
  'project-page/feedback of WEB': { payload: async () => ({ projectKey: 'WEB' }), module: MODULES.projectPage },
  'project-page/objective of WEB': {
    payload: async ({ t }) => ({ projectKey: 'WEB', objectiveKey: t.key }),
    module: MODULES.projectPage,
  },
  'issue-panel/view of WEB-2': { payload: async () => ({ issueKey: 'WEB-2' }), module: MODULES.issuePanel },
  'organisation/view': { payload: async () => ({ periodId: PERIOD }) },
  'objectives/history': { payload: async ({ t }) => ({ objectiveKey: t.key }) },
  'objectives/explain': { payload: async ({ t }) => ({ objectiveKey: t.key }) },
  'objectives-file/export': { payload: async () => ({}) },
  'objectives-file/upload-part': {
    payload: async () => ({ uploadId: `upload-matrix-${++serial}-0000`, index: 0, count: 2, text: 'objectives:' }),
  },
  'objectives-file/import': {
    payload: async ({ app, succeeds }) => ({
      text: succeeds ? (await ok(app, 'admin', 'objectives-file/export')).text : 'objectives: []',
      apply: false,
    }),
  },
  'objectives-file/import-status of a job that does not exist': {
    payload: async () => ({ jobId: 'import-0000000000000-matrix' }),
  },
  'jql/validate': { payload: async () => ({ jql: 'project = WEB' }) },
  'carry-forward/preview': { payload: async () => ({ id: PERIOD, toPeriodId: '2027-q1' }) },
  'carry-forward/apply': {
    payload: async ({ app }) => ({ version: await settingsVersion(app), id: PERIOD, toPeriodId: '2027-q1' }),
  },
  'prompts/inbox': { payload: async () => ({}) },
  "prompts/answer of the owner's escalation": {
    changes: true,
    payload: async ({ t }) => ({ promptId: t.promptId, answer: { kind: 'escalation', choice: 'keep-course' } }),
  },
  "prompts/dismiss of the owner's escalation": {
    changes: true,
    payload: async ({ t }) => ({ promptId: t.promptId }),
  },
  "prompts/snooze of the owner's escalation": {
    changes: true,
    payload: async ({ t }) => ({ promptId: t.promptId, days: 1 }),
  },
  'prompts/answered of the workgroup': { payload: async () => ({ workgroupId: 'web-squad' }) },
  'objectives/decisions': { payload: async ({ t }) => ({ objectiveKey: t.key }) },
  'feedback/period': { payload: async () => ({ periodId: PERIOD }) },
  'jobs/list': { payload: async () => ({}) },
  'jobs/retry of a job that does not exist': {
    payload: async () => ({ kind: 'import', id: 'import-0000000000000-matrix' }),
  },
};

// ---- the organisation and one call ----

export type SharedTargets = Record<Visibility, Target>;

/**
 * objective-kit's organisation (O-1; Web Squad, Mobile Team), the period 2027 Q1, Data Team (led
 * by the other lead), O-2 (another top objective to move to), and one public and one restricted
 * objective for the calls that only read or are refused.
 */
export async function setUpMatrix(app: AppHost): Promise<SharedTargets> {
  await organisation(app);
  const settings = await ok(app, 'admin', 'settings/get');
  await ok(app, 'admin', 'periods/create', {
    version: settings.version,
    name: '2027 Q1',
    start: '2027-01-01',
    end: '2027-03-31',
  });
  await ok(app, 'admin', 'workgroups/create', { name: 'Data Team', kind: 'squad', leads: [OTHER_LEAD] });
  await ok(app, 'admin', 'objectives/create', { title: 'Another priority', levelId: 'organisation', periodId: PERIOD });
  return { public: await makeTarget(app, 'public'), restricted: await makeTarget(app, 'restricted') };
}

const REFUSALS = new Set(['FORBIDDEN', 'NOT_FOUND', 'VALIDATION', 'CONFLICT', 'LIMIT', 'UNAVAILABLE', 'INTERNAL']);

/** Whether the row depends on the objective's visibility (it runs once when not). */
export function byVisibility(row: MatrixRow): boolean {
  return CALLERS.some((c) => row.expected[c].public !== row.expected[c].restricted) || RUNS[row.call]?.changes === true;
}

/** Every cell to run: the row, the caller, the objective's visibility and the expected answer. */
export function matrixCases(rows: readonly MatrixRow[]) {
  return rows.flatMap((row) =>
    (byVisibility(row) ? VISIBILITIES : (['public'] as const)).flatMap((visibility) =>
      CALLERS.map((caller) => ({ row, caller, visibility, expected: row.expected[caller][visibility] })),
    ),
  );
}

/**
 * Runs one cell: `outcome` is `ok`, `shown`/`hidden` for a view, or the error code; `message` the
 * refusal's; `writes` the KVS writes the call made. A call expected to succeed on the objective
 * gets an objective of its own (it may archive it, delete its key result, answer its prompt).
 */
export async function runMatrixCase(
  app: AppHost,
  shared: SharedTargets,
  row: MatrixRow,
  caller: Caller,
  visibility: Visibility,
): Promise<{ expected: string; outcome: string; message: string; writes: number }> {
  const run = RUNS[row.call];
  if (run === undefined) throw new Error(`no payload for ${row.call}`);
  const expected = row.expected[caller][visibility];
  const succeeds = !REFUSALS.has(expected);
  const t = succeeds && run.changes === true ? await makeTarget(app, visibility) : shared[visibility];
  const payload = await run.payload({ app, t, succeeds });
  const { reply, counts } = await resolverReplyUnchecked(
    app.host,
    { accountId: ACCOUNT_OF[caller], moduleKey: run.module ?? MODULES.adminPage, name: caller },
    row.key,
    payload,
  );
  let outcome: string = reply.ok ? 'ok' : reply.error.code;
  if (reply.ok && (expected === 'shown' || expected === 'hidden'))
    outcome = JSON.stringify(reply.data).includes(`"${t.key}"`) ? 'shown' : 'hidden';
  return { expected, outcome, message: reply.ok ? '' : reply.error.message, writes: writesIn(counts.kvsByEndpoint) };
}

/**
 * One row's payload on the objective `t` names, for a call that is not expected to succeed, and
 * the call with any payload as `caller`: for comparing the refusal of a restricted objective's key
 * with that of a key that does not exist (not-found-alike.test.ts).
 */
export function rowPayload(app: AppHost, row: MatrixRow, t: Target): Promise<unknown> {
  const run = RUNS[row.call];
  if (run === undefined) throw new Error(`no payload for ${row.call}`);
  return run.payload({ app, t, succeeds: false });
}

export async function callRow(app: AppHost, row: MatrixRow, caller: Caller, payload: unknown) {
  const { reply, counts } = await resolverReplyUnchecked(
    app.host,
    { accountId: ACCOUNT_OF[caller], moduleKey: RUNS[row.call]?.module ?? MODULES.adminPage, name: caller },
    row.key,
    payload,
  );
  return { reply, writes: writesIn(counts.kvsByEndpoint) };
}

/**
 * The contract fuzz (issue 13): payloads generated from the contract (contract-arbitraries.ts)
 * sent to every resolver key as every persona and as no user, on an organisation with restricted
 * objectives, linked issues, check-ins and prompts. Every reply is checked for three things:
 *
 * - no `INTERNAL`, and no invocation that fails or answers outside its contract;
 * - a refusal (`ok: false`) wrote nothing (the host's KVS counters: set, delete, transaction, …);
 * - no reply to someone who may not see a restricted objective holds its key or title (or a key
 *   result's title), unless the key was in their own payload and the reply is a refusal.
 *
 * Who may see a restricted objective is read from storage again after every write that succeeds
 * (the fuzz changes owners, workgroups and visibility too). Used by contract-fuzz.test.ts
 * (npm test) and bench/security.bench.ts (a larger run).
 */
import fc from 'fast-check';
import { API_KEYS, type ApiKey } from '../../src/contract/api';
import { EntityRepository } from '../../src/forge/store/entity-repository';
import { ForgeObjectiveStore, objectiveCounterEntity } from '../../src/forge/store/objective-store';
import { ForgeWorkgroupStore } from '../../src/forge/store/workgroup-store';
import { MODULES, ResolverCallFailure, resolverReplyUnchecked } from '../../local/app-calls/resolver-caller';
import { setProcessClock } from '../../local/runtime/process-clock';
import { ACCOUNT, asPersona, PERSONAS, writesIn, type AppHost, type Persona } from '../support/app-host';
import { payloadArb, type Pools } from './contract-arbitraries';
import { DAY, runJob, storedPrompts } from './prompt-kit';
import { ok } from './resolver-kit';
import { transition } from './live-host';
import { onIssueEvent } from '../../src/triggers/issue-events';
import { organisation, PERIOD } from './objective-kit';

export type FindingKind = 'internal' | 'failure' | 'write-on-refusal' | 'leak';

export interface Finding {
  kind: FindingKind;
  key: ApiKey;
  persona: Persona | 'nobody';
  payload: string;
  reply: string;
}

export interface FuzzResult {
  seed: number;
  payloads: number;
  refusals: number;
  successes: number;
  /** Replies by code (`ok` for an answer): how far the payloads reached. */
  codes: Record<string, number>;
  findings: Finding[];
  ms: number;
}

/** Titles of the fixture's restricted objectives and key results: words no generator makes. */
export const SECRET = {
  squad: { title: 'Nightingale launch plan', keyResult: 'Nightingale signups' },
  mobile: { title: 'Kestrel pricing overhaul', keyResult: 'Kestrel conversion' },
};

/**
 * The fuzz organisation: objective-kit's (2026 Q4; Web Squad led by lead with member, project WEB;
 * Mobile Team led by admin, project MOB; O-1 at the top), a second period, and
 * - O-2, public, of Web Squad, with a key result, WEB-2 linked;
 * - O-3, restricted, of Web Squad, owned by member, with a key result, a check-in, WEB-3 linked
 *   (the outsider may browse WEB but not see O-3);
 * - O-4, restricted, of Mobile Team, owned by admin, with a key result, a check-in, MOB-1 linked
 *   (lead, member and outsider may not see it);
 * - WEB-5 (reported by lead) serving O-3, assigned to the outsider and finished: the outcome review
 *   goes to the reporter, who may see O-3; the outsider, who did the work, is told nothing of it;
 * then the prompt job a week later (check-ins due, alignment gaps).
 */
export async function fuzzOrganisation(app: AppHost): Promise<{ promptIds: string[] }> {
  await organisation(app);
  const settings = await ok(app, 'admin', 'settings/get');
  await ok(app, 'admin', 'periods/create', {
    version: settings.version,
    name: '2027 Q1',
    start: '2027-01-01',
    end: '2027-03-31',
  });
  const squad = { levelId: 'workgroup', periodId: PERIOD, parentId: 'O-1' };
  await ok(app, 'lead', 'objectives/create', { ...squad, title: 'One-click checkout', workgroupId: 'web-squad' });
  await ok(app, 'lead', 'key-results/create', {
    objectiveKey: 'O-2',
    version: 1,
    keyResult: { kind: 'completion', title: 'Checkout done' },
  });
  await ok(app, 'lead', 'objectives/create', {
    ...squad,
    title: SECRET.squad.title,
    workgroupId: 'web-squad',
    owner: ACCOUNT.member,
    visibility: 'restricted',
  });
  await ok(app, 'lead', 'key-results/create', {
    objectiveKey: 'O-3',
    version: 1,
    keyResult: {
      kind: 'metric',
      title: SECRET.squad.keyResult,
      baseline: 0,
      target: 100,
      unit: 'signups',
      direction: 'increase',
    },
  });
  await ok(app, 'admin', 'objectives/create', {
    ...squad,
    title: SECRET.mobile.title,
    workgroupId: 'mobile-team',
    visibility: 'restricted',
  });
  await ok(app, 'admin', 'key-results/create', {
    objectiveKey: 'O-4',
    version: 1,
    keyResult: {
      kind: 'metric',
      title: SECRET.mobile.keyResult,
      baseline: 0,
      target: 10,
      unit: '%',
      direction: 'increase',
    },
  });
  await ok(app, 'lead', 'contributions/link', { issueKey: 'WEB-2', objectiveKey: 'O-2' });
  await ok(app, 'member', 'contributions/link', { issueKey: 'WEB-3', objectiveKey: 'O-3' });
  await ok(app, 'admin', 'contributions/link', { issueKey: 'MOB-1', objectiveKey: 'O-4' });
  await outsiderFinishes(app, 'WEB-5', 'O-3');
  await ok(app, 'member', 'check-ins/create', {
    objectiveKey: 'O-3',
    keyResultId: 'O-3.KR-1',
    value: 10,
    confidence: 'medium',
  });
  await ok(app, 'admin', 'check-ins/create', {
    objectiveKey: 'O-4',
    keyResultId: 'O-4.KR-1',
    value: 2,
    confidence: 'low',
  });
  await runJob(app, Date.now() + 9 * DAY);
  const promptIds: string[] = [];
  for (const persona of PERSONAS) for (const p of await storedPrompts(app, ACCOUNT[persona])) promptIds.push(p.id);
  return { promptIds };
}

/** An issue serving a restricted objective, assigned to the outsider and finished; Jira's event reaches the app. */
async function outsiderFinishes(app: AppHost, issueKey: string, objectiveKey: string): Promise<void> {
  await ok(app, 'member', 'contributions/link', { issueKey, objectiveKey });
  const assigned = await app.host.jiraRequest({
    method: 'PUT',
    path: `/rest/api/3/issue/${issueKey}`,
    body: JSON.stringify({ fields: { assignee: { accountId: ACCOUNT.outsider } } }),
    asUser: ACCOUNT.lead,
  });
  if (assigned.status !== 204) throw new Error(`assigning ${issueKey} answered ${assigned.status}: ${assigned.body}`);
  await transition(app, 'outsider', issueKey, 'done');
  await asPersona(app.host, null, () =>
    onIssueEvent({ eventType: 'avi:jira:updated:issue', issue: { key: issueKey } }),
  );
}

/**
 * Payloads sent as every caller before the generated ones, whatever the seed: where a restricted
 * objective is most likely to leak to the outsider who did its work (WEB-5 above).
 */
export const LEAK_CASES: ReadonlyArray<{ key: ApiKey; payload: unknown }> = [
  { key: 'prompts/inbox', payload: {} },
  { key: 'prompts/inbox', payload: { issueKey: 'WEB-5' } },
  { key: 'issue-panel/view', payload: { issueKey: 'WEB-5' } },
  { key: 'issue-panel/view', payload: { issueKey: 'WEB-3' } },
];

/** Known values by field name: what exists in the fuzz organisation, and what does not. */
export function fuzzPools(promptIds: readonly string[]): Pools {
  const objectiveKeys = ['O-1', 'O-2', 'O-3', 'O-4', 'O-5', 'O-999999999'];
  const accounts = [...Object.values(ACCOUNT), '557058:no-such-person'];
  const periods = [PERIOD, '2027-q1', '2030-q9'];
  const workgroups = ['web-squad', 'mobile-team', 'no-such-group'];
  const issues = ['WEB-1', 'WEB-2', 'WEB-3', 'WEB-4', 'WEB-5', 'MOB-1', 'MOB-2', 'MOB-3', 'WEB-999'];
  const prompts = promptIds.length > 0 ? promptIds : ['check-in-due:O-3.KR-1:1'];
  return {
    key: objectiveKeys,
    objectiveKey: objectiveKeys,
    parentId: objectiveKeys,
    objectiveId: objectiveKeys,
    keyResultId: ['O-2.KR-1', 'O-3.KR-1', 'O-4.KR-1', 'O-2.KR-7'],
    version: [0, 1, 2, 3],
    levelId: ['organisation', 'strategic', 'programme', 'workgroup', 'no-such-level'],
    periodId: periods,
    toPeriodId: periods,
    id: [...periods, ...workgroups, 'import-0000000000000-0000', 'organisation', 'workgroup'],
    workgroupId: workgroups,
    owner: accounts,
    leads: accounts,
    members: accounts,
    issueKey: issues,
    issueKeys: issues,
    issues,
    projectKey: ['WEB', 'MOB', 'NOPE'],
    projects: ['WEB', 'MOB', 'NOPE'],
    promptId: [...prompts, 'check-in-due:O-3.KR-1:x', 'alignment-gap:O-4:y'],
    jobId: ['import-0000000000000-0000'],
    jql: [
      'project = WEB',
      'objective = O-3',
      'objective = O-4',
      'project = MOB ORDER BY key',
      'summary ~ "Nightingale"',
      'this is (( not jql',
    ],
    field: ['customfield_10016', 'summary', 'customfield_99999'],
    storyPointsField: ['customfield_10016', 'customfield_99999'],
  };
}

export interface Secret {
  key: string;
  keyPattern: RegExp;
  titles: string[];
  /** Accounts that may see it: its owner, its workgroup's leads and members (and Jira administrators, always). */
  viewers: Set<string>;
}

const keyPattern = (key: string) => new RegExp(`(?<![A-Za-z0-9_-])${key}(?![0-9])`);

/** The restricted objectives as stored now, with who may see each. */
export async function readSecrets(app: AppHost): Promise<Secret[]> {
  return asPersona(app.host, null, async () => {
    const counter = await new EntityRepository(objectiveCounterEntity).get('objective-counter');
    const next = counter?.next ?? 1;
    const keys = Array.from({ length: next - 1 }, (_, i) => `O-${i + 1}`);
    const objectives = await new ForgeObjectiveStore().getMany(keys);
    const workgroups = await new ForgeWorkgroupStore().list();
    const byId = new Map(workgroups.map((w) => [w.id, w]));
    const titlesInView = new Set(
      [...objectives.values()].filter((o) => o.visibility !== 'restricted').map((o) => o.title.toLowerCase()),
    );
    const secrets: Secret[] = [];
    for (const o of objectives.values()) {
      if (o.visibility !== 'restricted') continue;
      const group = o.workgroupId === null ? undefined : byId.get(o.workgroupId);
      const titles = [o.title, ...o.keyResults.map((k) => k.title)].filter(
        // a short or shared title says nothing about this objective
        (t) => t.trim().length >= 10 && !titlesInView.has(t.toLowerCase()),
      );
      secrets.push({
        key: o.key,
        keyPattern: keyPattern(o.key),
        titles,
        viewers: new Set([o.owner, ...(group?.leads ?? []), ...(group?.members ?? [])]),
      });
    }
    return secrets;
  });
}

/**
 * The restricted objective a reply shows to someone who may not see it (`O-4 (its key)`, `O-4
 * ("Kestrel pricing overhaul")`), or null. A refusal may name a key the caller sent (NOT_FOUND
 * "There is no objective O-4" is the answer for a key that does not exist, too).
 */
export function shownSecret(
  secrets: readonly Secret[],
  persona: Persona | null,
  ok: boolean,
  replyText: string,
  payloadText: string,
): string | null {
  if (persona === 'admin') return null;
  const account = persona === null ? null : ACCOUNT[persona];
  for (const secret of secrets) {
    if (account !== null && secret.viewers.has(account)) continue;
    const title = secret.titles.find((t) => replyText.includes(t));
    if (title !== undefined) return `${secret.key} ("${title}")`;
    if (secret.keyPattern.test(replyText) && (ok || !secret.keyPattern.test(payloadText)))
      return `${secret.key} (its key)`;
  }
  return null;
}

function truncate(text: string, max = 600): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}

/** The persona's call: a reply and its writes, or the failure of an invocation that did not answer. */
async function send(app: AppHost, persona: Persona | null, key: ApiKey, payload: unknown, moduleKey: string) {
  try {
    const { reply, counts } = await resolverReplyUnchecked(
      app.host,
      { accountId: persona === null ? null : ACCOUNT[persona], moduleKey, name: persona ?? 'nobody' },
      key,
      payload,
    );
    return { reply, writes: writesIn(counts.kvsByEndpoint), failure: null };
  } catch (e) {
    if (e instanceof ResolverCallFailure) return { reply: null, writes: 0, failure: e.message };
    throw e;
  }
}

const QUOTA_MINUTE_MS = 61_000;

const MODULE_OF: Partial<Record<ApiKey, string>> = {
  'project-page/view': MODULES.projectPage,
  'project-page/objective': MODULES.projectPage,
  'project-page/feedback': MODULES.projectPage,
  'issue-panel/view': MODULES.issuePanel,
};

export interface FuzzOptions {
  seed: number;
  /** Payloads per key and caller (5 callers: the four personas and no user). */
  perCaller: number;
  keys?: readonly ApiKey[];
  pools: Pools;
  /** Sent as every caller before the generated payloads (LEAK_CASES). */
  fixed?: ReadonlyArray<{ key: ApiKey; payload: unknown }>;
}

export async function runContractFuzz(app: AppHost, options: FuzzOptions): Promise<FuzzResult> {
  const started = performance.now();
  const callers: (Persona | null)[] = [...PERSONAS, null];
  const findings: Finding[] = [];
  let secrets = await readSecrets(app);
  let payloads = 0;
  let refusals = 0;
  let successes = 0;
  const codes: Record<string, number> = {};
  const check = async (key: ApiKey, persona: Persona | null, payload: unknown): Promise<void> => {
    payloads += 1;
    const payloadText = JSON.stringify(payload) ?? 'undefined';
    const { reply, writes, failure } = await send(app, persona, key, payload, MODULE_OF[key] ?? MODULES.adminPage);
    const who = persona ?? 'nobody';
    const finding = (kind: FindingKind, replyText: string) =>
      findings.push({ kind, key, persona: who, payload: truncate(payloadText), reply: truncate(replyText) });
    if (reply === null) {
      finding('failure', failure ?? '');
      return;
    }
    const replyText = JSON.stringify(reply);
    const code = reply.ok ? 'ok' : reply.error.code;
    codes[code] = (codes[code] ?? 0) + 1;
    if (!reply.ok) {
      refusals += 1;
      if (reply.error.code === 'INTERNAL') finding('internal', replyText);
      if (writes > 0) finding('write-on-refusal', `${writes} writes; ${replyText}`);
    } else successes += 1;
    const shown = shownSecret(secrets, persona, reply.ok, replyText, payloadText);
    if (shown !== null) finding('leak', `${shown} shown to ${who}: ${replyText}`);
    if (reply.ok && writes > 0) secrets = await readSecrets(app);
  };
  for (const persona of callers) for (const { key, payload } of options.fixed ?? []) await check(key, persona, payload);
  const keys = options.keys ?? API_KEYS;
  for (const [k, key] of keys.entries()) {
    const arb = payloadArb(key, options.pools);
    for (const [c, persona] of callers.entries()) {
      // one fixed seed per key and caller, from the run's seed: a finding replays alone
      const sample = fc.sample(arb, { seed: options.seed + k * 101 + c * 7, numRuns: options.perCaller });
      for (const payload of sample) await check(key, persona, payload);
      // A block is one caller's burst on one key (about 500 storage reads at 48 payloads); the
      // next starts a host-minute later, so the run as a whole stays within Forge's per-minute
      // storage quotas (4,000 reads) that a strict host enforces: the fuzz looks for faults in the
      // app's rules, not for what a site over its quota answers (test/forge/store covers that).
      setProcessClock(Date.now() + QUOTA_MINUTE_MS);
    }
  }
  return { seed: options.seed, payloads, refusals, successes, codes, findings, ms: performance.now() - started };
}

/** One line per finding kind and key, for a report. */
export function summarise(findings: readonly Finding[]): string[] {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(`${f.kind} ${f.key}`, (counts.get(`${f.kind} ${f.key}`) ?? 0) + 1);
  return [...counts].map(([what, n]) => `${what}: ${n}`);
}

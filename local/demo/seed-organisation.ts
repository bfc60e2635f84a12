/**
 * The demo organisation `tether start` shows on a new data folder, made through the app's own
 * resolvers (the typed caller of local/app-calls, as the admin and lead personas, from the admin
 * page and the project page), so every permission and rollup path runs for real: settings, the
 * periods FY and the current quarter, three workgroups, 40 objectives from organisation priorities down to
 * workgroup objectives (one with an extra weighted alignment), key results of every kind, epics
 * and stories linked to them, check-ins (one objective at low confidence), and feedback prompts of
 * every kind in every state (local/demo/seed-prompts.ts, 8 more objectives).
 *
 * It needs the demo organisation's Jira (local/jira/demo-issues.ts). It runs once: a plain KVS key
 * marks it done, and a data folder that already has objectives is left alone.
 */
import { kvs, WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import { objectiveKeyOf } from '../../src/contract/key-order';
import { rollups } from '../../src/forge/store/rollup-entities';
import { DEMO_ACCOUNTS } from '../jira/seed';
import type { Host } from '../host/create-host';
import { atTime } from '../runtime/process-clock';
import { asApp, call, type KeyResultDraftIn, type ProjectKey, type Who } from './seed-call';
import { seedPrompts } from './seed-prompts';

export const DEMO_MARKER_KEY = 'local-demo-organisation';

export interface DemoSeedResult {
  /** True when nothing was done: the marker is there, or objectives already exist. */
  skipped: boolean;
  objectives: number;
  keyResults: number;
  links: number;
  checkIns: number;
  /** Stories finished in Jira during seeding: each asks its assignee for an outcome review. */
  finished: number;
  /** Prompts acted on through the resolvers (local/demo/seed-prompts.ts). */
  prompts: { answered: number; dismissed: number; snoozed: number };
}

/** Whether the demo organisation was made already (the marker), or objectives exist anyway. */
export async function demoOrganisationPresent(host: Host): Promise<boolean> {
  return asApp(host, async () => {
    if ((await kvs.get(DEMO_MARKER_KEY)) !== undefined) return true;
    const some = await rollups().query('by-number', { range: WhereConditions.greaterThan(0) });
    return some.length > 0;
  });
}

const SearchPage = z.object({
  issues: z.array(z.object({ key: z.string(), fields: z.object({ summary: z.string() }) })),
});

async function searchKeys(host: Host, jql: string): Promise<{ key: string; summary: string }[]> {
  const res = await host.jiraRequest({
    method: 'GET',
    path: `/rest/api/3/search/jql?jql=${encodeURIComponent(jql)}&fields=summary&maxResults=100`,
    asUser: null,
  });
  if (res.status !== 200) throw new Error(`JQL ${jql} answered ${res.status}: ${res.body}`);
  const page = SearchPage.parse(JSON.parse(res.body));
  return page.issues.map((i) => ({ key: i.key, summary: i.fields.summary }));
}

const pad = (n: number) => String(n).padStart(2, '0');
const isoDay = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** The financial year (July to June, named by the year it ends) and the calendar quarter holding `now`. */
export function demoPeriods(now: number): {
  year: { name: string; start: string; end: string };
  quarter: { name: string; start: string; end: string };
} {
  const d = new Date(now);
  const y = d.getUTCFullYear();
  const fyEnd = d.getUTCMonth() >= 6 ? y + 1 : y;
  const q = Math.floor(d.getUTCMonth() / 3);
  return {
    year: { name: `FY${fyEnd}`, start: `${fyEnd - 1}-07-01`, end: `${fyEnd}-06-30` },
    quarter: {
      name: `${y} Q${q + 1}`,
      start: isoDay(new Date(Date.UTC(y, q * 3, 1))),
      end: isoDay(new Date(Date.UTC(y, q * 3 + 3, 0))),
    },
  };
}

type Wg = 'checkout-squad' | 'mobile-experience' | 'platform-team';
/** Who creates and manages a workgroup's objectives: its lead persona. */
const WG_LEAD: Record<Wg, Who> = { 'checkout-squad': 'lead', 'mobile-experience': 'lead', 'platform-team': 'admin' };
const WG_PROJECT: Record<Wg, ProjectKey> = {
  'checkout-squad': 'WEB',
  'mobile-experience': 'MOB',
  'platform-team': 'MOB',
};

interface Plan {
  title: string;
  level: 'organisation' | 'strategic' | 'programme' | 'workgroup';
  parent: string | null;
  workgroup?: Wg;
  epic?: string;
  alignments?: { objectiveId: string; weight: number }[];
  keyResults?: KeyResultDraftIn[];
}

const completion = (title: string, measure: 'count' | 'story-points'): KeyResultDraftIn => ({
  kind: 'completion',
  title,
  measure,
  scope: 'key-result',
});

/**
 * Seeds the demo organisation as of now on the process clock (local/runtime/process-clock.ts, set by
 * TETHER_NOW), or as of `options.now`: then the whole seeding runs with the clock set there, so the
 * app's own reads of the time agree with the periods and prompts made. The host's Jira should have
 * been seeded on the same day (create the host with the clock already set).
 */
export async function seedDemoOrganisation(
  host: Host,
  options: { now?: number; log?: (line: string) => void } = {},
): Promise<DemoSeedResult> {
  const log = options.log ?? (() => {});
  const at = options.now;
  return at === undefined ? seed(host, Date.now(), log) : atTime(at, () => seed(host, at, log));
}

async function seed(host: Host, now: number, log: (line: string) => void): Promise<DemoSeedResult> {
  const result: DemoSeedResult = {
    skipped: false,
    objectives: 0,
    keyResults: 0,
    links: 0,
    checkIns: 0,
    finished: 0,
    prompts: { answered: 0, dismissed: 0, snoozed: 0 },
  };
  if (await demoOrganisationPresent(host)) return { ...result, skipped: true };
  const { admin, lead, member, outsider } = DEMO_ACCOUNTS;

  // ---- settings, periods, workgroups (admin page, as the admin) ----------------------------
  log('Demo organisation: settings, periods and workgroups…');
  let settings = await call(host, 'admin', 'settings/get', {});
  settings = await call(host, 'admin', 'settings/update', {
    version: settings.version,
    rollupPolicy: { checkInCadenceDays: 14 },
  });
  const { year, quarter } = demoPeriods(now);
  const fy = await call(host, 'admin', 'periods/create', { version: settings.version, ...year });
  const q = await call(host, 'admin', 'periods/create', { version: fy.settings.version, ...quarter });
  await call(host, 'admin', 'workgroups/create', {
    name: 'Checkout Squad',
    kind: 'squad',
    leads: [lead],
    members: [member, outsider],
    projects: ['WEB'],
  });
  await call(host, 'admin', 'workgroups/create', {
    name: 'Mobile Experience',
    kind: 'cross-functional-team',
    leads: [lead],
    members: [member, admin],
    projects: ['MOB', 'WEB'],
  });
  await call(host, 'admin', 'workgroups/create', {
    name: 'Platform Team',
    kind: 'permanent-team',
    leads: [admin],
    members: [lead, member],
    projects: ['MOB', 'WEB'],
  });

  // ---- the objectives, top down ---------------------------------------------------------------
  const plans: Plan[] = [
    // organisation priorities (FY)
    {
      title: 'Customers pay without friction',
      level: 'organisation',
      parent: null,
      keyResults: [{ kind: 'milestone', title: 'New checkout live for every market' }],
    },
    { title: 'Mobile is our best storefront', level: 'organisation', parent: null },
    { title: 'Ship reliably, every week', level: 'organisation', parent: null },
    // strategic (FY)
    {
      title: 'Halve checkout abandonment',
      level: 'strategic',
      parent: 'O-1',
      keyResults: [
        {
          kind: 'metric',
          title: 'Checkout abandonment rate',
          unit: '%',
          direction: 'decrease',
          baseline: 68,
          target: 34,
        },
      ],
    },
    {
      title: 'Grow repeat purchases',
      level: 'strategic',
      parent: 'O-1',
      keyResults: [
        {
          kind: 'metric',
          title: 'Customers ordering again within 90 days',
          unit: '%',
          direction: 'increase',
          baseline: 22,
          target: 30,
        },
      ],
    },
    { title: 'Mobile conversion matches web', level: 'strategic', parent: 'O-2' },
    {
      title: 'A fast, stable app',
      level: 'strategic',
      parent: 'O-2',
      keyResults: [
        { kind: 'metric', title: 'Crash-free sessions', unit: '%', direction: 'band', bandMin: 99.5, bandMax: 100 },
      ],
    },
    {
      title: 'Quality built in',
      level: 'strategic',
      parent: 'O-3',
      keyResults: [
        {
          kind: 'query',
          title: 'Open high-priority bugs',
          jql: 'issuetype = Bug AND priority in (Highest, High) AND statusCategory != Done',
          aggregate: 'count',
          direction: 'decrease',
          baseline: 25,
          target: 5,
        },
      ],
    },
    // programme (quarter), owned by workgroups
    {
      title: 'Checkout rebuilt end to end',
      level: 'programme',
      parent: 'O-4',
      workgroup: 'checkout-squad',
      keyResults: [
        { kind: 'completion', title: 'Checkout work done (points)', measure: 'story-points', scope: 'objective' },
      ],
    },
    { title: 'Loyalty that brings people back', level: 'programme', parent: 'O-5', workgroup: 'checkout-squad' },
    { title: 'Mobile checkout parity', level: 'programme', parent: 'O-6', workgroup: 'mobile-experience' },
    { title: 'Start fast, never crash', level: 'programme', parent: 'O-7', workgroup: 'platform-team' },
    {
      title: 'Engineering excellence',
      level: 'programme',
      parent: 'O-8',
      workgroup: 'platform-team',
      keyResults: [
        {
          kind: 'delivery-quality',
          title: 'Share of bugs in delivered work',
          measure: 'bug-share',
          scope: 'objective',
          baseline: 0.3,
          target: 0.15,
        },
      ],
    },
    { title: 'Find it in one search', level: 'programme', parent: 'O-5', workgroup: 'mobile-experience' },
  ];
  const epicObjectives: [string, Wg, string][] = [
    ['One-page checkout', 'checkout-squad', 'O-9'],
    ['Saved payment methods', 'checkout-squad', 'O-9'],
    ['Search relevance', 'checkout-squad', 'O-14'],
    ['Accessibility audit fixes', 'platform-team', 'O-13'],
    ['Page speed', 'platform-team', 'O-13'],
    ['Loyalty programme', 'checkout-squad', 'O-10'],
    ['Returns self-service', 'checkout-squad', 'O-10'],
    ['Design system migration', 'platform-team', 'O-13'],
    ['Customer reviews', 'checkout-squad', 'O-14'],
    ['Observability', 'platform-team', 'O-13'],
    ['Internationalisation', 'checkout-squad', 'O-9'],
    ['Promotions engine', 'checkout-squad', 'O-10'],
    ['Offline basket', 'mobile-experience', 'O-11'],
    ['Push notifications', 'mobile-experience', 'O-10'],
    ['App start-up time', 'platform-team', 'O-12'],
    ['Biometric login', 'mobile-experience', 'O-11'],
    ['Mobile checkout', 'mobile-experience', 'O-11'],
    ['Crash-free sessions', 'platform-team', 'O-12'],
    ['Product discovery', 'mobile-experience', 'O-14'],
    ['Release automation', 'platform-team', 'O-13'],
    ['Mobile accessibility', 'platform-team', 'O-12'],
    ['Account and profile', 'mobile-experience', 'O-6'],
  ];
  epicObjectives.forEach(([epic, workgroup, parent], i) => {
    const krs: KeyResultDraftIn[] = [completion(`${epic}: stories done`, i % 2 === 0 ? 'story-points' : 'count')];
    if (i % 4 === 1)
      krs.push({
        kind: 'delivery-quality',
        title: 'Delivered on time',
        measure: 'on-time-rate',
        scope: 'objective',
        target: 0.8,
      });
    if (i % 5 === 2) krs.push({ kind: 'milestone', title: `${epic} announced to customers` });
    if (i % 6 === 3)
      krs.push({
        kind: 'metric',
        title: 'Customer satisfaction (CSAT)',
        unit: 'pts',
        direction: 'increase',
        baseline: 3.6,
        target: 4.3,
      });
    plans.push({
      title: `Deliver ${epic.toLowerCase()}`,
      level: 'workgroup',
      parent,
      workgroup,
      epic,
      keyResults: krs,
    });
  });
  plans.push(
    {
      title: 'Fewer payment support tickets',
      level: 'workgroup',
      parent: 'O-9',
      workgroup: 'checkout-squad',
      keyResults: [
        {
          kind: 'metric',
          title: 'Payment tickets per week',
          unit: 'tickets',
          direction: 'decrease',
          baseline: 120,
          target: 60,
          owner: member,
        },
      ],
    },
    {
      title: 'Keep web bugs under control',
      level: 'workgroup',
      parent: 'O-13',
      workgroup: 'checkout-squad',
      keyResults: [
        {
          kind: 'query',
          title: 'Open web bugs',
          jql: 'project = WEB AND issuetype = Bug AND statusCategory != Done',
          aggregate: 'count',
          direction: 'decrease',
          baseline: 30,
          target: 10,
        },
        { kind: 'completion', title: 'Bug-bash issues closed', measure: 'count', scope: 'objective' },
      ],
    },
    {
      title: 'A monthly mobile release train',
      level: 'workgroup',
      parent: 'O-12',
      workgroup: 'platform-team',
      keyResults: [
        { kind: 'milestone', title: 'First train shipped' },
        {
          kind: 'delivery-quality',
          title: 'Mobile throughput',
          measure: 'throughput-per-week',
          scope: 'objective',
          target: 6,
          windowWeeks: 4,
        },
      ],
    },
    {
      title: 'Shorter mobile cycle time',
      level: 'workgroup',
      parent: 'O-11',
      workgroup: 'mobile-experience',
      alignments: [{ objectiveId: 'O-13', weight: 2 }],
      keyResults: [
        {
          kind: 'delivery-quality',
          title: 'Median cycle time (days)',
          measure: 'median-cycle-time',
          scope: 'objective',
          baseline: 12,
          target: 6,
        },
      ],
    },
  );
  const total = plans.length;

  const epics = new Map(
    (await searchKeys(host, 'issuetype = Epic AND labels = demo ORDER BY key')).map((e) => [e.summary, e.key]),
  );
  const versions = new Map<string, number>();
  const versionOf = (key: string): number => {
    const version = versions.get(key);
    if (version === undefined) throw new Error(`Demo organisation: ${key} was not made`);
    return version;
  };
  const keyResultIds = new Map<string, string[]>();
  const links: { issueKey: string; objectiveKey: string; keyResultId: string | null; who: Who }[] = [];

  for (const plan of plans) {
    const who: Who = plan.workgroup === undefined ? 'admin' : WG_LEAD[plan.workgroup];
    const project = plan.workgroup === undefined ? undefined : WG_PROJECT[plan.workgroup];
    const created = await call(
      host,
      who,
      'objectives/create',
      {
        title: plan.title,
        levelId: plan.level,
        periodId: plan.level === 'organisation' || plan.level === 'strategic' ? fy.period.id : q.period.id,
        parentId: plan.parent,
        ...(plan.workgroup === undefined ? {} : { workgroupId: plan.workgroup }),
        ...(plan.alignments === undefined ? {} : { alignments: plan.alignments }),
        ...(plan.level === 'workgroup' && plan.workgroup === 'checkout-squad' ? { owner: member } : {}),
      },
      project,
    );
    const key = created.objective.key;
    versions.set(key, created.objective.version);
    result.objectives += 1;
    for (const kr of plan.keyResults ?? []) {
      const added = await call(
        host,
        who,
        'key-results/create',
        { objectiveKey: key, version: versionOf(key), keyResult: kr },
        project,
      );
      versions.set(key, added.objective.version);
      keyResultIds.set(key, [...(keyResultIds.get(key) ?? []), added.keyResult.id]);
      result.keyResults += 1;
    }
    if (plan.epic !== undefined) {
      const epicKey = epics.get(plan.epic);
      if (epicKey !== undefined)
        links.push({
          issueKey: epicKey,
          objectiveKey: key,
          keyResultId: keyResultIds.get(key)?.[0] ?? null,
          who: epicKey.startsWith('WEB') ? 'lead' : 'admin',
        });
    }
    if (result.objectives % 4 === 0 || result.objectives === total)
      log(`Demo organisation: ${result.objectives}/${total} objectives…`);
  }

  // ---- work linked to the objectives ----------------------------------------------------------
  const keyOf = (title: string) => objectiveKeyOf(plans.findIndex((p) => p.title === title) + 1);
  // A few stories of the checkout epic serve the support-ticket objective as a whole.
  const oneCheckout = epics.get('Saved payment methods');
  if (oneCheckout !== undefined) {
    for (const s of (await searchKeys(host, `parent = ${oneCheckout} ORDER BY key`)).slice(0, 3))
      links.push({
        issueKey: s.key,
        objectiveKey: keyOf('Fewer payment support tickets'),
        keyResultId: null,
        who: 'member',
      });
  }
  // Loose bugs and tasks (no epic) serve the bug objective, and mobile ones the release train.
  for (const b of (
    await searchKeys(
      host,
      'project = WEB AND issuetype in (Bug, Task) AND parent is EMPTY AND labels = demo ORDER BY key',
    )
  ).slice(0, 8))
    links.push({ issueKey: b.key, objectiveKey: keyOf('Keep web bugs under control'), keyResultId: null, who: 'lead' });
  for (const b of (
    await searchKeys(
      host,
      'project = MOB AND issuetype in (Bug, Task) AND parent is EMPTY AND labels = demo ORDER BY key',
    )
  ).slice(0, 8))
    links.push({
      issueKey: b.key,
      objectiveKey: keyOf('A monthly mobile release train'),
      keyResultId: null,
      who: 'admin',
    });
  const mobileCheckout = epics.get('Mobile checkout');
  if (mobileCheckout !== undefined)
    links.push({
      issueKey: mobileCheckout,
      objectiveKey: keyOf('Shorter mobile cycle time'),
      keyResultId: null,
      who: 'admin',
    });

  for (const [i, link] of links.entries()) {
    await call(
      host,
      link.who,
      'contributions/link',
      { issueKey: link.issueKey, objectiveKey: link.objectiveKey, keyResultId: link.keyResultId },
      link.issueKey.startsWith('WEB') ? 'WEB' : 'MOB',
    );
    result.links += 1;
    if ((i + 1) % 10 === 0 || i + 1 === links.length)
      log(`Demo organisation: ${i + 1}/${links.length} links to Jira work…`);
  }

  // ---- check-ins --------------------------------------------------------------------------------
  const checkIns: {
    objective: string;
    kr: number | null;
    value?: number;
    confidence: 'high' | 'medium' | 'low';
    note: string;
    who: Who;
  }[] = [
    {
      objective: 'O-4',
      kr: 0,
      value: 61,
      confidence: 'medium',
      note: 'Guest checkout helped; saved cards next.',
      who: 'admin',
    },
    {
      objective: 'O-4',
      kr: 0,
      value: 55,
      confidence: 'high',
      note: 'One-page checkout on 50 % of traffic.',
      who: 'admin',
    },
    { objective: 'O-5', kr: 0, value: 24, confidence: 'medium', note: 'Loyalty beta started.', who: 'admin' },
    { objective: 'O-7', kr: 0, value: 99.2, confidence: 'medium', note: 'Image cache crash still open.', who: 'admin' },
    {
      objective: keyOf('Fewer payment support tickets'),
      kr: 0,
      value: 104,
      confidence: 'medium',
      note: 'Clearer card errors shipped.',
      who: 'member',
    },
    {
      objective: keyOf('Fewer payment support tickets'),
      kr: 0,
      value: 92,
      confidence: 'high',
      note: '3-D Secure flow live.',
      who: 'member',
    },
    {
      objective: keyOf('Deliver offline basket'),
      kr: null,
      confidence: 'low',
      note: 'Sync conflicts are harder than planned; we will likely miss the quarter.',
      who: 'lead',
    },
    { objective: keyOf('Deliver one-page checkout'), kr: null, confidence: 'high', note: 'On track.', who: 'lead' },
    {
      objective: keyOf('Deliver page speed'),
      kr: null,
      confidence: 'medium',
      note: 'SSR slipped a sprint.',
      who: 'admin',
    },
  ];
  for (const [i, plan] of plans.entries()) {
    (plan.keyResults ?? []).forEach((kr, k) => {
      if (kr.kind === 'metric' && kr.title === 'Customer satisfaction (CSAT)')
        checkIns.push({
          objective: objectiveKeyOf(i + 1),
          kr: k,
          value: 3.9,
          confidence: 'high',
          note: 'Survey results are in.',
          who: WG_LEAD[plan.workgroup ?? 'platform-team'],
        });
    });
  }
  for (const c of checkIns) {
    const keyResultId = c.kr === null ? null : (keyResultIds.get(c.objective)?.[c.kr] ?? null);
    await call(host, c.who, 'check-ins/create', {
      objectiveKey: c.objective,
      keyResultId,
      ...(c.value === undefined ? {} : { value: c.value }),
      confidence: c.confidence,
      note: c.note,
    });
    result.checkIns += 1;
  }
  log(`Demo organisation: ${result.checkIns} check-ins.`);

  // One milestone reached, marked done by its workgroup's lead.
  const train = keyOf('A monthly mobile release train');
  const milestone = keyResultIds.get(train)?.[0];
  if (milestone !== undefined)
    await call(
      host,
      'admin',
      'key-results/update',
      { objectiveKey: train, version: versionOf(train), keyResultId: milestone, done: true },
      'MOB',
    );

  // Feedback prompts of every kind in every state, over two weeks (local/demo/seed-prompts.ts):
  // stories finished in Jira, confidence drops, overdue check-ins, a hack week near its end, and the
  // app's hourly trigger, which first refreshes the query key results and then asks.
  const hourly = host.manifest.scheduledTriggers.has('daily-refresh');
  const prompts = await seedPrompts(host, {
    now,
    keyOf,
    linked: links.reduce((m, l) => m.set(l.issueKey, (m.get(l.issueKey) ?? 0) + 1), new Map<string, number>()),
    runHourly: async () => {
      if (!hourly) return false;
      const ran = await host.runScheduledTrigger('daily-refresh');
      if (!ran.ok)
        log(`Demo organisation: the refresh failed (${ran.error.message}); query key results fill in at the next one.`);
      return ran.ok;
    },
  });
  result.objectives += prompts.objectives;
  result.finished = prompts.finished;
  result.prompts = { answered: prompts.answered, dismissed: prompts.dismissed, snoozed: prompts.snoozed };
  log(
    `Demo organisation: ${prompts.finished} stories finished in Jira; prompts ${prompts.answered} answered, ${prompts.dismissed} dismissed, ${prompts.snoozed} snoozed${prompts.memberReviewIssue === null ? '' : `; the member's outcome review waits on ${prompts.memberReviewIssue}`}.`,
  );

  await asApp(host, () => kvs.set(DEMO_MARKER_KEY, { seededAt: now, ...result }));
  log(
    `Demo organisation: done — ${result.objectives} objectives, ${result.keyResults} key results, ${result.links} links, ${result.checkIns} check-ins.`,
  );
  return result;
}

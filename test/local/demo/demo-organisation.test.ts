/**
 * The demo organisation `tether start` makes on a new data folder: its Jira (local/jira/demo-issues.ts)
 * and its objectives through the app's own resolvers (local/demo/seed-organisation.ts), counted
 * the way a person sees them: `tether rollup --json` in a child process on the data folder.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { seedDemoOrganisation } from '../../../local/demo/seed-organisation';
import { EntityRepository } from '../../../src/forge/store/entity-repository';
import { promptEntity } from '../../../src/forge/store/prompt-store';
import { createHost } from '../../../local/host/create-host';
import { demoOrganisationSite, quarterStart } from '../../../local/jira/demo-issues';
import { DEMO_ACCOUNTS, demoSite } from '../../../local/jira/seed';
import { call } from '../../../local/demo/seed-call';
import { DEFAULT_PROMPT_POLICY, PromptKind, PromptState } from '../../../src/contract';
import { countRecentlyDelivered } from '../../../src/domain/prompts/weekly-cap';
import { parseClockSetting, setProcessClock } from '../../../local/runtime/process-clock';

const ROOT = join(__dirname, '..', '..', '..');
const NOW = Date.UTC(2026, 10, 21, 9, 0);

function openDemoHost(dataDir: string) {
  return createHost({
    dataDir,
    manifestPath: join(ROOT, 'manifest.yml'),
    delays: 'none',
    syncWrites: false,
    seed: demoOrganisationSite,
  });
}

/** The members of a `tether rollup --json` line this test reads. */
const Lines = z.array(
  z.object({
    key: z.string(),
    level: z.string(),
    progress: z.number().nullable(),
    work: z.object({ total: z.number() }),
  }),
);
type Line = z.infer<typeof Lines>[number];

function rollupJson(dataDir: string, now: string): Promise<Line[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'local', 'cli', 'tether.cjs'), 'rollup', '--json'], {
      cwd: ROOT,
      env: { ...process.env, TETHER_DATA: dataDir, TETHER_NOW: now },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(Lines.parse(JSON.parse(out)))
        : reject(new Error(`tether rollup exited ${String(code)}: ${err}`)),
    );
  });
}

describe('demo organisation Jira', () => {
  it('keeps the demo site and adds about 300 issues, the same for the same now', () => {
    const site = demoOrganisationSite(NOW);
    expect(site.issues.slice(0, 8)).toEqual(demoSite(NOW).issues);
    expect(site.issues.length).toBeGreaterThanOrEqual(280);
    expect(site.issues.length).toBeLessThanOrEqual(340);
    expect(demoOrganisationSite(NOW)).toEqual(site);
    expect(new Set(site.issues.map((i) => i.key)).size).toBe(site.issues.length);
    const added = site.issues.slice(8);
    expect(new Set(added.map((i) => i.statusId))).toEqual(new Set(['10000', '10001', '10002', '10003']));
    for (const type of ['10000', '10001', '10003', '10004'])
      expect(added.some((i) => i.issueTypeId === type)).toBe(true);
    for (const i of added) {
      expect(i.created).toBeGreaterThanOrEqual(quarterStart(NOW));
      expect(i.created).toBeLessThanOrEqual(NOW);
      expect(i.resolutiondate === null).toBe(i.statusId !== '10003');
      if (i.resolutiondate !== null) expect(i.resolutiondate).toBeLessThanOrEqual(NOW);
    }
    const stories = added.filter((i) => i.issueTypeId === '10001');
    expect(stories.filter((s) => Object.keys(s.numbers ?? {}).length > 0).length / stories.length).toBeGreaterThan(0.7);
  });
});

/**
 * The days the demo must hold on besides an ordinary one: a quarter's last week (period reviews
 * open for everyone), a year's last day, a quarter's first day (a fresh quarter, last week in the
 * previous one), and a leap day.
 */
const DAYS = [
  '2026-11-21T09:00:00Z',
  '2027-03-29T10:00:00Z',
  '2026-12-31T16:00:00Z',
  '2027-04-01T08:00:00Z',
  '2028-02-29T12:00:00Z',
];

/** Every stored prompt, in its latest state (the by-recipient query, read once it has caught up with the seeding). */
async function promptsOf(host: ReturnType<typeof openDemoHost>) {
  if (host.kvs.queryLagMs > 0) setProcessClock(Date.now() + host.kvs.queryLagMs);
  return host.runtime.runInvocation({ accountId: null, moduleKey: 'test' }, async () => {
    const users = host.jira.store.users().map((u) => u.accountId);
    return (
      await Promise.all(users.map((u) => new EntityRepository(promptEntity).query('by-recipient', { partition: [u] })))
    ).flat();
  });
}

describe.each(DAYS)('seedDemoOrganisation on %s', (day) => {
  const dir = mkdtempSync(join(tmpdir(), 'tether-demo-'));
  let restoreClock: () => void = () => undefined;
  // the host, its Jira, the app and the seeding all read the process clock, set to the day
  beforeAll(() => {
    restoreClock = setProcessClock(parseClockSetting(day));
  });
  afterAll(() => {
    restoreClock();
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes 48 objectives through the resolvers, with progress where work is linked, and prompts of every kind in every state, once', async () => {
    const lines: string[] = [];
    const seededAt = Date.now();
    let host = openDemoHost(dir);
    try {
      const first = await seedDemoOrganisation(host, { log: (l) => lines.push(l) });
      expect(first).toMatchObject({ skipped: false, objectives: 48 });
      expect(first.keyResults).toBeGreaterThanOrEqual(40);
      expect(first.links).toBeGreaterThanOrEqual(30);
      expect(first.checkIns).toBeGreaterThanOrEqual(8);
      // stories finished during seeding asked their assignees for outcome reviews
      expect(first.finished).toBeGreaterThanOrEqual(6);
      const all = await promptsOf(host);
      // every kind in every state, raised by the app's triggers and job and acted on through the resolvers
      const matrix = Object.fromEntries(
        PromptKind.options.map((kind) => [
          kind,
          Object.fromEntries(
            PromptState.options.map((state) => [state, all.filter((p) => p.kind === kind && p.state === state).length]),
          ),
        ]),
      );
      // the cells with no prompt (count < 1), named, so a failure says which; an escalation is
      // never held back by the weekly cap, so it is never queued (docs/prompts.md)
      const empty = PromptKind.options.flatMap((kind) =>
        PromptState.options.filter((state) => matrix[kind]![state] === 0).map((state) => `${kind} ${state}`),
      );
      expect(empty).toEqual(['escalation queued']);
      expect(first.prompts.answered).toBeGreaterThanOrEqual(5);
      expect(first.prompts.dismissed).toBeGreaterThanOrEqual(5);
      expect(first.prompts.snoozed).toBeGreaterThanOrEqual(5);

      // the lead and the member, whom people try first, have open prompts of several kinds, and
      // room under the weekly cap for what they do next (an issue finished, an objective falling behind)
      const { lead, member } = DEMO_ACCOUNTS;
      for (const [who, kinds] of [
        [lead, 3],
        [member, 2],
      ] as const) {
        const mine = all.filter((p) => p.recipient === who);
        expect(new Set(mine.filter((p) => p.state === 'open').map((p) => p.kind)).size).toBeGreaterThanOrEqual(kinds);
        expect(countRecentlyDelivered(mine, Date.now()).get(who) ?? 0).toBeLessThan(
          DEFAULT_PROMPT_POLICY.weeklyCapPerUser,
        );
      }
      // the member's story with an open outcome review shows it in its issue panel
      const story = /the member's outcome review waits on ([A-Z]+-\d+)/.exec(lines.join('\n'))?.[1];
      expect(story).toBeDefined();
      const panel = await call(host, 'member', 'prompts/inbox', { issueKey: story! });
      expect(panel.prompts).toEqual([
        expect.objectContaining({
          kind: 'outcome-review',
          state: 'open',
          subject: expect.objectContaining({ issueKey: story }),
        }),
      ]);
      // the periods are the ones holding the day: the year, the quarter and the support rota (the hack week ended)
      const periods = (await call(host, 'admin', 'settings/get', {})).periods.filter((p) => p.name !== 'Hack week');
      const today = new Date(seededAt).toISOString().slice(0, 10);
      expect(periods.map((p) => p.start <= today && today <= p.end)).toEqual([true, true, true]);
      // the quarter stays the page's period: the shortest holding the day
      const quarter = periods[1]!;
      const days = (p: { start: string; end: string }) => Date.parse(p.end) - Date.parse(p.start);
      expect(periods.every((p) => p === quarter || days(p) > days(quarter))).toBe(true);
    } finally {
      await host.close();
    }
    expect(lines).toContain('Demo organisation: 12/40 objectives…');
    if (day !== DAYS[0]) return; // the rest is about the data folder, the same on any day

    const rollup = await rollupJson(dir, day);
    expect(rollup).toHaveLength(48);
    expect(new Set(rollup.map((l) => l.level))).toEqual(
      new Set(['organisation', 'strategic', 'programme', 'workgroup']),
    );
    const withWork = rollup.filter((l) => l.work.total > 0);
    expect(withWork.length).toBeGreaterThanOrEqual(20);
    for (const l of withWork) expect(l.progress).not.toBeNull();

    host = openDemoHost(dir);
    try {
      expect(await seedDemoOrganisation(host)).toMatchObject({ skipped: true, objectives: 0 });
    } finally {
      await host.close();
    }
    expect(await rollupJson(dir, day)).toHaveLength(48);
  }, 120_000);
});

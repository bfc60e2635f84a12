/**
 * What `forge deploy` uploads is what we test (issue 12, part E). The app is bundled once for this
 * file by `npm run bundle` (scripts/bundle.ts: Forge's own bundler, @forge/bundler, offline) into a
 * temporary folder, and the local host runs that bundle — the manifest it carries and its
 * `index.cjs`, with its own copies of @forge/api, @forge/kvs, @forge/resolver, @forge/events, zod
 * and yaml — instead of the TypeScript sources. The scenario is the live path of
 * test/resolvers/views.test.ts, with the same expectations — the resolver (writes, and the project
 * page's read view), then the issue-events trigger when a story is finished in Jira — and the
 * scheduled daily refresh, all from the bundle. A bundling failure (a type error, a tsconfig.json
 * webpack cannot emit with, a module it cannot resolve) fails the file with the bundler's message.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createHost } from '../../local/host/create-host';
import { pinClock } from '../support/clock';
import { ACCOUNT, REPO_ROOT, type AppHost } from '../support/app-host';
import { transition } from '../resolvers/live-host';
import { createSquadObjective, organisation, PERIOD } from '../resolvers/objective-kit';
import { ok } from '../resolvers/resolver-kit';

/** Bundling type-checks the app (ts-loader) and runs webpack: about 20 s of CPU, more on a loaded machine. */
const BUNDLE_TIMEOUT_MS = 240_000;

pinClock();

// webpack's production mode compiles `process.env.NODE_ENV` to "production", so the bundled log
// does not know it runs under Jest (src/forge/log.ts): quiet unless TETHER_LOG asks otherwise
const tetherLog = process.env['TETHER_LOG'];
process.env['TETHER_LOG'] = tetherLog ?? 'off';
afterAll(() => {
  if (tetherLog === undefined) delete process.env['TETHER_LOG'];
  else process.env['TETHER_LOG'] = tetherLog;
});

let work: string;
let bundleDir: string;
let bundleOutput: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'tether-bundle-'));
  bundleDir = join(work, 'bundle');
  const tsx = join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [tsx, join(REPO_ROOT, 'scripts', 'bundle.ts'), '--out', bundleDir],
    { cwd: REPO_ROOT, maxBuffer: 16 * 1024 * 1024 },
  );
  bundleOutput = stdout;
}, BUNDLE_TIMEOUT_MS);

afterAll(() => {
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

/** The local host on the bundle: its manifest (the repo's, as the CLI packs it) and its index.cjs. */
function startBundledHost(): AppHost {
  const dataDir = mkdtempSync(join(work, 'data-'));
  const host = createHost({
    dataDir,
    manifestPath: join(bundleDir, 'manifest.yml'),
    appModulePath: join(bundleDir, 'index.cjs'),
    delays: 'none',
    syncWrites: false,
  });
  return { host, close: () => host.close() };
}

describe('the bundle npm run bundle writes', () => {
  it('holds what the CLI packs: index.cjs with its source map, the manifest and the package files', () => {
    expect(bundleOutput).toContain('Bundled index.cjs with @forge/bundler');
    for (const file of ['index.cjs', 'index.cjs.map', 'manifest.yml', 'package.json', 'package-lock.json'])
      expect(existsSync(join(bundleDir, file))).toBe(true);
    const code = readFileSync(join(bundleDir, 'index.cjs'), 'utf8');
    // self-contained: the SDKs are inside, nothing is required from the repo's node_modules or src/
    expect(code).not.toMatch(/require\(["'](@forge\/|zod|yaml)/);
    expect(code).not.toContain(join(REPO_ROOT, 'src'));
  });

  it('loads in plain Node, outside Jest, and exports the handlers manifest.yml names and nothing else', async () => {
    const manifest = JSON.parse(readFileSync(join(bundleDir, 'manifest.yml'), 'utf8')) as {
      modules: { function: { handler: string }[] };
    };
    const named = manifest.modules.function.map((f) => f.handler.replace(/^index\./, '')).sort();
    const { stdout } = await promisify(execFile)(process.execPath, [
      '-e',
      'const m = require(process.argv[1]); console.log(JSON.stringify(Object.keys(m).map((k) => [k, typeof m[k]])))',
      join(bundleDir, 'index.cjs'),
    ]);
    const exported = JSON.parse(stdout) as [string, string][];
    expect(exported.map(([name]) => name).sort()).toEqual(named);
    expect(exported.every(([, type]) => type === 'function')).toBe(true);
  });
});

describe('the bundled app on the local host', () => {
  let app: AppHost;
  let started: AppHost | undefined; // none when bundling failed
  beforeEach(async () => {
    app = started = startBundledHost();
    await organisation(app);
    await createSquadObjective(app, { owner: ACCOUNT.member });
    await ok(app, 'lead', 'key-results/create', {
      objectiveKey: 'O-2',
      version: 1,
      keyResult: { kind: 'completion', title: 'Checkout redesign shipped' },
    });
  });
  afterEach(async () => {
    await started?.close();
    started = undefined;
  });

  it('answers resolvers, and its issue-events trigger moves the rollup when a story is finished in Jira', async () => {
    const before = await ok(app, 'lead', 'project-page/view', { projectKey: 'WEB', periodId: PERIOD });
    expect(before.workgroups.map((w) => [w.id, w.youLead])).toEqual([['web-squad', true]]);
    expect(before.workgroups[0]?.objectives[0]?.rollup?.work.issues).toBe(0);

    await ok(app, 'member', 'contributions/link', { issueKey: 'WEB-1', objectiveKey: 'O-2', keyResultId: 'O-2.KR-1' });
    const linked = await ok(app, 'lead', 'project-page/view', { projectKey: 'WEB', periodId: PERIOD });
    const o2 = linked.workgroups[0]?.objectives.find((o) => o.objective.key === 'O-2');
    expect(o2?.rollup?.work).toEqual({ issues: 3, done: 1 });
    const whole = await ok(app, 'lead', 'project-page/objective', { projectKey: 'WEB', objectiveKey: 'O-2' });
    expect(whole.entry.rollup?.work).toEqual({ issues: 3, done: 1, inProgress: 0, toDo: 2, points: 10, pointsDone: 5 });
    expect(o2?.rollup?.progress).toBeCloseTo(1 / 3);

    // the bug WEB-5 is fixed in Jira; the bundled trigger applies it to the stored rollup
    await transition(app, 'lead', 'WEB-5', 'done');
    await app.host.drain();
    const after = await ok(app, 'lead', 'project-page/view', { projectKey: 'WEB', periodId: PERIOD });
    const moved = after.workgroups[0]?.objectives.find((o) => o.objective.key === 'O-2');
    expect(moved?.rollup?.work).toEqual({ issues: 3, done: 2 });
    expect(moved?.rollup?.progress).toBeCloseTo(2 / 3);
    expect(after.aligned.find((a) => a.objective.key === 'O-1')?.rollup?.progress).toBeCloseTo(2 / 3);

    const ran = app.host.invocations();
    expect(ran.filter((i) => !i.ok).map((i) => i.error)).toEqual([]);
    // finishing WEB-5 asked its assignee for an outcome review, and the bundled queue consumer
    // (on-reconcile) sent its notification email through Jira (docs/prompts.md, "Outside Tether")
    expect(new Set(ran.map((i) => i.functionKey))).toEqual(new Set(['resolver', 'on-issue-event', 'on-reconcile']));
    expect(app.host.jira.notifications.list().map((n) => n.issueKey)).toEqual(['WEB-5']);
  });

  it('runs the scheduled daily refresh from the bundle', async () => {
    const refreshed = await app.host.runScheduledTrigger('daily-refresh');
    expect(refreshed.ok).toBe(true);
    expect(refreshed.invocation.functionKey).toBe('on-daily-refresh');
    expect(app.host.invocations().filter((i) => !i.ok)).toEqual([]);
  });
});

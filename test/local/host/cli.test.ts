/**
 * The `tether` command, run as a person runs it: `node local/cli/tether.cjs …` in a child
 * process (the launcher package.json's "bin" names), with TETHER_DATA on a temporary folder.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { UPLOAD_PART_JSON_BYTES } from '../../../src/contract/api';
import { PINNED_NOW } from '../../support/clock';
import { buildObjectivesFile } from '../../support/objectives-file-builder';
import { FIXTURE_APP, FIXTURE_MANIFEST, fixtureHost, readKvs, removeDataDir, tempDataDir } from './host-test-kit';

const ROOT = join(__dirname, '..', '..', '..');
const LAUNCHER = join(ROOT, 'local', 'cli', 'tether.cjs');
const FIXTURE = ['--manifest', FIXTURE_MANIFEST, '--app', FIXTURE_APP];

jest.setTimeout(60_000);

let dataDir: string;
beforeEach(() => {
  dataDir = join(tempDataDir(), 'data');
});
afterEach(() => removeDataDir(join(dataDir, '..')));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function tether(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [LAUNCHER, ...args], {
      cwd: ROOT,
      env: { ...process.env, TETHER_DATA: dataDir, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const json = (text: string): unknown => JSON.parse(text);

describe('tether jira', () => {
  it('answers as the persona given', async () => {
    const run = await tether(['jira', 'GET', '/rest/api/3/myself', '--as', 'lead']);
    expect(run.code).toBe(0);
    expect(json(run.stdout)).toMatchObject({ accountId: 'local-lead', displayName: 'Lee Lead' });
    expect(run.stderr).toContain('200 GET /rest/api/3/myself as local-lead');
  });

  it("changes the local Jira, runs the app's triggers, and keeps both for the next command", async () => {
    const change = await tether([
      'jira',
      'POST',
      '/rest/api/3/issue/WEB-3/transitions',
      '--as',
      'member',
      '--data',
      '{"transition":{"id":"31"}}',
      ...FIXTURE,
    ]);
    expect(change.code).toBe(0);
    expect(change.stdout).toBe('');
    expect(change.stderr).toMatch(
      /^trigger issue-updated \(function on-issue-updated\): ok in \d+ ms; 1 KVS round trip, 0 Jira calls$/m,
    );
    expect(change.stderr).toMatch(/^trigger issue-updated-not-self \(function on-issue-updated-not-self\): ok/m);

    const read = await tether(['jira', 'GET', '/rest/api/3/issue/WEB-3?fields=status', '--as', 'member']);
    expect(json(read.stdout)).toMatchObject({ key: 'WEB-3', fields: { status: { name: 'In Review' } } });
    const host = fixtureHost(dataDir);
    try {
      expect(await readKvs(host, 'event:WEB-3:1')).toMatchObject({ by: 'local-member', status: 'In Review' });
    } finally {
      await host.close();
    }
  });

  it("exits 1 with Jira's answer when Jira refuses, and names the personas for an unknown --as", async () => {
    const hidden = await tether(['jira', 'GET', '/rest/api/3/issue/MOB-1', '--as', 'outsider']);
    expect(hidden.code).toBe(1);
    expect(json(hidden.stdout)).toEqual({
      errorMessages: ['Issue does not exist or you do not have permission to see it.'],
      errors: {},
    });

    const nobody = await tether(['jira', 'GET', '/rest/api/3/myself', '--as', 'nobody']);
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain(
      '--as nobody: not a persona nor an account of this site; use app, or one of admin (local-admin), lead (local-lead)',
    );

    const badBody = await tether(['jira', 'PUT', '/rest/api/3/issue/WEB-1', '--data', '{oops']);
    expect(badBody.code).toBe(1);
    expect(badBody.stderr).toContain('--data is not JSON');
  });
});

describe('tether trigger', () => {
  it('runs a scheduled trigger now and prints what it returned', async () => {
    const run = await tether(['trigger', 'nightly-reconcile', ...FIXTURE]);
    expect(run.code).toBe(0);
    expect(json(run.stdout)).toEqual({
      moduleKey: 'nightly-reconcile',
      cloudId: 'tether-local-cloud',
      runs: 1,
      issues: 5,
      principal: null,
    });
    expect(run.stderr).toMatch(
      /^scheduledTrigger nightly-reconcile \(function nightly\): ok in \d+ ms; 2 KVS round trips, 1 Jira call$/m,
    );
  });

  it('names the scheduled triggers there are when given another key', async () => {
    const run = await tether(['trigger', 'hourly', ...FIXTURE]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'tether trigger: The manifest has no scheduled trigger hourly (it has nightly-reconcile)',
    );
  });
});

describe('tether reset', () => {
  it('deletes the data folder only with --yes', async () => {
    await tether(['jira', 'GET', '/rest/api/3/myself']);
    expect(existsSync(join(dataDir, 'jira.json'))).toBe(true);

    const asked = await tether(['reset']);
    expect(asked.code).toBe(1);
    expect(asked.stderr).toContain('Run `tether reset --yes` to do it.');
    expect(existsSync(dataDir)).toBe(true);

    const done = await tether(['reset', '--yes']);
    expect(done.code).toBe(0);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('refuses a folder holding files the host did not write', async () => {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'thesis.docx'), 'years of work');
    const run = await tether(['reset', '--yes']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('it holds thesis.docx, which the local host did not write');
    expect(existsSync(join(dataDir, 'thesis.docx'))).toBe(true);
  });
});

describe('tether rollup', () => {
  it("prints, from the app's data, each objective with its progress, status, key results and work", async () => {
    const { createHost } = await import('../../../local/host/create-host');
    const { storedRecords } = await import('../../support/rollup-records');
    const { rollups } = await import('../../../src/forge/store/rollup-entities');
    const { aContribution, aKeyResult, anIssue, anObjective, aRollupInput } = await import('../../support/builders');
    const objective = anObjective({ id: 'O-4', key: 'O-4', title: 'Ship one-click payment' });
    const kr = aKeyResult({
      id: 'kr-1',
      key: 'KR-1',
      objectiveId: 'O-4',
      kind: 'completion',
      title: 'Payment stories done',
    });
    const links = [aContribution({ issueKey: 'PAY-1', objectiveId: 'O-4', keyResultId: 'kr-1' })];
    const issues = [
      anIssue({ key: 'PAY-1' }),
      anIssue({ key: 'PAY-2', parentKey: 'PAY-1', statusCategory: 'done', storyPoints: 3 }),
      anIssue({ key: 'PAY-3', parentKey: 'PAY-1', storyPoints: 5 }),
    ];
    const stored = storedRecords(
      aRollupInput({ objectives: [objective], keyResults: [kr], issues, contributions: links }),
    );
    const host = createHost({ dataDir, manifestPath: join(ROOT, 'manifest.yml'), delays: 'none', syncWrites: false });
    await host.runtime.runInvocation({ accountId: null, moduleKey: 'test' }, async () => {
      for (const r of stored.rollups) await rollups().put(r, 0);
    });
    await host.close();

    const run = await tether(['rollup', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([
      {
        key: 'O-4',
        title: 'Ship one-click payment',
        level: 'workgroup',
        progress: 0.5,
        status: expect.any(String),
        keyResults: [
          { key: 'KR-1', title: 'Payment stories done', kind: 'completion', progress: 0.5, value: 1, target: 2 },
        ],
        work: { total: 2, done: 1, inProgress: 0, toDo: 1, pointsDone: 3, pointsTotal: 8 },
      },
    ]);
    const text = await tether(['rollup']);
    expect(text.stdout).toContain('O-4');
    expect(text.stdout).toContain('50 %');
  });
});

describe('tether export and apply', () => {
  it('export prints the objectives file; applying it again changes nothing; a broken file is refused with its paths', async () => {
    // the documented example, on the demo site's project WEB and its issues (the example names SHOP)
    // and its people (every account named must exist in Jira)
    const example = join(dataDir, '..', 'objectives.yaml');
    const people: [string, string][] = [
      ['557058:cfo-carla', 'local-admin'],
      ['557058:lead-lena', 'local-lead'],
      ['557058:member-max', 'local-member'],
      ['557058:member-mia', 'local-outsider'],
    ];
    const documented = people.reduce(
      (text, [from, to]) => text.replaceAll(from, to),
      readFileSync(join(ROOT, 'docs', 'examples', 'objectives.yaml'), 'utf8'),
    );
    writeFileSync(example, documented.replaceAll('SHOP', 'WEB'));
    const noSuchIssue = await tether(['apply', example]);
    expect(noSuchIssue.code).toBe(1);
    expect(noSuchIssue.stderr).toContain('objectives.2.issues.0: there is no Jira issue WEB-12');
    writeFileSync(example, documented.replaceAll('SHOP-12', 'WEB-2').replaceAll('SHOP', 'WEB'));
    const first = await tether(['apply', example]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('objectives: 3 new');
    const exported = await tether(['export']);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain('format: tether-objectives/1');
    expect(exported.stderr).toContain('3 objectives, 5 key results');
    const dry = await tether(['apply', example, '--dry-run']);
    expect(dry.stdout).toContain('objectives: 0 new, 0 changed, 3 unchanged');
    expect(dry.stdout).toContain('dry run: nothing was written');
    const broken = join(dataDir, '..', 'broken.yaml');
    writeFileSync(
      broken,
      'format: tether-objectives/1\nobjectives:\n  - key: O-1\n    title: Lost\n    level: nowhere\n    period: none\n    owner: a\n',
    );
    const refused = await tether(['apply', broken]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('objectives.0.level');
    expect(refused.stderr).toContain('nothing was written');
  }, 180_000);
});

describe('tether apply, a file over one invoke', () => {
  it('uploads it in parts and previews it by its upload', async () => {
    const big = join(dataDir, '..', 'big.json');
    const text = buildObjectivesFile({ objectives: 1_000, issues: [] });
    expect(Buffer.byteLength(JSON.stringify(text))).toBeGreaterThan(UPLOAD_PART_JSON_BYTES);
    writeFileSync(big, text);
    const dry = await tether(['apply', big, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stderr).toContain('uploading part 1 of 2');
    expect(dry.stderr).toContain('uploading part 2 of 2');
    expect(dry.stdout).toContain('objectives: 1000 new');
    expect(dry.stdout).toContain('dry run: nothing was written');
  }, 180_000);
});

describe('usage', () => {
  it('prints the usage for help, and fails on an unknown command', async () => {
    const help = await tether(['help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: tether <command> [options]');
    const unknown = await tether(['deploy']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Unknown command: deploy');
  });
});

describe('commands handed to the parts that provide them', () => {
  it('tether import-jira runs the importer with its own options', async () => {
    const run = await tether(['import-jira', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage:');
  });

  it('tether start serves the local host on a port until SIGTERM, then closes cleanly', async () => {
    const child = spawn(process.execPath, [LAUNCHER, 'start', '--port', '0', ...FIXTURE], {
      cwd: ROOT,
      env: { ...process.env, TETHER_DATA: dataDir },
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const closed = new Promise<number | null>((resolve) => child.once('close', resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed in 30 s; stderr: ${stderr}`)), 30_000);
        child.stdout.on('data', (d: Buffer) => {
          stdout += d.toString();
          const found = /Jira REST API: (http:\/\/127\.0\.0\.1:\d+)\//.exec(stdout);
          if (found?.[1] !== undefined) {
            clearTimeout(timer);
            resolve(found[1]);
          }
        });
      });
      const res = await fetch(`${url}/rest/api/3/myself?as=member`);
      expect(res.status).toBe(200);
      expect(z.object({ accountId: z.string() }).parse(await res.json()).accountId).toBe('local-member');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await closed).toBe(0);
    expect(stderr).toContain('Stopping: delivering pending events and writing the local Jira');
  });
});

/**
 * Issue 14, item 8: what a person meets at the command line. The clock is pinned (TETHER_NOW), the
 * app's log is off where a line is measured, and nothing waits on time: each command runs to its end.
 */
describe('the command line says what is going on and what to do', () => {
  const pinned = { TETHER_NOW: PINNED_NOW };
  /**
   * `script` gives the command a pseudo-terminal; one nobody sized reports 0 columns. It is in
   * Debian's essential `bsdutils`; where it is missing these tests fail and say so, never skip.
   */
  const hasScript = spawnSync('script', ['--version']).status === 0;
  const onTerminal = (name: string, fn: () => Promise<void>, timeout?: number) =>
    it(
      name,
      async () => {
        if (!hasScript)
          throw new Error('These tests need `script` (util-linux) for a pseudo-terminal: apt-get install -y bsdutils');
        await fn();
      },
      timeout,
    );
  const shellQuote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;

  /** Runs `tether …` on a pseudo-terminal (stdout and stderr both go to it), `columns` wide (0: unsized). */
  function tetherOnTerminal(args: string[], columns: number, env: Record<string, string> = {}): Promise<Run> {
    const command = `stty cols ${columns}; ${[process.execPath, LAUNCHER, ...args].map(shellQuote).join(' ')}`;
    return new Promise((resolve, reject) => {
      const child = spawn('script', ['-qec', command, '/dev/null'], {
        cwd: ROOT,
        env: { ...process.env, TETHER_DATA: dataDir, TETHER_LOG: 'off', ...pinned, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.once('error', reject);
      child.once('close', (code) => resolve({ code, stdout, stderr: '' }));
    });
  }

  /** Each state of a line redrawn in place (`\r\x1b[2K` then its text). */
  const redrawn = (screen: string) =>
    screen
      .split('\r\x1b[2K')
      .slice(1)
      .map((s) => s.split('\r')[0]!);

  const bigFile = () => {
    const file = join(dataDir, '..', 'big.json');
    writeFileSync(file, buildObjectivesFile({ objectives: 200, issues: ['WEB-1', 'WEB-2'] }));
    return file;
  };

  it('rollup and export refuse a data folder that does not exist, say what to do, and create nothing', async () => {
    for (const command of ['rollup', 'export']) {
      const run = await tether([command], pinned);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(
        `tether ${command}: there is no data folder at ${dataDir}, so there is nothing to read (nothing was created). ` +
          'Set TETHER_DATA to the folder the host keeps its data in, or create one with `tether start` (the demo organisation) first.\n',
      );
      expect(existsSync(dataDir)).toBe(false);
    }
  });

  it('a missing file, or a folder given as a file, is named in a plain sentence with what to do (no ENOENT, no stack)', async () => {
    const missing = join(dataDir, '..', 'objectives.yaml');
    const run = await tether(['apply', missing], pinned);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `tether apply: Cannot read the objectives file ${missing}: there is no such file. Check the path.\n`,
    );
    expect(existsSync(dataDir)).toBe(false);

    const folder = await tether(['apply', join(dataDir, '..')], pinned);
    expect(folder.code).toBe(1);
    expect(folder.stderr).toBe(
      `tether apply: Cannot read the objectives file ${join(dataDir, '..')}: it is a folder, not a file. Give the path of a file inside it.\n`,
    );

    const manifest = await tether(['trigger', 'nightly-reconcile', '--manifest', 'no-such-manifest.yml'], pinned);
    expect(manifest.code).toBe(1);
    expect(manifest.stderr).toBe(
      `tether trigger: Cannot read the manifest (--manifest or TETHER_MANIFEST) ${join(ROOT, 'no-such-manifest.yml')}: there is no such file. Check the path (it is read relative to ${ROOT}).\n`,
    );
    expect(existsSync(dataDir)).toBe(false);

    const relative = await tether(['import-jira', '--dry-run', 'no-such-export.json'], pinned);
    expect(relative.code).toBe(1);
    expect(relative.stderr).toBe(
      `import-jira: Cannot read the export ${join(ROOT, 'no-such-export.json')}: there is no such file. Check the path (it is read relative to ${ROOT}).\n`,
    );
  });

  it('apply shows the queued job as it goes, a line per tenth of its steps when not on a terminal, then the result', async () => {
    const run = await tether(['apply', bigFile()], pinned);
    expect(run.code).toBe(0);
    const jobId = /^import job (\S+): (\d+) steps queued$/m.exec(run.stdout);
    expect(jobId).not.toBeNull();
    const total = Number(jobId![2]);
    const lines = run.stderr.split('\n').filter((l) => l.startsWith(`import job ${jobId![1]}:`));
    const shown = lines.map((l) => {
      const m = /: (\d+) of (\d+) steps \((\d+) %\)$/.exec(l);
      expect(m).not.toBeNull();
      expect(Number(m![2])).toBe(total);
      return { done: Number(m![1]), percent: Number(m![3]) };
    });
    expect(shown[0]).toEqual({ done: 0, percent: 0 });
    expect(shown.at(-1)).toEqual({ done: total, percent: 100 });
    const tenths = shown.map((s) => Math.floor(s.percent / 10));
    expect(tenths).toEqual([...new Set(tenths)].sort((a, b) => a - b)); // one line per tenth at most, in order
    expect(run.stderr).not.toContain('\r');
    expect(run.stdout).toMatch(/written: 200 objectives, 200 rollups, 90 links added\n$/);
  }, 180_000);

  onTerminal(
    'on a terminal, apply redraws one progress line in place; unsized it is 80 wide, sized it never exceeds the width',
    async () => {
      for (const columns of [0, 50]) {
        // a data folder of its own for each run: the second would find the objectives already there
        const run = await tetherOnTerminal(['apply', bigFile()], columns, {
          TETHER_DATA: join(dataDir, `columns-${columns}`),
        });
        expect(run.code).toBe(0);
        const states = redrawn(run.stdout);
        expect(states[0]).toMatch(/^\[\.+\] 0 of \d+ steps \(0 %\) import job/);
        expect(states.at(-1)).toMatch(/^\[#+\] (\d+) of \1 steps \(100 %\) import job/);
        const width = columns === 0 ? 80 : columns;
        for (const s of states) expect(s.length).toBeLessThan(width);
        expect(Math.max(...states.map((s) => s.length))).toBeGreaterThan(width - 10);
        expect(run.stdout).toContain('written: 200 objectives');
      }
    },
    240_000,
  );

  onTerminal('import-jira on a terminal reporting 0 columns draws its bar and words, not 20 characters', async () => {
    const { serverIssue, SRV } = await import('../import/fixtures');
    const file = join(dataDir, '..', 'export.jsonl');
    writeFileSync(
      file,
      [serverIssue({ key: 'SRV-1', type: SRV.epic }), serverIssue({ key: 'SRV-2' })]
        .map((i) => JSON.stringify(i))
        .join('\n'),
    );
    const run = await tetherOnTerminal(['import-jira', '--dry-run', '--store', join(dataDir, 'jira.json'), file], 0);
    expect(run.code).toBe(0);
    const states = redrawn(run.stdout);
    const last = states.at(-1)!;
    expect(last).toMatch(/^\[#{20}\] 100% done: 2 records in \d+\.\d s$/);
    for (const s of states) expect(s.length).toBeLessThan(80);
  });
});

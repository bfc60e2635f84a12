/**
 * The import-jira command line (run as a child process, as a developer would) and the progress
 * printer it uses: a bar redrawn in place on a TTY, plain lines at most every interval otherwise.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createLocalJira } from '../../../local/jira/local-jira';
import { progressPrinter, type ImportProgress } from '../../../local/import';
import { SRV, TempDir, serverIssue } from './fixtures';

const ROOT = resolve(__dirname, '../../..');

function runCli(args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'local/import/cli.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, TETHER_DATA: '' },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('import-jira command', () => {
  let dir: TempDir;
  beforeEach(() => {
    dir = new TempDir();
  });
  afterEach(() => dir.remove());

  test('imports into the store file (seeded with the demo site), prints a summary and plain progress lines when stderr is not a TTY', () => {
    const store = join(dir.path, 'data', 'jira.json');
    const lines = [
      serverIssue({ key: 'SRV-1', type: SRV.epic }),
      'not json',
      serverIssue({ key: 'SRV-2', epic: { key: 'SRV-1', name: 'E', done: false } }),
    ];
    const run = runCli(['--store', store, dir.jsonl('export.jsonl', lines)]);
    expect(run.stderr).toMatch(/^import-jira: export\.jsonl: \d+ records/m);
    expect(run.stderr).toMatch(/^import-jira: done: 3 records/m);
    expect(run.stderr).not.toContain('\r');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('issues: 2 added, 0 updated, 0 unchanged');
    expect(run.stdout).toMatch(/skipped: 1\n\s+.*export\.jsonl line 2: not JSON/);
    expect(run.stdout).toContain('parents set: epic 1');

    const jira = createLocalJira(JSON.parse(readFileSync(store, 'utf8')));
    expect(jira.store.issue('SRV-2')?.parentId).toBe(jira.store.issue('SRV-1')?.id);
    expect(jira.store.issue('WEB-1')).toBeDefined(); // the demo site it started from

    const again = runCli(['--store', store, '--json', dir.jsonl('export.jsonl', lines)]);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ issues: { added: 0, updated: 0, unchanged: 2 } });
  }, 30_000);

  test('a file it cannot read: exit 1 and the store file is not written; bad usage: exit 2', () => {
    const store = join(dir.path, 'jira.json');
    const failed = runCli(['--store', store, join(dir.path, 'absent.json')]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toBe(
      `import-jira: Cannot read the export ${join(dir.path, 'absent.json')}: there is no such file. Check the path.\n`,
    );
    expect(existsSync(store)).toBe(false);
    const usage = runCli(['--descriptions', 'fancy', 'x.json']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Usage:');
  }, 30_000);
});

describe('progress printer', () => {
  const progress = (over: Partial<ImportProgress>): ImportProgress => ({
    phase: 'reading',
    file: '/data/issues.jsonl.gz',
    fileIndex: 1,
    fileCount: 1,
    records: 0,
    fileRecords: 0,
    fileTotal: null,
    bytesRead: 0,
    bytesTotal: 4_194_304,
    elapsedMs: 0,
    rate: 0,
    ...over,
  });

  test('on a TTY: one line redrawn in place with a bar, by bytes when the total is unknown, by records when known', () => {
    const out: string[] = [];
    const printer = progressPrinter({ isTTY: true, columns: 120, write: (t) => out.push(t) });
    printer.onProgress(progress({ records: 1000, fileRecords: 1000, bytesRead: 1_048_576, rate: 2500 }));
    printer.onProgress(
      progress({ records: 30, fileRecords: 30, fileTotal: 40, file: 'a.json', fileIndex: 2, fileCount: 2, rate: 10 }),
    );
    printer.onProgress(progress({ phase: 'done', records: 1040, elapsedMs: 2500 }));
    printer.finish();
    expect(out[0]).toBe(
      `\r\x1b[2K[${'#'.repeat(8)}${'.'.repeat(22)}]  25% issues.jsonl.gz: 1,000 records (1.0 MB of 4.0 MB), 2,500/s`,
    );
    expect(out[1]).toContain(' 75% a.json [file 2/2]: 30/40 records, 10/s');
    expect(out[2]).toContain('100% done: 1,040 records in 2.5 s');
    expect(out[3]).toBe('\n');
  });

  test('not a TTY: plain lines, reading lines at most every interval, phases always', () => {
    const out: string[] = [];
    const printer = progressPrinter({ isTTY: false, write: (t) => out.push(t) }, 60_000);
    printer.onProgress(progress({ records: 1000, fileRecords: 1000, bytesRead: 2_097_152, rate: 2500 }));
    printer.onProgress(progress({ records: 2000, fileRecords: 2000, bytesRead: 3_000_000, rate: 2500 }));
    printer.onProgress(progress({ phase: 'building', records: 2000 }));
    printer.onProgress(progress({ phase: 'applying', records: 2000 }));
    printer.onProgress(progress({ phase: 'done', records: 2000, elapsedMs: 800 }));
    expect(out).toEqual([
      'import-jira: issues.jsonl.gz: 1,000 records (2.0 MB of 4.0 MB), 2,500/s (50%)\n',
      'import-jira: building the result from 2,000 records\n',
      'import-jira: applying to the store\n',
      'import-jira: done: 2,000 records in 0.8 s\n',
    ]);
  });
});

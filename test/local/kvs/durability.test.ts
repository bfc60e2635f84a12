import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kvs, WhereConditions } from '@forge/kvs';
import { dataDirectory, KvsService } from '../../../local/kvs/kvs-service';
import { FIXTURE_MANIFEST, startTestHost, type TestHost } from './kvs-test-host';

let t: TestHost;
afterEach(() => t.stop());

const logFile = () => join(t.dataDir, 'kvs', 'log.jsonl');
const snapshotFile = () => join(t.dataDir, 'kvs', 'snapshot.jsonl');
const employee = (age: number) => ({ surname: `S${age}`, age, team: 'red' });

describe('durability of the local KVS', () => {
  it('keeps values, entities, indexes and deletions across a restart', async () => {
    t = startTestHost();
    await kvs.set('plain', { n: 1 });
    await kvs.set('gone', 1);
    await kvs.delete('gone');
    for (const age of [30, 20, 40]) await kvs.entity('employee').set(`e${age}`, employee(age));
    await kvs.transact().set('tx', 'done').delete('e40', { entityName: 'employee' }).execute();

    t.restart();
    expect(await kvs.get('plain')).toEqual({ n: 1 });
    expect(await kvs.get('gone')).toBeUndefined();
    expect(await kvs.get('tx')).toBe('done');
    const page = await kvs.entity('employee').query().index('age').where(WhereConditions.greaterThan(0)).getMany();
    expect(page.results.map((r) => r.key)).toEqual(['e20', 'e30']);
  });

  it('ignores a last log line cut short by a crash, keeping everything before it', async () => {
    t = startTestHost();
    await kvs.set('before', 'safe');
    await kvs.entity('employee').set('e1', employee(1));
    t.service.close();
    appendFileSync(logFile(), '{"s":3,"m":[{"t":"put","n":"kvs","k":"half-writ');

    t.restart();
    expect(await kvs.get('before')).toBe('safe');
    expect(await kvs.entity('employee').get('e1')).toEqual(employee(1));
    expect(await kvs.get('half-written')).toBeUndefined();
    expect(readFileSync(logFile(), 'utf8').endsWith('\n')).toBe(true);

    // Later writes go after the cut, and survive the next restart.
    await kvs.set('after', 'also safe');
    t.restart();
    expect(await kvs.get('after')).toBe('also safe');
    expect(await kvs.get('before')).toBe('safe');
  });

  it('keeps every acknowledged write when the writing process is killed mid-stream', async () => {
    t = startTestHost();
    t.service.close();
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'crash-writer.ts'), t.dataDir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    // Kill without warning once a few hundred writes (and some compactions) have been acknowledged.
    await new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => {
        // count complete lines only: a chunk may end in the middle of one
        if ((output.match(/\n/g) ?? []).length >= 300) {
          clearInterval(poll);
          child.kill('SIGKILL');
        }
      }, 5);
      child.on('exit', () => resolve());
      child.on('error', reject);
    });
    const complete = output.slice(0, output.lastIndexOf('\n'));
    const acknowledged = complete
      .split('\n')
      .filter((line) => /^\d+$/.test(line))
      .map(Number);
    expect(acknowledged.length).toBeGreaterThanOrEqual(300);

    t.restart();
    for (const i of acknowledged) expect(await kvs.get(`crash:${i}`)).toMatchObject({ i });
  }, 30_000);

  it('refuses to open a log damaged in the middle, naming the line', async () => {
    t = startTestHost();
    await kvs.set('a', 1);
    await kvs.set('b', 2);
    t.service.close();
    const lines = readFileSync(logFile(), 'utf8').split('\n');
    lines[0] = '{"s":1,"m":[{"t":"pu';
    writeFileSync(logFile(), lines.join('\n'));
    expect(() => KvsService.open({ dataDir: t.dataDir, manifestPath: FIXTURE_MANIFEST })).toThrow(
      /log\.jsonl:1: damaged entry/,
    );
  });

  it('compacts the log into a snapshot and reads it back, entities and indexes included', async () => {
    t = startTestHost({ compactAfterEntries: 5 });
    for (let i = 0; i < 12; i += 1) await kvs.entity('employee').set(`e${i}`, employee(i));
    expect(existsSync(snapshotFile())).toBe(true);
    expect(readFileSync(logFile(), 'utf8').split('\n').filter(Boolean).length).toBeLessThan(5);

    t.restart();
    const all = await kvs.entity('employee').query().index('age').limit(20).getMany();
    expect(all.results).toHaveLength(12);
  });

  it('applies nothing twice when a crash falls between writing the snapshot and emptying the log', async () => {
    t = startTestHost();
    await kvs.set('n', 1);
    await kvs.set('n', 2);
    await kvs.delete('n');
    const logBefore = readFileSync(logFile(), 'utf8');
    t.service.compact();
    // As if the log had not been emptied after the snapshot was renamed into place:
    writeFileSync(logFile(), logBefore);
    t.restart();
    expect(await kvs.get('n')).toBeUndefined();
    await kvs.set('m', 3);
    t.restart();
    expect(await kvs.get('m')).toBe(3);
    expect(await kvs.get('n')).toBeUndefined();
  });

  it('keeps its files in TETHER_DATA, or .tether in the working directory', () => {
    t = startTestHost();
    expect(dataDirectory({ TETHER_DATA: '/srv/tether-data' })).toBe('/srv/tether-data');
    expect(dataDirectory({})).toBe(join(process.cwd(), '.tether'));
  });
});

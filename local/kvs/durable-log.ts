import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { parsedJsonValue, parseJsonText } from './json';
import type { Mutation, Namespace, StoredRecord } from './record-store';

/**
 * Durability for the local KVS, with no server and no native addon:
 *
 * - `log.jsonl`: one JSON line per committed request or transaction (all its changes together),
 *   appended and fsynced before the change is applied in memory or answered. A crash mid-write
 *   can leave only the last line incomplete; loading ignores such a line and cuts it off.
 * - `snapshot.jsonl`: every live record as of log sequence number `seq`, written to a temporary
 *   file, fsynced and renamed over the old one (atomic), after which the log is emptied. Lines
 *   with a sequence number the snapshot already covers are skipped, so a crash between the
 *   rename and the truncation loses nothing and applies nothing twice.
 */
export interface DurableLogOptions {
  dir: string;
  /** fsync after every commit (default true). Off only for throwaway data. */
  syncWrites: boolean;
}

const namespace: z.ZodType<Namespace> = z.union([
  z.literal('kvs'),
  z.literal('secret'),
  z.templateLiteral(['entity:', z.string()]),
]);

const recordLine = z.object({
  n: namespace,
  k: z.string(),
  v: parsedJsonValue,
  c: z.number(),
  u: z.number(),
  x: z.number().nullable(),
});
type RecordLine = z.infer<typeof recordLine>;

const logLine = z.object({
  s: z.number().int().positive(),
  m: z.array(
    z.union([
      recordLine.extend({ t: z.literal('put') }),
      z.object({ t: z.literal('del'), n: namespace, k: z.string() }),
    ]),
  ),
});

const SNAPSHOT_FORMAT = 'tether-kvs-snapshot';
const snapshotHeader = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.literal(1),
  seq: z.number().int().min(0),
  count: z.number().int().min(0),
});

const toLine = (r: StoredRecord): RecordLine => ({
  n: r.ns,
  k: r.key,
  v: r.value,
  c: r.createdAt,
  u: r.updatedAt,
  x: r.expireAt,
});
const fromLine = (l: RecordLine): StoredRecord => ({
  ns: l.n,
  key: l.k,
  value: l.v,
  createdAt: l.c,
  updatedAt: l.u,
  expireAt: l.x,
});

export class DurableLog {
  private seq = 0;
  private entriesSinceSnapshot = 0;
  private fd: number | undefined;
  /** Length of the log's complete lines: a failed append is cut back to it. */
  private logBytes = 0;

  private constructor(
    private readonly options: DurableLogOptions,
    private readonly logPath: string,
    private readonly snapshotPath: string,
  ) {}

  /** Loads the snapshot and the log, handing every stored change to `apply` in order. */
  static open(options: DurableLogOptions, apply: (m: Mutation) => void): DurableLog {
    mkdirSync(options.dir, { recursive: true });
    const log = new DurableLog(options, join(options.dir, 'log.jsonl'), join(options.dir, 'snapshot.jsonl'));
    rmSync(`${log.snapshotPath}.tmp`, { force: true });
    log.seq = log.loadSnapshot(apply);
    log.replayLog(apply);
    log.fd = openSync(log.logPath, 'a');
    log.logBytes = fstatSync(log.fd).size;
    return log;
  }

  get pendingEntries(): number {
    return this.entriesSinceSnapshot;
  }

  /** Writes one committed request's changes as one line and makes it durable. */
  append(mutations: readonly Mutation[]): void {
    if (this.fd === undefined) throw new Error('The local KVS log is closed');
    const m = mutations.map((x) =>
      x.t === 'put' ? { t: 'put' as const, ...toLine(x.record) } : { t: 'del' as const, n: x.ns, k: x.key },
    );
    const line = `${JSON.stringify({ s: this.seq + 1, m })}\n`;
    try {
      writeSync(this.fd, line);
      if (this.options.syncWrites) fsyncSync(this.fd);
    } catch (e) {
      // A partial line (disk full, say) would otherwise sit in the middle of the log.
      ftruncateSync(this.fd, this.logBytes);
      throw e;
    }
    this.logBytes += Buffer.byteLength(line, 'utf8');
    this.seq += 1;
    this.entriesSinceSnapshot += 1;
  }

  /** Replaces the snapshot with `records` (atomically) and empties the log. */
  compact(records: Iterable<StoredRecord>): void {
    if (this.fd === undefined) throw new Error('The local KVS log is closed');
    const list = [...records];
    const tmp = `${this.snapshotPath}.tmp`;
    const out = openSync(tmp, 'w');
    try {
      writeSync(out, `${JSON.stringify({ format: SNAPSHOT_FORMAT, version: 1, seq: this.seq, count: list.length })}\n`);
      for (let i = 0; i < list.length; i += 1000) {
        writeSync(
          out,
          list
            .slice(i, i + 1000)
            .map((r) => `${JSON.stringify(toLine(r))}\n`)
            .join(''),
        );
      }
      fsyncSync(out);
    } finally {
      closeSync(out);
    }
    renameSync(tmp, this.snapshotPath);
    syncDirectory(this.options.dir);
    ftruncateSync(this.fd, 0);
    fsyncSync(this.fd);
    this.logBytes = 0;
    this.entriesSinceSnapshot = 0;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private loadSnapshot(apply: (m: Mutation) => void): number {
    if (!existsSync(this.snapshotPath)) return 0;
    const lines = readFileSync(this.snapshotPath, 'utf8').split('\n');
    if (lines.at(-1) === '') lines.pop();
    const header = snapshotHeader.safeParse(parsedOrUndefined(lines[0] ?? ''));
    if (!header.success) throw new Error(`${this.snapshotPath}: not a KVS snapshot (bad first line)`);
    if (lines.length - 1 !== header.data.count) {
      throw new Error(
        `${this.snapshotPath}: expected ${header.data.count} records, found ${lines.length - 1}; the snapshot is damaged`,
      );
    }
    lines.slice(1).forEach((text, i) => {
      const line = recordLine.safeParse(parsedOrUndefined(text));
      if (!line.success) throw new Error(`${this.snapshotPath}:${i + 2}: not a stored record`);
      apply({ t: 'put', record: fromLine(line.data) });
    });
    return header.data.seq;
  }

  private replayLog(apply: (m: Mutation) => void): void {
    if (!existsSync(this.logPath)) return;
    const text = readFileSync(this.logPath, 'utf8');
    const lines = text.split('\n');
    // After the last newline: empty when the file ends cleanly, else a line cut short by a crash.
    const tail = lines.pop() ?? '';
    let validBytes = Buffer.byteLength(text, 'utf8') - Buffer.byteLength(tail, 'utf8');
    lines.forEach((lineText, i) => {
      const line = logLine.safeParse(parsedOrUndefined(lineText));
      if (!line.success)
        throw new Error(`${this.logPath}:${i + 1}: damaged entry in the middle of the log; refusing to guess`);
      this.replayEntry(line.data, apply);
    });
    if (tail !== '') {
      const line = logLine.safeParse(parsedOrUndefined(tail));
      if (line.success) {
        // Complete but for its newline: it was written, so it counts; the newline is added below.
        this.replayEntry(line.data, apply);
        validBytes += Buffer.byteLength(tail, 'utf8');
      }
      const fd = openSync(this.logPath, 'r+');
      try {
        ftruncateSync(fd, validBytes);
        if (line.success) writeSync(fd, '\n', validBytes);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
  }

  private replayEntry(entry: z.infer<typeof logLine>, apply: (m: Mutation) => void): void {
    if (entry.s <= this.seq) return;
    for (const m of entry.m) {
      apply(m.t === 'put' ? { t: 'put', record: fromLine(m) } : { t: 'del', ns: m.n, key: m.k });
    }
    this.seq = entry.s;
    this.entriesSinceSnapshot += 1;
  }
}

function parsedOrUndefined(text: string): unknown {
  const parsed = parseJsonText(text);
  return parsed.ok ? parsed.value : undefined;
}

/** Makes a rename durable; directories cannot be fsynced on every platform, so failure is fine. */
function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Windows: directories cannot be opened for fsync; the rename is still atomic.
  }
}

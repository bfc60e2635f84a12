/**
 * The async-events queue on disk (`<dataDir>/host/queue.jsonl`), so events pushed and not yet
 * delivered survive a host that stops or dies, as Forge's queue survives whatever happens to one
 * function instance. One JSON line per change, appended (and fsynced) before the change counts:
 *
 *   {"t":"job", jobId, queueName, total}                      a push (followed by its events)
 *   {"t":"event", id, event, pushedBy, readyAt, attempt, duplicate, retryContext?}   a delivery to make
 *   {"t":"retry", id, readyAt, attempt, retryContext}          a failed attempt, tried again at readyAt
 *   {"t":"end", id, outcome}                                   success | failed | cancelled
 *
 * Opening replays the file and rewrites it (temporary file, fsync, rename) with what is left: the
 * jobs and the deliveries still to make. A crash can only cut the last line short; it is ignored.
 * A delivery that ran but whose end was not written is made again: at least once.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { QueueName } from './manifest-schema';

/** `retryData` is often undefined, which JSON leaves out: a line without it reads back as undefined. */
export const RetryContextLine = z
  .object({
    retryCount: z.number().int().min(0),
    retryReason: z.string(),
    retryData: z.unknown().optional(),
  })
  .transform(({ retryData, ...rest }) => ({ ...rest, retryData }));

export const EventLine = z.object({
  body: z.record(z.string(), z.unknown()),
  queueName: QueueName,
  jobId: z.string().min(1),
  eventId: z.string().min(1),
  delayInSeconds: z.number().optional(),
  concurrency: z.object({ key: z.string(), limit: z.number() }).optional(),
});
export type StoredEvent = z.infer<typeof EventLine>;

export type RetryState = z.infer<typeof RetryContextLine>;

const Line = z.discriminatedUnion('t', [
  z.object({
    t: z.literal('job'),
    jobId: z.string().min(1),
    queueName: QueueName,
    total: z.number().int().min(0),
    success: z.number().int().min(0).default(0),
    failed: z.number().int().min(0).default(0),
    cancelled: z.number().int().min(0).default(0),
  }),
  z.object({
    t: z.literal('event'),
    id: z.string().min(1),
    event: EventLine,
    pushedBy: z.string().nullable(),
    readyAt: z.number(),
    attempt: z.number().int().min(0),
    duplicate: z.boolean(),
    retryContext: RetryContextLine.optional(),
  }),
  z.object({
    t: z.literal('retry'),
    id: z.string().min(1),
    readyAt: z.number(),
    attempt: z.number().int().min(0),
    retryContext: RetryContextLine,
  }),
  z.object({ t: z.literal('end'), id: z.string().min(1), outcome: z.enum(['success', 'failed', 'cancelled']) }),
]);
type Line = z.infer<typeof Line>;

/** One delivery still to make (a pushed event, a retry of it, or an injected duplicate). */
export interface StoredDelivery {
  id: string;
  event: StoredEvent;
  pushedBy: string | null;
  /** Host-clock time from which it may be delivered. */
  readyAt: number;
  /** Attempts already made. */
  attempt: number;
  /** A second delivery of an event (strict mode's at-least-once): it counts in no job stats. */
  duplicate: boolean;
  retryContext?: RetryState;
  /** Order of arrival (push order, for lenient delivery). */
  seq: number;
}

export interface StoredJob {
  jobId: string;
  queueName: string;
  total: number;
  success: number;
  failed: number;
  cancelled: number;
}

/** Finished jobs kept for `getStats()` (the oldest go first). */
const MAX_FINISHED_JOBS = 10_000;

export class QueueStore {
  readonly deliveries = new Map<string, StoredDelivery>();
  readonly jobs = new Map<string, StoredJob>();
  private fd: number | undefined;
  private seq = 0;

  private constructor(
    private readonly path: string,
    private readonly syncWrites: boolean,
  ) {}

  /** Reads the file (if any), keeps what is left to do and rewrites the file with just that. */
  static open(path: string, options: { syncWrites: boolean }): QueueStore {
    const store = new QueueStore(path, options.syncWrites);
    mkdirSync(dirname(path), { recursive: true });
    rmSync(`${path}.tmp`, { force: true });
    if (existsSync(path)) store.replay(readFileSync(path, 'utf8'));
    store.compact();
    store.fd = openSync(path, 'a');
    return store;
  }

  private replay(text: string): void {
    const lines = text.split('\n');
    const last = lines.length - 1;
    lines.forEach((raw, i) => {
      if (raw.trim() === '') return;
      let parsed: Line;
      try {
        parsed = Line.parse(JSON.parse(raw));
      } catch (e) {
        // only the last line can be cut short by a crash
        if (i === last) return;
        throw new Error(
          `${this.path}: line ${i + 1} is damaged (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); run \`tether reset --yes\` to start again`,
        );
      }
      this.apply(parsed);
    });
  }

  private apply(line: Line): void {
    switch (line.t) {
      case 'job':
        this.jobs.set(line.jobId, {
          jobId: line.jobId,
          queueName: line.queueName,
          total: line.total,
          success: line.success,
          failed: line.failed,
          cancelled: line.cancelled,
        });
        return;
      case 'event':
        this.seq += 1;
        this.deliveries.set(line.id, {
          id: line.id,
          event: line.event,
          pushedBy: line.pushedBy,
          readyAt: line.readyAt,
          attempt: line.attempt,
          duplicate: line.duplicate,
          ...(line.retryContext === undefined ? {} : { retryContext: line.retryContext }),
          seq: this.seq,
        });
        return;
      case 'retry': {
        const d = this.deliveries.get(line.id);
        if (d === undefined) return;
        d.readyAt = line.readyAt;
        d.attempt = line.attempt;
        d.retryContext = line.retryContext;
        return;
      }
      case 'end': {
        const d = this.deliveries.get(line.id);
        if (d === undefined) return;
        this.deliveries.delete(line.id);
        const job = this.jobs.get(d.event.jobId);
        if (job === undefined || d.duplicate) return;
        job[line.outcome] += 1;
        return;
      }
    }
  }

  private lineOf(d: StoredDelivery): Line {
    return {
      t: 'event',
      id: d.id,
      event: d.event,
      pushedBy: d.pushedBy,
      readyAt: d.readyAt,
      attempt: d.attempt,
      duplicate: d.duplicate,
      ...(d.retryContext === undefined ? {} : { retryContext: d.retryContext }),
    };
  }

  private compact(): void {
    const open = new Set([...this.deliveries.values()].map((d) => d.event.jobId));
    const finished = [...this.jobs.values()].filter((j) => !open.has(j.jobId));
    for (const j of finished.slice(0, Math.max(0, finished.length - MAX_FINISHED_JOBS))) this.jobs.delete(j.jobId);
    const lines: Line[] = [...this.jobs.values()].map((j) => ({ t: 'job', ...j }));
    for (const d of [...this.deliveries.values()].sort((a, b) => a.seq - b.seq)) lines.push(this.lineOf(d));
    const tmp = `${this.path}.tmp`;
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.path);
  }

  private write(lines: readonly Line[]): void {
    if (this.fd === undefined) throw new Error(`The local queue (${this.path}) is closed`);
    writeSync(this.fd, lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
    if (this.syncWrites) fsyncSync(this.fd);
  }

  /** A push: its job and its deliveries, written together. */
  addJob(
    job: { jobId: string; queueName: string; total: number },
    deliveries: ReadonlyArray<Omit<StoredDelivery, 'seq'>>,
  ): StoredDelivery[] {
    const added = deliveries.map((d) => ({ ...d, seq: ++this.seq }));
    this.write([{ t: 'job', ...job, success: 0, failed: 0, cancelled: 0 }, ...added.map((d) => this.lineOf(d))]);
    this.jobs.set(job.jobId, { ...job, success: 0, failed: 0, cancelled: 0 });
    for (const d of added) this.deliveries.set(d.id, d);
    return added;
  }

  /** One more delivery of an event already pushed (a duplicate). */
  addDelivery(delivery: Omit<StoredDelivery, 'seq'>): StoredDelivery {
    const added = { ...delivery, seq: ++this.seq };
    this.write([this.lineOf(added)]);
    this.deliveries.set(added.id, added);
    return added;
  }

  retry(id: string, readyAt: number, attempt: number, retryContext: RetryState): void {
    const line: Line = { t: 'retry', id, readyAt, attempt, retryContext };
    this.write([line]);
    this.apply(line);
  }

  end(id: string, outcome: 'success' | 'failed' | 'cancelled'): void {
    if (!this.deliveries.has(id)) return;
    const line: Line = { t: 'end', id, outcome };
    this.write([line]);
    this.apply(line);
  }

  close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }
}

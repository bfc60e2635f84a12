/**
 * The local async-events queue. `new Queue({key}).push(events)` from @forge/events arrives here
 * (see queue-route.ts); each event is delivered to the manifest consumer of that queue in its own
 * invocation, in the background. Pushed events are kept on disk until delivered (queue-store.ts),
 * so they survive a host restart.
 *
 * Strict (Forge's async events API and limits pages, docs/forge-fidelity.md):
 * - at least once: some events are delivered twice (same eventId), at a rate from a seeded PRNG;
 * - unordered and concurrent: any ready event may go next, up to `maxConcurrency` at once per
 *   queue, and at most `concurrency.limit` at once for events sharing a `concurrency.key`;
 * - a delivery that throws, times out or returns an InvocationError is retried later with
 *   backoff (`retryAfter` when the error gives one, at most 900 s), at most `maxRetries` times,
 *   then counts as failed; other events go on meanwhile;
 * - a push is refused as Forge refuses it: more than 50 events (400), more than 200 KB (413,
 *   the SDK's PayloadTooBigError), an event over 100 KB for a consumer whose timeout is over 55 s
 *   (413), more than 500 events a minute (429, the SDK's RateLimitError).
 *
 * Lenient (the host before issue 12): one event at a time per queue, in push order (an event
 * waits for its `delayInSeconds`, later ready events go first), a failing one retried after
 * `retryAfter` (1 s by default) up to `maxRetries` times before the next.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Rng } from '../prng';
import type { HostClock } from './host-clock';
import { retryRequested, type RetryContext } from './invocation-error';
import type { ConsumerEntry } from './manifest';
import { QueueName } from './manifest-schema';
import type { QueueStore, StoredDelivery } from './queue-store';
import type { InvocationResult } from './run-function';

/** The body @forge/events posts to publish (queue.js:21-28; validators.js:8-9,22-44 for the limits). */
export const PushRequest = z.object({
  queueName: QueueName,
  jobId: z.string().min(1),
  type: z.string(),
  schema: z.string(),
  payload: z
    .array(
      z.object({
        body: z.record(z.string(), z.unknown()),
        delayInSeconds: z.number().min(0).max(900).optional(),
        concurrency: z.object({ key: z.string(), limit: z.number() }).optional(),
      }),
    )
    .min(1)
    .max(50),
  time: z.string(),
});
export type PushRequest = z.infer<typeof PushRequest>;

/** The body of the stats and cancel requests (jobProgress.js:17-35). */
export const JobRequest = z.object({ queueName: QueueName, jobId: z.string().min(1), time: z.string() });
export type JobRequest = z.infer<typeof JobRequest>;

/** What the consumer function receives (@forge/events types.d.ts, AsyncEvent). */
export interface AsyncEventPayload {
  body: Record<string, unknown>;
  queueName: string;
  jobId: string;
  eventId: string;
  delayInSeconds?: number;
  concurrency?: { key: string; limit: number };
  retryContext?: RetryContext;
}

export interface QueueReply {
  status: number;
  body?: unknown;
}

export interface JobStats {
  success: number;
  inProgress: number;
  failed: number;
}

/** Forge's documented limits (limits-async-events): per push, per event of a long-running consumer, per minute. */
export const PUSH_LIMITS = {
  eventsPerPush: 50,
  pushBytes: 200 * 1024,
  eventBytesLongRunning: 100 * 1024,
  /** A consumer "long-running" above this timeout (seconds). */
  longRunningAbove: 55,
  eventsPerMinute: 500,
  /** `retryAfter` is lowered to this (seconds), as for product events. */
  maxRetryAfter: 900,
} as const;

export interface StrictQueueSettings {
  /** Share of events delivered a second time (0–1). */
  duplicateRate: number;
  /** A duplicate arrives within this many ms of the first delivery's time (so the two may overlap). */
  duplicateSpreadMs: number;
  /** Deliveries running at once per queue. */
  maxConcurrency: number;
  /** Backoff after a failure without `retryAfter`: base × 2^attempt seconds, plus up to 50 % jitter, at most 900 s. */
  retryBaseSeconds: number;
  rng: Rng;
}

export interface LocalQueueDeps {
  consumers: ReadonlyMap<string, ConsumerEntry>;
  /** Runs the consumer once with this event. */
  invoke: (
    consumer: ConsumerEntry,
    event: AsyncEventPayload,
    pushedBy: string | null,
    attempt: number,
  ) => Promise<InvocationResult>;
  /** Starts tracked background work (drain() waits for it). */
  background: (work: Promise<unknown>) => void;
  clock: HostClock;
  store: QueueStore;
  maxRetries: number;
  /** The consumer function's timeout in seconds (for the long-running event limit). */
  timeoutSecondsOf: (consumer: ConsumerEntry) => number;
  /** Strict delivery; null for lenient. */
  strict: StrictQueueSettings | null;
}

const FAILURE_REASON = (error: Error) =>
  error.name === 'FunctionTimeoutError' ? 'FUNCTION_TIME_OUT' : 'FUNCTION_PLATFORM_UNKNOWN_ERROR';

export class LocalQueues {
  private readonly running = new Set<string>();
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly wakers = new Map<string, () => void>();
  /** Host-clock times of events pushed in the last minute (strict's per-minute limit). */
  private recentPushes: number[] = [];
  private closing = false;

  constructor(private readonly deps: LocalQueueDeps) {}

  /** Starts delivering what the store still holds (events pushed before a restart). */
  resume(): void {
    for (const queueName of new Set([...this.deps.store.deliveries.values()].map((d) => d.event.queueName))) {
      if (this.deps.consumers.has(queueName)) this.start(queueName);
    }
  }

  push(request: PushRequest, pushedBy: string | null): QueueReply {
    const consumer = this.deps.consumers.get(request.queueName);
    if (consumer === undefined) {
      return {
        status: 400,
        body: { message: `No consumer in manifest.yml listens to the queue ${request.queueName}` },
      };
    }
    if (this.deps.store.jobs.has(request.jobId))
      return { status: 400, body: { message: `The job ${request.jobId} was already pushed` } };
    const now = this.deps.clock.now();
    const strict = this.deps.strict;
    if (strict !== null) {
      const refused = this.refusal(request, consumer, now);
      if (refused !== null) return refused;
    }
    const deliveries: Array<Omit<StoredDelivery, 'seq'>> = [];
    for (const pushed of request.payload) {
      const event = {
        body: structuredClone(pushed.body),
        queueName: request.queueName,
        jobId: request.jobId,
        eventId: randomUUID(),
        ...(pushed.delayInSeconds === undefined ? {} : { delayInSeconds: pushed.delayInSeconds }),
        ...(pushed.concurrency === undefined ? {} : { concurrency: pushed.concurrency }),
      };
      const readyAt = now + this.delayMs((pushed.delayInSeconds ?? 0) * 1000);
      deliveries.push({ id: randomUUID(), event, pushedBy, readyAt, attempt: 0, duplicate: false });
      if (strict !== null && strict.rng.chance(strict.duplicateRate)) {
        deliveries.push({
          id: randomUUID(),
          event,
          pushedBy,
          readyAt: readyAt + this.delayMs(strict.rng.int(0, strict.duplicateSpreadMs)),
          attempt: 0,
          duplicate: true,
        });
      }
    }
    this.deps.store.addJob(
      { jobId: request.jobId, queueName: request.queueName, total: request.payload.length },
      deliveries,
    );
    this.start(request.queueName);
    return { status: 201 };
  }

  /** Forge's refusals of a push (strict), or null when it is accepted. */
  private refusal(request: PushRequest, consumer: ConsumerEntry, now: number): QueueReply | null {
    const bytes = Buffer.byteLength(JSON.stringify(request.payload));
    if (bytes > PUSH_LIMITS.pushBytes) {
      return {
        status: 413,
        body: {
          errorMessage: `The combined payload of the pushed events is ${(bytes / 1024).toFixed(1)} KB; the maximum payload size is 200KB.`,
        },
      };
    }
    if (this.deps.timeoutSecondsOf(consumer) > PUSH_LIMITS.longRunningAbove) {
      const big = request.payload.findIndex(
        (e) => Buffer.byteLength(JSON.stringify(e)) > PUSH_LIMITS.eventBytesLongRunning,
      );
      if (big >= 0) {
        return {
          status: 413,
          body: {
            errorMessage: `Event ${big} is larger than 100 KB, the maximum for a consumer whose timeout is over 55 seconds.`,
          },
        };
      }
    }
    this.recentPushes = this.recentPushes.filter((t) => t > now - 60_000);
    if (this.recentPushes.length + request.payload.length > PUSH_LIMITS.eventsPerMinute) {
      return {
        status: 429,
        body: { message: 'More than 500 events were pushed in one minute; push again after a minute.' },
      };
    }
    for (let i = 0; i < request.payload.length; i += 1) this.recentPushes.push(now);
    return null;
  }

  stats(request: JobRequest): QueueReply {
    const job = this.deps.store.jobs.get(request.jobId);
    if (job === undefined || job.queueName !== request.queueName)
      return { status: 404, body: { message: `No job ${request.jobId} on queue ${request.queueName}` } };
    return {
      status: 200,
      body: {
        success: job.success,
        inProgress: job.total - job.success - job.failed - job.cancelled,
        failed: job.failed,
      },
    };
  }

  /** Drops the job's events not yet delivered (one being delivered finishes). */
  cancel(request: JobRequest): QueueReply {
    const job = this.deps.store.jobs.get(request.jobId);
    if (job === undefined || job.queueName !== request.queueName)
      return { status: 404, body: { message: `No job ${request.jobId} on queue ${request.queueName}` } };
    for (const d of [...this.deps.store.deliveries.values()]) {
      if (d.event.jobId === request.jobId && !this.inFlight.has(d.id)) this.deps.store.end(d.id, 'cancelled');
    }
    return { status: 204 };
  }

  /** Events pushed and not yet delivered (or being delivered), over all queues, duplicates left out. */
  get pending(): number {
    let n = 0;
    for (const d of this.deps.store.deliveries.values()) if (!d.duplicate) n += 1;
    return n;
  }

  /**
   * Stops starting deliveries. Strict: what is not delivered yet stays on disk for the next start
   * (deliveries under way finish). Lenient: the queues go on until empty, as before.
   */
  close(): void {
    this.closing = true;
    for (const wake of this.wakers.values()) wake();
  }

  private delayMs(ms: number): number {
    return this.deps.clock.delays === 'none' ? 0 : ms;
  }

  private start(queueName: string): void {
    if (this.running.has(queueName)) {
      this.wakers.get(queueName)?.();
      return;
    }
    this.running.add(queueName);
    this.deps.background(this.work(queueName).finally(() => this.running.delete(queueName)));
  }

  private waiting(queueName: string): StoredDelivery[] {
    return [...this.deps.store.deliveries.values()].filter(
      (d) => d.event.queueName === queueName && !this.inFlight.has(d.id),
    );
  }

  private async work(queueName: string): Promise<void> {
    // Let the pushing invocation carry on first: delivery is asynchronous, as on Forge.
    await new Promise((resolve) => setImmediate(resolve));
    for (;;) {
      const strict = this.deps.strict;
      if (this.closing && strict !== null) return;
      const now = this.deps.clock.now();
      const waiting = this.waiting(queueName);
      const ready = waiting.filter((d) => d.readyAt <= now);
      if (strict === null) {
        const next = ready.sort((a, b) => a.seq - b.seq)[0];
        if (next !== undefined) {
          await this.deliverInOrder(next);
          continue;
        }
      } else {
        this.startReady(queueName, ready, strict);
      }
      const mine = [...this.inFlight.entries()]
        .filter(([id]) => this.deps.store.deliveries.get(id)?.event.queueName === queueName)
        .map(([, p]) => p);
      const later = waiting.filter((d) => d.readyAt > now);
      if (mine.length === 0 && later.length === 0 && this.waiting(queueName).length === 0) return;
      const nextAt = later.length === 0 ? Number.POSITIVE_INFINITY : Math.min(...later.map((d) => d.readyAt));
      const timer = Number.isFinite(nextAt) ? this.deps.clock.cancellable(nextAt) : null;
      const woken = new Promise<void>((resolve) => this.wakers.set(queueName, resolve));
      await Promise.race([woken, ...(timer === null ? [] : [timer.done]), ...mine]);
      timer?.cancel();
      this.wakers.delete(queueName);
    }
  }

  /** Strict: starts ready deliveries in random order, within the queue's and the keys' concurrency. */
  private startReady(queueName: string, ready: StoredDelivery[], strict: StrictQueueSettings): void {
    const candidates = [...ready];
    while (candidates.length > 0) {
      const running = [...this.inFlight.keys()]
        .map((id) => this.deps.store.deliveries.get(id))
        .filter((d): d is StoredDelivery => d !== undefined && d.event.queueName === queueName);
      if (running.length >= strict.maxConcurrency) return;
      const [picked] = candidates.splice(strict.rng.int(0, candidates.length - 1), 1);
      if (picked === undefined) return;
      const key = picked.event.concurrency;
      if (
        key !== undefined &&
        running.filter((d) => d.event.concurrency?.key === key.key).length >= Math.max(1, key.limit)
      )
        continue;
      const attempt = this.attemptStrict(picked, strict).finally(() => this.inFlight.delete(picked.id));
      this.inFlight.set(picked.id, attempt);
      this.deps.background(attempt);
    }
  }

  private eventFor(d: StoredDelivery): AsyncEventPayload {
    return d.retryContext === undefined ? { ...d.event } : { ...d.event, retryContext: d.retryContext };
  }

  /** One strict attempt: success ends the delivery; a failure schedules the next attempt or ends it failed. */
  private async attemptStrict(d: StoredDelivery, strict: StrictQueueSettings): Promise<void> {
    const consumer = this.deps.consumers.get(d.event.queueName);
    if (consumer === undefined) return;
    const result = await this.deps.invoke(consumer, this.eventFor(d), d.pushedBy, d.attempt);
    const retry = result.ok
      ? retryRequested(result.value)
      : { retryAfter: null, retryReason: FAILURE_REASON(result.error), retryData: undefined };
    if (retry === null) {
      this.deps.store.end(d.id, 'success');
      return;
    }
    if (d.attempt >= this.deps.maxRetries) {
      this.deps.store.end(d.id, 'failed');
      return;
    }
    const backoff = retry.retryAfter ?? strict.retryBaseSeconds * 2 ** d.attempt * (1 + strict.rng.float() / 2);
    const seconds = Math.min(PUSH_LIMITS.maxRetryAfter, Math.max(1, backoff));
    const retryContext = { retryCount: d.attempt + 1, retryReason: retry.retryReason, retryData: retry.retryData };
    this.deps.store.retry(d.id, this.deps.clock.now() + this.delayMs(seconds * 1000), d.attempt + 1, retryContext);
  }

  /** Lenient: this delivery with its retries (after `retryAfter`, 1 s by default) before the next. */
  private async deliverInOrder(d: StoredDelivery): Promise<void> {
    const consumer = this.deps.consumers.get(d.event.queueName);
    if (consumer === undefined) return;
    const run = (async () => {
      for (;;) {
        const result = await this.deps.invoke(consumer, this.eventFor(d), d.pushedBy, d.attempt);
        const retry = result.ok
          ? retryRequested(result.value)
          : { retryAfter: 1, retryReason: FAILURE_REASON(result.error), retryData: undefined };
        if (retry === null) {
          this.deps.store.end(d.id, 'success');
          return;
        }
        if (d.attempt >= this.deps.maxRetries) {
          this.deps.store.end(d.id, 'failed');
          return;
        }
        const retryContext = { retryCount: d.attempt + 1, retryReason: retry.retryReason, retryData: retry.retryData };
        this.deps.store.retry(d.id, this.deps.clock.now(), d.attempt + 1, retryContext);
        await this.deps.clock.wait((retry.retryAfter ?? 1) * 1000);
      }
    })();
    this.inFlight.set(d.id, run);
    try {
      await run;
    } finally {
      this.inFlight.delete(d.id);
    }
  }
}

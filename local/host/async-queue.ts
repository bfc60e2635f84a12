/**
 * The local async-events queue. `new Queue({key}).push(events)` from @forge/events arrives here
 * (see queue-route.ts); each event is delivered to the manifest consumer of that queue in its own
 * invocation, in the background, one at a time per queue and in push order (an event waits for
 * its `delayInSeconds` unless delays are off). A delivery that throws, times out or returns an
 * InvocationError is retried after `retryAfter` (1 s by default), at most four times, before the
 * next event of the queue; then the event counts as failed in its job's stats. Queued events live
 * in memory: events not yet delivered when the host closes without drain() are lost.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { retryRequested, type RetryContext } from './invocation-error';
import type { ConsumerEntry } from './manifest';
import { QueueName } from './manifest-schema';
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

interface QueuedEvent {
  event: AsyncEventPayload;
  readyAt: number;
  pushedBy: string | null;
}

export interface LocalQueueDeps {
  consumers: ReadonlyMap<string, ConsumerEntry>;
  /** Runs the consumer once with this event. */
  invoke: (consumer: ConsumerEntry, event: AsyncEventPayload, pushedBy: string | null, attempt: number) => Promise<InvocationResult>;
  background: (work: Promise<unknown>) => void;
  /** Waits `seconds` (no time at all when delays are off). */
  wait: (seconds: number) => Promise<void>;
  /** Honour delayInSeconds. */
  delays: boolean;
  maxRetries: number;
}

export class LocalQueues {
  private readonly waiting = new Map<string, QueuedEvent[]>();
  private readonly running = new Set<string>();
  private readonly jobs = new Map<string, JobStats & { queueName: string }>();

  constructor(private readonly deps: LocalQueueDeps) {}

  push(request: PushRequest, pushedBy: string | null): QueueReply {
    if (!this.deps.consumers.has(request.queueName)) {
      return { status: 400, body: { message: `No consumer in manifest.yml listens to the queue ${request.queueName}` } };
    }
    if (this.jobs.has(request.jobId)) return { status: 400, body: { message: `The job ${request.jobId} was already pushed` } };
    this.jobs.set(request.jobId, { queueName: request.queueName, success: 0, inProgress: request.payload.length, failed: 0 });
    const list = this.waiting.get(request.queueName) ?? [];
    this.waiting.set(request.queueName, list);
    const now = Date.now();
    for (const pushed of request.payload) {
      const event: AsyncEventPayload = {
        body: structuredClone(pushed.body),
        queueName: request.queueName,
        jobId: request.jobId,
        eventId: randomUUID(),
        ...(pushed.delayInSeconds === undefined ? {} : { delayInSeconds: pushed.delayInSeconds }),
        ...(pushed.concurrency === undefined ? {} : { concurrency: pushed.concurrency }),
      };
      const delayMs = this.deps.delays ? (pushed.delayInSeconds ?? 0) * 1000 : 0;
      list.push({ event, readyAt: now + delayMs, pushedBy });
    }
    this.start(request.queueName);
    return { status: 201 };
  }

  stats(request: JobRequest): QueueReply {
    const job = this.jobs.get(request.jobId);
    if (job === undefined || job.queueName !== request.queueName) return { status: 404, body: { message: `No job ${request.jobId} on queue ${request.queueName}` } };
    return { status: 200, body: { success: job.success, inProgress: job.inProgress, failed: job.failed } };
  }

  /** Drops the job's events not yet delivered (one being delivered finishes). */
  cancel(request: JobRequest): QueueReply {
    const job = this.jobs.get(request.jobId);
    if (job === undefined || job.queueName !== request.queueName) return { status: 404, body: { message: `No job ${request.jobId} on queue ${request.queueName}` } };
    const list = this.waiting.get(request.queueName) ?? [];
    const kept = list.filter((q) => q.event.jobId !== request.jobId);
    job.inProgress -= list.length - kept.length;
    list.splice(0, list.length, ...kept);
    return { status: 204 };
  }

  /** Events pushed and not yet delivered (or being delivered), over all queues. */
  get pending(): number {
    let n = 0;
    for (const job of this.jobs.values()) n += job.inProgress;
    return n;
  }

  private start(queueName: string): void {
    if (this.running.has(queueName)) return;
    this.running.add(queueName);
    this.deps.background(this.work(queueName).finally(() => this.running.delete(queueName)));
  }

  private async work(queueName: string): Promise<void> {
    const list = this.waiting.get(queueName) ?? [];
    // Let the pushing invocation carry on first: delivery is asynchronous, as on Forge.
    await new Promise((resolve) => setImmediate(resolve));
    while (list.length > 0) {
      const now = Date.now();
      const index = list.findIndex((q) => q.readyAt <= now);
      if (index < 0) {
        const next = Math.min(...list.map((q) => q.readyAt));
        await new Promise((resolve) => setTimeout(resolve, next - now));
        continue;
      }
      const [queued] = list.splice(index, 1);
      if (queued !== undefined) await this.deliver(queued);
    }
  }

  private async deliver(queued: QueuedEvent): Promise<void> {
    const consumer = this.deps.consumers.get(queued.event.queueName);
    const job = this.jobs.get(queued.event.jobId);
    if (consumer === undefined || job === undefined) return;
    let retryContext: RetryContext | undefined;
    for (let attempt = 0; ; attempt += 1) {
      const event = retryContext === undefined ? queued.event : { ...queued.event, retryContext };
      const result = await this.deps.invoke(consumer, event, queued.pushedBy, attempt);
      const retry = result.ok
        ? retryRequested(result.value)
        : { retryAfter: 1, retryReason: result.error.name === 'FunctionTimeoutError' ? 'FUNCTION_TIME_OUT' : 'FUNCTION_PLATFORM_UNKNOWN_ERROR', retryData: undefined };
      if (retry === null) {
        job.success += 1;
        break;
      }
      if (attempt >= this.deps.maxRetries) {
        job.failed += 1;
        break;
      }
      await this.deps.wait(retry.retryAfter);
      retryContext = { retryCount: attempt + 1, retryReason: retry.retryReason, retryData: retry.retryData };
    }
    job.inProgress -= 1;
  }
}

/**
 * The host's background work (trigger invocations, queue deliveries, retry waits): tracked so
 * that `drain()` can wait until nothing is left, including work that other work started.
 */
export class WorkTracker {
  private readonly pending = new Set<Promise<unknown>>();

  /** Runs `work` in the background; its failure is reported to `onError`, never thrown. */
  track(work: Promise<unknown>, onError: (e: unknown) => void): void {
    const tracked = work.catch(onError).finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  get size(): number {
    return this.pending.size;
  }

  /** Resolves when no tracked work is left (work started meanwhile is waited for too). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }
}

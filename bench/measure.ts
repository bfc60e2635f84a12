/** Timers, statistics and memory sampling shared by the benchmarks. */
import { GCProfiler, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** The q-quantile (0..1) of the samples, nearest rank. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) throw new Error('no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}

/** Median; the mean of the two middle samples when their count is even. */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new Error('no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Milliseconds since some fixed point, with sub-microsecond resolution. */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Times one call. */
export function timeMs<T>(fn: () => T): { ms: number; value: T } {
  const start = nowMs();
  const value = fn();
  return { ms: nowMs() - start, value };
}

export const MB = 1024 * 1024;

/** `1234567.8` → `1,234,568`; with `digits` decimals when asked. */
export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export const verdict = (pass: boolean): string => (pass ? 'PASS' : 'MISS');

/**
 * `gc()` when it can be had: node exposes it only under --expose-gc, which `npm run bench`
 * does not pass, so the flag is set at run time and the function taken from a fresh context.
 */
export const collectGarbage: (() => void) | null = (() => {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    return null;
  }
})();

/**
 * Peak of the V8 heap in use (`heapUsed`). Two sources, whichever is higher: the heap in use
 * right before every garbage collection (V8's GCProfiler: that is where the heap peaks),
 * and `process.memoryUsage().heapUsed` at each sampling point (the end of a phase).
 */
export class HeapSampler {
  peak = 0;
  peakAt = '';
  collections = 0;
  private profiler: GCProfiler | null = new GCProfiler();

  constructor() {
    this.profiler?.start();
  }

  private note(bytes: number, where: string): void {
    if (bytes <= this.peak) return;
    this.peak = bytes;
    this.peakAt = where;
  }

  /** Closes a phase: its collections and the heap at its end count toward the peak. Returns heapUsed now. */
  sample(phase: string): number {
    if (this.profiler) {
      const { statistics } = this.profiler.stop();
      this.collections += statistics.length;
      for (const gc of statistics) this.note(gc.beforeGC.heapStatistics.usedHeapSize, `during ${phase}`);
      this.profiler.start();
    }
    const used = process.memoryUsage().heapUsed;
    this.note(used, `end of ${phase}`);
    return used;
  }

  /** Stops sampling; later phases no longer count. */
  stop(): void {
    this.profiler?.stop();
    this.profiler = null;
  }
}

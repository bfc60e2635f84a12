/**
 * Waits on the host's clock (the process clock, local/runtime/process-clock.ts), not on timers
 * alone: a wait ends when `now()` reaches its time. A real timer checks again when the earliest
 * wait is due (at least once a second), so waits follow real time in a running host; a test that
 * moves the clock (`setProcessClock`, `atTime`) and calls `fire()` (the host's `settle()` does)
 * ends every wait that is due at once, with no sleeping.
 *
 * With delays `none` (the CLI's one-shot commands, tests that need no time) every wait ends on
 * the next turn of the event loop.
 *
 * Work waits are counted (`parked`): the host's `settle()` knows that background work waiting for
 * a later time is quiet. Schedule waits (the scheduled triggers' loop) are not: they never end.
 */
export type Delays = 'real' | 'none';

interface Waiter {
  due: number;
  counted: boolean;
  resolve: (ended: boolean) => void;
}

/** Checks at least this often, so a clock moved forward is noticed without `fire()`. */
const MAX_CHECK_MS = 1000;

export class HostClock {
  private waiters: Waiter[] = [];
  private timer: NodeJS.Timeout | undefined;
  private armedFor = Number.POSITIVE_INFINITY;
  private closed = false;

  constructor(
    readonly now: () => number,
    readonly delays: Delays,
  ) {}

  /**
   * Resolves `true` once the clock reads `now() + ms` (at once with delays `none`), or `false`
   * when the clock is closed first. `counted: false` for waits that are not background work.
   */
  wait(ms: number, options: { counted?: boolean } = {}): Promise<boolean> {
    return this.until(this.now() + Math.max(0, ms), options);
  }

  /** As `wait`, until the clock reads `at`. */
  until(at: number, options: { counted?: boolean } = {}): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    if (this.delays === 'none') return new Promise((resolve) => setImmediate(() => resolve(!this.closed)));
    return new Promise((resolve) => {
      this.waiters.push({ due: at, counted: options.counted ?? true, resolve });
      this.arm();
    });
  }

  /** As `until`, with a way to give up the wait (the promise then resolves `false`). */
  cancellable(at: number, options: { counted?: boolean } = {}): { done: Promise<boolean>; cancel: () => void } {
    if (this.closed) return { done: Promise.resolve(false), cancel: () => undefined };
    if (this.delays === 'none') return { done: this.until(at, options), cancel: () => undefined };
    let waiter: Waiter | undefined;
    const done = new Promise<boolean>((resolve) => {
      waiter = { due: at, counted: options.counted ?? true, resolve };
      this.waiters.push(waiter);
      this.arm();
    });
    return {
      done,
      cancel: () => {
        if (waiter === undefined || !this.waiters.includes(waiter)) return;
        this.waiters = this.waiters.filter((w) => w !== waiter);
        waiter.resolve(false);
        this.rearm();
      },
    };
  }

  /** Work waits not yet over. */
  get parked(): number {
    let n = 0;
    for (const w of this.waiters) if (w.counted) n += 1;
    return n;
  }

  /** Ends every wait whose time has come; returns how many ended. */
  fire(): number {
    const now = this.now();
    // in the order of their times, so what fell due first goes first
    const due = this.waiters.filter((w) => w.due <= now).sort((a, b) => a.due - b.due);
    if (due.length === 0) return 0;
    this.waiters = this.waiters.filter((w) => w.due > now);
    for (const w of due) w.resolve(true);
    this.rearm();
    return due.length;
  }

  /** Ends every work wait now, as if its time had come (closing hosts deliver what waits). */
  fireAll(): void {
    const work = this.waiters.filter((w) => w.counted);
    this.waiters = this.waiters.filter((w) => !w.counted);
    for (const w of work) w.resolve(true);
    this.rearm();
  }

  /** Ends every wait with `false` and refuses new ones. */
  close(): void {
    this.closed = true;
    const all = this.waiters;
    this.waiters = [];
    for (const w of all) w.resolve(false);
    this.clearTimer();
  }

  private arm(): void {
    const earliest = Math.min(...this.waiters.map((w) => w.due));
    const at = Math.min(earliest, this.now() + MAX_CHECK_MS);
    if (this.timer !== undefined && this.armedFor <= at) return;
    this.clearTimer();
    this.armedFor = at;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.armedFor = Number.POSITIVE_INFINITY;
        this.fire();
        if (this.waiters.length > 0) this.arm();
      },
      Math.max(0, Math.min(earliest - this.now(), MAX_CHECK_MS)),
    );
    // Only work keeps the process alive; schedule waits alone do not.
    if (!this.waiters.some((w) => w.counted)) this.timer.unref();
  }

  private rearm(): void {
    this.clearTimer();
    if (this.waiters.length > 0) this.arm();
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.armedFor = Number.POSITIVE_INFINITY;
  }
}

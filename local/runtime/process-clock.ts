/**
 * The time the local platform gives the code it runs. On Forge an app reads the real time; here the
 * host can set the time its whole process reads — the local Jira, the KVS, the app's functions, and
 * through local/server the Custom UI frames — the way `faketime` does for a process:
 * `TETHER_NOW=2026-11-20T10:00:00Z` starts the clock there and it moves on in real time.
 *
 * `Date.now()`, `new Date()` and `Date()` follow the clock; everything else about `Date` (parsing,
 * `Date.UTC`, instances made from a value, `instanceof`) is untouched, and timers are not affected.
 * The state lives on the global object, so every copy of this module in one realm shares it.
 */

interface ClockState {
  readonly real: DateConstructor;
  /** Milliseconds added to the real time. */
  offset: number;
}

const STATE = Symbol.for('tether.process-clock');

function stateOf(): ClockState | undefined {
  const found: unknown = Reflect.get(globalThis, STATE);
  return typeof found === 'object' && found !== null ? (found as ClockState) : undefined;
}

/** Replaces the global `Date` once with one that reads the shifted time. */
function installed(): ClockState {
  const existing = stateOf();
  if (existing) return existing;
  const real = globalThis.Date;
  const state: ClockState = { real, offset: 0 };
  const now = () => real.now() + state.offset;
  const shifted = new Proxy(real, {
    construct(target, args: unknown[], newTarget) {
      return Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget) as object;
    },
    apply() {
      return new real(now()).toString();
    },
    get(target, property, receiver) {
      if (property === 'now') return now;
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
  Reflect.set(globalThis, STATE, state);
  globalThis.Date = shifted;
  return state;
}

/** How far the process clock is from the machine's (0 when it was never set). */
export function clockOffsetMs(): number {
  return stateOf()?.offset ?? 0;
}

/** Whether the process clock was set away from the machine's. */
export function clockIsSet(): boolean {
  return clockOffsetMs() !== 0;
}

/**
 * Sets the process clock so that it reads `atMs` now and moves on from there. Returns a function
 * that puts back the clock as it was before this call.
 */
export function setProcessClock(atMs: number): () => void {
  if (!Number.isFinite(atMs)) throw new Error(`The clock cannot be set to ${atMs}`);
  const state = installed();
  const before = state.offset;
  state.offset = atMs - state.real.now();
  return () => {
    state.offset = before;
  };
}

/** Runs `fn` with the process clock at `atMs` (moving on from there), then puts the clock back. */
export async function atTime<T>(atMs: number, fn: () => Promise<T>): Promise<T> {
  const restore = setProcessClock(atMs);
  try {
    return await fn();
  } finally {
    restore();
  }
}

const SETTING = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * Reads a clock setting: a day (`2027-03-29`, midnight UTC) or a date-time with its zone
 * (`2026-11-20T10:00:00Z`, `2027-04-01T09:30+02:00`). Throws a message saying what is accepted.
 */
export function parseClockSetting(value: string, name = 'TETHER_NOW'): number {
  const text = value.trim();
  const match = SETTING.exec(text);
  const ms = match ? Date.parse(match[4] === undefined ? `${text}T00:00:00Z` : text) : Number.NaN;
  const roundTrips =
    match !== null &&
    Number.isFinite(ms) &&
    new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
      .toISOString()
      .startsWith(text.slice(0, 10));
  if (!roundTrips) {
    throw new Error(
      `${name}=${JSON.stringify(value)} is not a time: give a day (2027-03-29) or a date-time with its zone (2026-11-20T10:00:00Z)`,
    );
  }
  return ms;
}

/**
 * Sets the process clock from `TETHER_NOW` when it is there (a clear error when it is not a time).
 * Returns the function that puts the clock back (nothing to put back when the variable is unset).
 */
export function clockFromEnvironment(env: NodeJS.ProcessEnv): () => void {
  const setting = env['TETHER_NOW'];
  if (setting === undefined || setting.trim() === '') return () => undefined;
  return setProcessClock(parseClockSetting(setting));
}

/**
 * A script for a browser page that sets its clock to the process clock (sent with the page, so a
 * Custom UI frame's "today" is the host's). Empty when the clock is the machine's.
 */
export function browserClockScript(): string {
  if (!clockIsSet()) return '';
  return `(function(){var R=Date,off=${Date.now()}-R.now(),now=function(){return R.now()+off;};globalThis.Date=new Proxy(R,{construct:function(t,a,n){return Reflect.construct(t,a.length?a:[now()],n);},apply:function(){return new R(now()).toString();},get:function(t,p,r){return p==='now'?now:Reflect.get(t,p,r);}});})();\n`;
}

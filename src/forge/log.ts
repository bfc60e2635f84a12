/**
 * The app's logger (the Logger port of src/ports/platform.ts) on Forge, where whatever a function prints
 * on the console is what `forge logs` shows. One console call per event, so one entry per event:
 *
 *   <function>: <sentence> key=value key="a value with spaces" error="TypeError: …"
 *
 * `<function>` names the invocation (`issue-events`, `daily-refresh`, `reconcile`,
 * `resolver objectives/create`); the level is the console method's (info: console.log, warn:
 * console.warn, error: console.error). An unexpected error (anything but an AppFailure, or an
 * AppFailure coded INTERNAL) logged as an error brings its stack on the lines below, in the same entry.
 *
 * TETHER_LOG chooses what is printed: `warn` or `error` the least level, `off` (or `0`, `false`)
 * nothing, any other value (`1`, `info`) everything. Unset, everything is printed, except under
 * Jest (NODE_ENV=test), where nothing is: `TETHER_LOG=1 npx jest …` shows the app's lines.
 * On Forge, `forge variables set TETHER_LOG warn` quietens the info lines.
 */
import { AppFailure } from '../app/app-failure';
import type { LogFacts, Logger } from '../ports';

type Level = 'info' | 'warn' | 'error';

const RANK: Record<Level, number> = { info: 0, warn: 1, error: 2 };

/** The least level printed, read from the environment at each event (tests and Forge variables may change it). */
function leastLevel(): Level | 'off' {
  const setting = (process.env.TETHER_LOG ?? '').trim().toLowerCase();
  if (setting === '') return process.env.NODE_ENV === 'test' ? 'off' : 'info';
  if (setting === 'off' || setting === '0' || setting === 'false') return 'off';
  if (setting === 'warn' || setting === 'error') return setting;
  return 'info';
}

/** A logger for one function of the app: every line it prints starts with `fn`. */
export function logFor(fn: string): Logger {
  const emit = (level: Level, message: string, facts: LogFacts = {}, error?: unknown): void => {
    const least = leastLevel();
    if (least === 'off' || RANK[level] < RANK[least]) return;
    const line = formatEvent(fn, level, message, facts, error);
    if (level === 'info') console.log(line);
    else if (level === 'warn') console.warn(line);
    else console.error(line);
  };
  return {
    info: (message, facts) => emit('info', message, facts),
    warn: (message, facts, error) => emit('warn', message, facts, error),
    error: (message, facts, error) => emit('error', message, facts, error),
  };
}

/** One event as it is printed (the stack, when there is one, on the lines below). */
export function formatEvent(fn: string, level: Level, message: string, facts: LogFacts, error?: unknown): string {
  const pairs = Object.entries(facts).flatMap(([key, value]) =>
    value === undefined ? [] : [`${key}=${formatValue(value)}`],
  );
  if (error !== undefined) pairs.push(`error=${formatValue(describe(error))}`);
  const line = [`${fn}: ${message}`, ...pairs].join(' ');
  const stack = level === 'error' && unexpected(error) ? stackFrames(error) : '';
  return stack === '' ? line : `${line}\n${stack}`;
}

/** A bare word stays bare; anything with spaces, quotes, `=` or line breaks is quoted as JSON (one line). */
function formatValue(value: string | number | boolean | null): string {
  if (typeof value !== 'string') return String(value);
  return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
}

function describe(error: unknown): string {
  if (error instanceof AppFailure) return `${error.code}: ${error.message}`;
  if (error instanceof Error) return error.name === 'Error' ? error.message : `${error.name}: ${error.message}`;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}

/** Not a failure the app expects (those carry a code the user is told): a bug or an outage. */
function unexpected(error: unknown): error is Error {
  return error instanceof Error && (!(error instanceof AppFailure) || error.code === 'INTERNAL');
}

/** The stack's frames, without its first lines (they repeat the message, already in `error=`). */
function stackFrames(error: Error): string {
  const lines = (error.stack ?? '').split('\n');
  const first = lines.findIndex((l) => /^\s+at /.test(l));
  return first === -1 ? '' : lines.slice(first).join('\n');
}

/** What every use case may need from the platform: the time, a log, fresh ids, the secret that seals list cursors. */
export interface Clock {
  now(): number;
}

/** The facts of a logged event, printed as `key=value` after its sentence; undefined ones are left out. */
export type LogFacts = Readonly<Record<string, string | number | boolean | null | undefined>>;

/**
 * Where the app says what happened (src/forge/log.ts): one call per event, a short sentence and
 * its key facts. `error` is the caught value the event is about: its message is kept with the
 * event (and, for an unexpected error logged as an error, its stack).
 */
export interface Logger {
  info(message: string, facts?: LogFacts): void;
  warn(message: string, facts?: LogFacts, error?: unknown): void;
  error(message: string, facts?: LogFacts, error?: unknown): void;
}

/** Fresh ids for new records (check-ins). */
export interface IdSource {
  newId(prefix: string): string;
}

/** The installation's secret for sealing cursors. */
export interface CursorSecret {
  /** The secret, or null while none was made (then no cursor can be valid: nothing is written to find out). */
  existing(): Promise<string | null>;
  /** The secret, made and stored on first use. */
  ensure(): Promise<string>;
}

/**
 * The app's log as tests see it: src/forge/log.ts prints nothing under Jest unless TETHER_LOG is
 * set, so a test that checks what is logged turns it on for the duration and records the console.
 */
export interface LoggedLine {
  level: 'info' | 'warn' | 'error';
  text: string;
}

/**
 * Runs `fn` with TETHER_LOG=`setting` (null: not set) and returns what it printed, one entry per
 * console call (nothing reaches the terminal).
 */
export async function captureLog<T>(
  fn: () => T | Promise<T>,
  setting: string | null = 'info',
): Promise<{ result: T; lines: LoggedLine[] }> {
  const lines: LoggedLine[] = [];
  const record =
    (level: LoggedLine['level']) =>
    (...args: unknown[]) =>
      void lines.push({ level, text: args.map(String).join(' ') });
  const spies = [
    jest.spyOn(console, 'log').mockImplementation(record('info')),
    jest.spyOn(console, 'warn').mockImplementation(record('warn')),
    jest.spyOn(console, 'error').mockImplementation(record('error')),
  ];
  const before = process.env.TETHER_LOG;
  if (setting === null) delete process.env.TETHER_LOG;
  else process.env.TETHER_LOG = setting;
  try {
    return { result: await fn(), lines };
  } finally {
    if (before === undefined) delete process.env.TETHER_LOG;
    else process.env.TETHER_LOG = before;
    for (const spy of spies) spy.mockRestore();
  }
}

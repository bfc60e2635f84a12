import type { ProgressStream } from './step-progress';

/** Where a command writes: results to `out` (stdout), everything said to a person to `err` (stderr). */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Where progress is drawn (stderr): redrawn in place when it is a TTY. Absent: plain lines on `err`. */
  progress?: ProgressStream;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  progress: process.stderr,
};

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

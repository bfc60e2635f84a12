/** Where a command writes: results to `out` (stdout), everything said to a person to `err` (stderr). */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * The local Jira's data on disk: one JSON file (`<dataDir>/jira.json`) holding the snapshot.
 * Written atomically (a temporary file, fsynced, renamed over the old one), so a crash leaves the
 * old file or the new one, never half of one. Writes after changes are debounced; `flush()`
 * writes now (the host flushes on close).
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';

/** Reads the file's JSON; undefined when there is no file. Throws naming the file when it is not JSON. */
export function readJsonFile(path: string): unknown {
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, 'utf8');
  try {
    const value: unknown = JSON.parse(text);
    return value;
  } catch (e) {
    throw new Error(
      `${path} is not valid JSON (${e instanceof Error ? e.message : String(e)}); fix it, or run \`tether reset --yes\` to start again`,
    );
  }
}

export function writeJsonAtomically(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, JSON.stringify(value));
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  closeSync(fd);
  renameSync(tmp, path);
}

/** Calls `write` once, `delayMs` after the first of a burst of `schedule()` calls; `flush()` writes at once if one is due. */
export class DebouncedWrite {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly write: () => void,
    private readonly delayMs: number,
    private readonly onError: (e: unknown) => void,
  ) {}

  schedule(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      try {
        this.write();
      } catch (e) {
        this.onError(e);
      }
    }, this.delayMs);
  }

  get due(): boolean {
    return this.timer !== undefined;
  }

  flush(): void {
    if (this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.write();
  }
}

/**
 * Files and folders a command is given, checked before it starts, so a person reads what is wrong
 * and what to do — never Node's `ENOENT: no such file or directory, open '…'` or a stack.
 */
import { closeSync, fstatSync, openSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';

/** A refusal to show as it is (the top-level handlers print its message alone, no stack). */
export class InputError extends Error {
  override readonly name = 'InputError';
}

interface FsError {
  code: string;
  path?: string;
}

const isFsError = (e: unknown): e is Error & FsError =>
  e instanceof Error && typeof (e as Partial<FsError>).code === 'string';

/**
 * A plain sentence for a file system error on `file` (the `what` names it: "the objectives file"),
 * with what to do; null when `e` is not one of the errors a person can fix by pointing elsewhere.
 */
export function fileProblem(e: unknown, file: string, what = 'the file'): string | null {
  if (!isFsError(e)) return null;
  const shown = resolve(file);
  switch (e.code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return `Cannot read ${what} ${shown}: there is no such file. Check the path${isAbsolute(file) ? '' : ` (it is read relative to ${process.cwd()})`}.`;
    case 'EACCES':
    case 'EPERM':
      return `Cannot read ${what} ${shown}: permission denied. Make it readable (chmod u+r) or give a copy you can read.`;
    case 'EISDIR':
      return `Cannot read ${what} ${shown}: it is a folder, not a file. Give the path of a file inside it.`;
    default:
      return null;
  }
}

/** The text of `file`, or an InputError saying plainly why it cannot be read and what to do. */
export function readInputFile(file: string, what = 'the file'): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const problem = fileProblem(e, file, what);
    if (problem !== null) throw new InputError(problem);
    throw e;
  }
}

/** Checks that `file` can be opened for reading and is a file (a large export is not read here). */
export function checkInputFile(file: string, what = 'the file'): void {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    if (fstatSync(fd).isDirectory()) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
  } catch (e) {
    const problem = fileProblem(e, file, what);
    if (problem !== null) throw new InputError(problem);
    throw e;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The message for an error that reached a command's top level: an InputError as it is, a file
 * system error on a path as a plain sentence, anything else by its message.
 */
export function plainErrorText(e: unknown): string {
  if (e instanceof InputError) return e.message;
  if (isFsError(e) && e.path !== undefined) {
    const problem = fileProblem(e, e.path);
    if (problem !== null) return problem;
  }
  return e instanceof Error ? e.message : String(e);
}

/**
 * Commands that only read the data folder (`rollup`, `export`) refuse one that does not exist
 * rather than creating it (a mistyped TETHER_DATA would otherwise read as "no objectives yet").
 * Null when the folder is there; else what is wrong and what to do.
 */
export function missingDataFolder(dir: string, command: string): string | null {
  let isFolder: boolean;
  try {
    isFolder = statSync(dir).isDirectory();
  } catch {
    return (
      `tether ${command}: there is no data folder at ${dir}, so there is nothing to read (nothing was created). ` +
      'Set TETHER_DATA to the folder the host keeps its data in, or create one with `tether start` (the demo organisation) first.'
    );
  }
  if (!isFolder)
    return `tether ${command}: ${dir} is a file, not a data folder. Set TETHER_DATA to the folder the host keeps its data in.`;
  return null;
}

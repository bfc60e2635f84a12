import { parseDocument } from 'yaml';
import { detailsFromZod, ObjectivesFile, type ErrorDetail } from '../../contract';
import { checkObjectivesFile } from '../../domain/objectives-file-rules';

export type ParsedFile = { ok: true; file: ObjectivesFile } | { ok: false; errors: ErrorDetail[] };

/** Largest file accepted: well beyond 5,000 objectives with their key results. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/**
 * The most aliases (`*name`) a file may use. An alias repeats what its anchor holds, so a few
 * nested ones make a file that expands beyond any memory (a "billion laughs"); the export writes
 * none, and a person writing a file needs few.
 */
export const MAX_ALIASES = 100;

/** Why reading the YAML failed, in plain words (yaml throws on aliases past MAX_ALIASES, and a nesting too deep overflows the stack). */
function unreadable(error: unknown): ErrorDetail {
  const message = error instanceof Error ? error.message : String(error);
  if (/alias/i.test(message))
    return {
      path: '',
      message: `the file uses aliases (*name) too much: at most ${MAX_ALIASES}, and none that expand into more than the file itself holds`,
    };
  if (error instanceof RangeError) return { path: '', message: 'the file is nested too deeply to be read' };
  return { path: '', message: `the file could not be read: ${message.split('\n')[0] ?? message}` };
}

/**
 * Reads an objectives file written in YAML or JSON (JSON is read as YAML), checks its shape and
 * every rule, and returns all problems at once with their locations. Nothing is written here, and
 * nothing in the text makes it throw: whatever cannot be read is a problem with a plain message.
 */
export function parseObjectivesFile(text: string): ParsedFile {
  try {
    return readFile(text);
  } catch (error) {
    return { ok: false, errors: [unreadable(error)] };
  }
}

function readFile(text: string): ParsedFile {
  if (text.length > MAX_FILE_BYTES)
    return { ok: false, errors: [{ path: '', message: `the file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB` }] };
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((e) => ({
        path: e.linePos ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : '',
        message: (e.message.split('\n')[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, ''),
      })),
    };
  }
  const parsed = ObjectivesFile.safeParse(doc.toJS({ maxAliasCount: MAX_ALIASES }));
  if (!parsed.success) return { ok: false, errors: detailsFromZod(parsed.error) };
  const errors = checkObjectivesFile(parsed.data);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, file: parsed.data };
}

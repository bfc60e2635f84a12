import { parseDocument } from 'yaml';
import { detailsFromZod, ObjectivesFile, type ErrorDetail } from '../../contract';
import { checkObjectivesFile } from '../../domain/objectives-file-rules';

export type ParsedFile = { ok: true; file: ObjectivesFile } | { ok: false; errors: ErrorDetail[] };

/** Largest file accepted: well beyond 5,000 objectives with their key results. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/**
 * Reads an objectives file written in YAML or JSON (JSON is read as YAML), checks its shape and
 * every rule, and returns all problems at once with their locations. Nothing is written here.
 */
export function parseObjectivesFile(text: string): ParsedFile {
  if (text.length > MAX_FILE_BYTES) return { ok: false, errors: [{ path: '', message: `the file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB` }] };
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
  const parsed = ObjectivesFile.safeParse(doc.toJS({ maxAliasCount: 100 }));
  if (!parsed.success) return { ok: false, errors: detailsFromZod(parsed.error) };
  const errors = checkObjectivesFile(parsed.data);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, file: parsed.data };
}

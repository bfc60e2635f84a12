import { isMap, isSeq, LineCounter, parseDocument, type Document, type YAMLError } from 'yaml';
import type { z } from 'zod';
import { FileObjective, ObjectivesFile, Period, Workgroup, type ErrorDetail } from '../../contract';
import {
  checkObjectivesFile,
  NOTHING_STORED,
  type FileOutline,
  type OutlineObjective,
  type StoredNames,
} from '../../domain/objectives-file-rules';

export type ParsedFile = { ok: true; file: ObjectivesFile } | { ok: false; errors: ErrorDetail[] };

/** Largest file accepted: well beyond 5,000 objectives with their key results. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/**
 * The most aliases (`*name`) a file may use. An alias repeats what its anchor holds, so a few
 * nested ones make a file that expands beyond any memory (a "billion laughs"); the export writes
 * none, and a person writing a file needs few.
 */
export const MAX_ALIASES = 100;

/**
 * A file read as far as it goes: the problems of its text and shape, the parts whose shape is
 * right (`file`: periods, workgroups and objectives with a problem are left out), the outline of
 * its references (every objective's, even one with a shape problem), and `locate`, which adds the
 * line and column of a problem's path in the text.
 */
export interface ReadFile {
  errors: ErrorDetail[];
  file: ObjectivesFile | null;
  outline: FileOutline;
  locate: (details: ErrorDetail[]) => ErrorDetail[];
}

const EMPTY_OUTLINE: FileOutline = { levels: null, periods: [], workgroups: [], objectives: [] };

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

/** The yaml library's error codes in plain words; anything else keeps the library's first line. */
const YAML_ERRORS: Record<string, string> = {
  BAD_INDENT: 'the indentation is off here (line the entry up with the ones above it), or a bracket is not closed',
  BLOCK_AS_IMPLICIT_KEY: 'a key cannot span several lines here; is a colon or an indentation missing?',
  BAD_SCALAR_START: 'this value cannot start with this character; put it in quotes',
  DUPLICATE_KEY: 'this field is written twice in the same place; keep one',
  MISSING_CHAR: 'something is missing here: the dash before a list item, or a closing bracket, brace or quote',
  MULTILINE_IMPLICIT_KEY: 'a key must fit on one line; is a colon missing at the end of the line above?',
  TAB_AS_INDENT: 'tabs cannot indent YAML; use spaces',
  UNEXPECTED_TOKEN: 'something unexpected is written here; check the brackets, colons and dashes around it',
  TAG_RESOLVE_FAILED: 'this value has a tag (!name) that is not known; remove the tag',
  BAD_ALIAS: 'this alias (*name) has no anchor (&name) before it',
  ALIAS_PROPS: 'an alias (*name) cannot have a tag or an anchor',
  KEY_OVER_1024_CHARS: 'a key is longer than 1,024 characters',
  IMPOSSIBLE: 'this part of the file cannot be read as YAML',
};

function syntaxProblem(e: YAMLError): ErrorDetail {
  const plain = YAML_ERRORS[e.code];
  const raw = (e.message.split('\n')[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, '');
  const position = e.linePos ? { line: e.linePos[0].line, column: e.linePos[0].col } : {};
  return {
    path: '',
    message: `the YAML cannot be read: ${plain ?? raw.charAt(0).toLowerCase() + raw.slice(1)}`,
    ...position,
  };
}

/** A field named as a person reads it: `"owner"`, `item 2 of "issues"`. */
function fieldName(path: readonly PropertyKey[]): string {
  const last = path[path.length - 1];
  if (typeof last === 'number') {
    const list = path[path.length - 2];
    return list === undefined ? `item ${last + 1}` : `item ${last + 1} of "${String(list)}"`;
  }
  return last === undefined ? 'the file' : `"${String(last)}"`;
}

const KINDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a map of fields',
  undefined: 'nothing',
  null: 'nothing',
};
const kindOf = (value: unknown): string =>
  KINDS[value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value] ?? typeof value;

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let at = raw;
  for (const p of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[p];
  }
  return at;
}

/**
 * A schema problem in a sentence. The contract's own messages ("a title is required", "an account
 * id has only letters, digits and . _ : -") stay; zod's defaults ("Invalid input: expected string,
 * received undefined") are said in words, with the field they are about.
 */
function plainMessage(issue: z.core.$ZodIssue, raw: unknown): string {
  const field = fieldName(issue.path);
  const value = valueAt(raw, issue.path);
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return `${field} is missing`;
      if (!/^Invalid input/.test(issue.message)) return issue.message;
      return `${field} should be ${KINDS[issue.expected] ?? issue.expected}, not ${kindOf(value)}`;
    case 'invalid_value':
      if (!/^Invalid option/.test(issue.message)) return issue.message;
      return `${field} is one of ${issue.values.map(String).join(', ')}${value === undefined ? '' : `, not "${String(value)}"`}`;
    case 'invalid_union': {
      const options = (issue as { options?: unknown }).options;
      if (Array.isArray(options))
        return value === undefined
          ? `${field} is missing: one of ${options.map(String).join(', ')}`
          : `${field} is one of ${options.map(String).join(', ')}, not "${String(value)}"`;
      return /^Invalid/.test(issue.message) ? `${field} is not valid here` : issue.message;
    }
    case 'too_small':
    case 'too_big': {
      if (!/^Too (small|big)/.test(issue.message)) return issue.message;
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const few = issue.code === 'too_small' ? 'at least' : 'at most';
      const unit = issue.origin === 'string' ? ' characters' : issue.origin === 'array' ? ' items' : '';
      return `${field} should be ${few} ${String(bound)}${unit}`;
    }
    case 'unrecognized_keys':
      return `${issue.keys.map((k) => `"${k}"`).join(', ')} ${issue.keys.length === 1 ? 'is' : 'are'} not a field here`;
    default:
      return /^Invalid/.test(issue.message) ? `${field} is not valid here` : issue.message;
  }
}

function detailsOf(error: z.ZodError, raw: unknown, prefix: PropertyKey[] = []): ErrorDetail[] {
  return error.issues.map((issue) => ({
    path: [...prefix, ...issue.path].map(String).join('.'),
    message: plainMessage({ ...issue, path: [...prefix, ...issue.path] } as z.core.$ZodIssue, raw),
  }));
}

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v.trim() : undefined);
const record = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** An objective's references as written, whatever the rest of its shape. */
function outlineObjective(raw: unknown): OutlineObjective {
  const o = record(raw);
  return {
    key: text(o.key),
    level: text(o.level),
    period: text(o.period),
    workgroup: o.workgroup === null || o.workgroup === undefined ? null : text(o.workgroup),
    parent: o.parent === null || o.parent === undefined ? null : text(o.parent),
    alignments: list(o.alignments).map((a) => ({ objective: text(record(a).objective) })),
    keyResults: list(o.keyResults).map((k) => ({ key: text(record(k).key) })),
  };
}

/** Line and column (from 1) of the nearest node the path reaches: the field, else the map that lacks it. */
function locator(doc: Document, lines: LineCounter): (details: ErrorDetail[]) => ErrorDetail[] {
  const positionOf = (path: string): { line: number; column: number } | null => {
    const segments: (string | number)[] =
      path === '' ? [] : path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    for (let n = segments.length; n >= 0; n -= 1) {
      const at = segments.slice(0, n);
      const node: unknown = at.length === 0 ? doc.contents : doc.getIn(at, true);
      const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
      if (node && range && (n === segments.length || isMap(node) || isSeq(node) || n === 0)) {
        const { line, col } = lines.linePos(range[0]);
        return { line, column: col };
      }
    }
    return null;
  };
  return (details) =>
    details.map((d) => {
      if (d.line !== undefined) return d;
      const position = positionOf(d.path);
      return position === null ? d : { ...d, ...position };
    });
}

/**
 * Reads an objectives file written in YAML or JSON (JSON is read as YAML) as far as it goes:
 * every problem of its text or shape at once, in plain words, and what can be read of it. Nothing
 * in the text makes it throw: whatever cannot be read is a problem with a plain message.
 */
export function readObjectivesFile(source: string): ReadFile {
  const none = (errors: ErrorDetail[]): ReadFile => ({ errors, file: null, outline: EMPTY_OUTLINE, locate: (d) => d });
  try {
    if (source.length > MAX_FILE_BYTES)
      return none([{ path: '', message: `the file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB` }]);
    const lines = new LineCounter();
    const doc = parseDocument(source, { prettyErrors: true, uniqueKeys: true, lineCounter: lines });
    if (doc.errors.length > 0) return none(doc.errors.map(syntaxProblem));
    const raw: unknown = doc.toJS({ maxAliasCount: MAX_ALIASES });
    const locate = locator(doc, lines);
    const whole = ObjectivesFile.safeParse(raw);
    const top = record(raw);
    const outline: FileOutline = {
      levels: whole.success
        ? (whole.data.levels ?? null)
        : Array.isArray(top.levels)
          ? top.levels.flatMap((l) => (text(record(l).id) ? [{ id: text(record(l).id) as string }] : []))
          : null,
      periods: list(top.periods).map((p) => ({ id: text(record(p).id) })),
      workgroups: list(top.workgroups).map((w) => ({ id: text(record(w).id) })),
      objectives: list(top.objectives).map(outlineObjective),
    };
    if (whole.success) return { errors: [], file: whole.data, outline, locate };
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
      return {
        errors: [{ path: '', message: 'the file is not a map of fields starting with "format: tether-objectives/1"' }],
        file: null,
        outline,
        locate,
      };
    // the parts whose shape is right, for the checks that follow (references, Jira)
    const keep = <T>(schema: z.ZodType<T>, items: unknown): T[] =>
      list(items).flatMap((item) => {
        const one = schema.safeParse(item);
        return one.success ? [one.data] : [];
      });
    const levels = ObjectivesFile.shape.levels.safeParse(top.levels);
    const file: ObjectivesFile = {
      format: 'tether-objectives/1',
      levels: levels.success ? levels.data : undefined,
      periods: keep(Period, top.periods),
      workgroups: keep(Workgroup, top.workgroups),
      objectives: keep(FileObjective, top.objectives),
    };
    return { errors: detailsOf(whole.error, raw), file, outline, locate };
  } catch (error) {
    return none([unreadable(error)]);
  }
}

/**
 * Reads an objectives file and checks every rule against the file merged with what is stored
 * (nothing, by default: the file alone), returning all problems at once, each with its path, its
 * line and column, and a plain message.
 */
export function parseObjectivesFile(source: string, stored: StoredNames = NOTHING_STORED): ParsedFile {
  const read = readObjectivesFile(source);
  const errors = [...read.errors, ...checkObjectivesFile(read.outline, stored)];
  if (errors.length > 0 || read.file === null) return { ok: false, errors: read.locate(errors) };
  return { ok: true, file: read.file };
}

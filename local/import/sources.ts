/**
 * Reads an export file into its top-level JSON values: the whole document for JSON (an array, a
 * search reply, an issue), or one value per line for JSON Lines, which is streamed (readline over
 * a gunzip stream) so a large file is never held in memory as text and as objects at once. Gzip is
 * recognised by its magic bytes, whatever the file is called.
 */
import { open } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { PassThrough, pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

export interface SourceState {
  /** Compressed bytes read from disk so far, and the file's size. */
  bytesRead: number;
  bytesTotal: number;
  gzip: boolean;
  format: 'json' | 'jsonl' | null;
}

export type SourceItem =
  | { kind: 'value'; value: unknown; position: string }
  /** A line of a JSON Lines file that is not JSON. */
  | { kind: 'bad'; position: string; reason: string };

/** A file that cannot be read at all (missing, not gzip after all, not JSON nor JSON Lines). */
export class SourceError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'SourceError';
  }
}

const GZIP_MAGIC = [0x1f, 0x8b] as const;

async function inspect(file: string): Promise<{ size: number; gzip: boolean }> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw new SourceError(file, (error as Error).message);
  }
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return { size, gzip: bytesRead === 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1] };
  } finally {
    await handle.close();
  }
}

function tryParse(line: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(line) };
  } catch (error) {
    return { ok: false, reason: `not JSON (${(error as Error).message})` };
  }
}

/**
 * The file's top-level values. JSON Lines when the first or second non-empty line is a complete
 * JSON object or array on its own; otherwise the whole file is one JSON document.
 */
export async function* readSource(file: string, state: SourceState): AsyncGenerator<SourceItem> {
  const { size, gzip } = await inspect(file);
  state.bytesTotal = size;
  state.bytesRead = 0;
  state.gzip = gzip;
  state.format = null;

  const raw = createReadStream(file);
  const counter = new PassThrough();
  counter.on('data', (chunk: Buffer) => {
    state.bytesRead += chunk.length;
  });
  let failure: Error | null = null;
  const done = (error: Error | null | undefined) => {
    if (error) failure = error;
  };
  const text: Readable = gzip ? pipeline(raw, counter, createGunzip(), done) : pipeline(raw, counter, done);
  const lines = createInterface({ input: text, crlfDelay: Infinity });

  // lines are kept in `held` until the format is known (at most two non-empty lines decide it),
  // and for the whole of a JSON document
  const held: string[] = [];
  const deciding: Array<{ number: number; parsed: ReturnType<typeof parseLine> }> = [];
  let lineNumber = 0;
  try {
    for await (const rawLine of lines) {
      lineNumber += 1;
      const line = lineNumber === 1 ? rawLine.replace(/^\uFEFF/, '') : rawLine;
      if (state.format === 'jsonl') {
        if (line.trim() !== '') yield item(parseLine(line), lineNumber);
        continue;
      }
      held.push(line);
      if (state.format === 'json' || line.trim() === '') continue;
      const parsed = parseLine(line);
      deciding.push({ number: lineNumber, parsed });
      if (parsed.complete) {
        // a complete value on one line: JSON Lines (a one-line document reads the same way)
        state.format = 'jsonl';
        for (const d of deciding) yield item(d.parsed, d.number);
        held.length = 0;
        deciding.length = 0;
      } else if (deciding.length >= 2 || line.trimStart().startsWith('[')) {
        // a lone `[` opens a pretty-printed array; two lines that are no values each: a document
        state.format = 'json';
        deciding.length = 0;
      }
    }
  } catch (error) {
    throw new SourceError(file, (error as Error).message);
  } finally {
    lines.close();
    raw.destroy();
  }
  if (failure) throw new SourceError(file, (failure as Error).message);

  if (state.format === 'jsonl') return;
  const document = held.join('\n');
  held.length = 0;
  if (document.trim() === '') {
    state.format = 'json';
    return;
  }
  state.format = 'json';
  const parsed = tryParse(document);
  if (!parsed.ok) throw new SourceError(file, `neither a JSON document nor JSON Lines: ${parsed.reason}`);
  yield { kind: 'value', value: parsed.value, position: 'the document' };
}

type ParsedLine = { complete: true; value: unknown } | { complete: false; reason: string };

/** A line parsed on its own; `complete` when it holds a whole JSON object or array. */
function parseLine(line: string): ParsedLine {
  const t = line.trim();
  const parsed = tryParse(t);
  if (!parsed.ok) return { complete: false, reason: parsed.reason };
  if (parsed.value === null || typeof parsed.value !== 'object')
    return { complete: false, reason: `a JSON ${parsed.value === null ? 'null' : typeof parsed.value}, not an object` };
  return { complete: true, value: parsed.value };
}

function item(parsed: ParsedLine, lineNumber: number): SourceItem {
  const position = `line ${lineNumber}`;
  return parsed.complete
    ? { kind: 'value', value: parsed.value, position }
    : { kind: 'bad', position, reason: parsed.reason };
}

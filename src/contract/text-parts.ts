/**
 * Cutting a long text into parts by the bytes they take as JSON strings, for the objectives-file
 * upload (docs/objectives-file.md, "Uploading in parts"): a front-end `invoke` carries at most
 * 500 KB of JSON, and a stored value at most 240 KiB, so both the admin page (and the `tether`
 * command) and the app split by this measure. Bytes, not characters: "é" is 2 bytes in UTF-8,
 * "€" 3, "😀" 4, and JSON writes `"`, `\` and control characters as escapes (`\n`: 2 bytes,
 * U+0001: 6). A part never ends inside a surrogate pair, so every part is valid text and the
 * parts joined are the text again. Pure: no TextEncoder or Buffer, so it runs in the browser, in
 * Node and in the functions alike.
 */

/** The bytes of one code point inside a JSON string (JSON.stringify's escapes, UTF-8). */
function codePointBytes(cp: number): number {
  if (cp === 0x22 || cp === 0x5c) return 2; // \" and \\
  if (cp < 0x20) return cp === 0x08 || cp === 0x09 || cp === 0x0a || cp === 0x0c || cp === 0x0d ? 2 : 6;
  if (cp < 0x80) return 1;
  if (cp < 0x800) return 2;
  if (cp >= 0xd800 && cp <= 0xdfff) return 6; // a lone surrogate: JSON.stringify writes \udxxx
  if (cp < 0x10000) return 3;
  return 4;
}

/** The bytes `JSON.stringify(text)` takes in UTF-8, the quotes included. */
export function jsonStringBytes(text: string): number {
  let bytes = 2;
  for (let i = 0; i < text.length; i += 1) {
    const cp = text.codePointAt(i) ?? 0;
    bytes += codePointBytes(cp);
    if (cp > 0xffff) i += 1;
  }
  return bytes;
}

/**
 * `text` cut into parts, in order, each taking at most `maxJsonBytes` as a JSON string (quotes
 * included); joined, they are `text`. An empty text is one empty part. `maxJsonBytes` must leave
 * room for the quotes and the widest character (at least 8).
 */
export function splitByJsonBytes(text: string, maxJsonBytes: number): string[] {
  if (!Number.isInteger(maxJsonBytes) || maxJsonBytes < 8)
    throw new Error(`A part must be allowed at least 8 bytes; got ${maxJsonBytes}`);
  const parts: string[] = [];
  let start = 0;
  let bytes = 2;
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i) ?? 0;
    const width = cp > 0xffff ? 2 : 1;
    const size = codePointBytes(cp);
    if (bytes + size > maxJsonBytes) {
      parts.push(text.slice(start, i));
      start = i;
      bytes = 2;
    }
    bytes += size;
    i += width;
  }
  parts.push(text.slice(start));
  return parts;
}

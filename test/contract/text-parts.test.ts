/**
 * The splitter behind the objectives-file upload (src/contract/text-parts.ts): parts are measured
 * in bytes of JSON, as Forge measures an invoke and a stored value, not in characters; joined they
 * are the text again; no part ends inside a surrogate pair. No DOM: it runs as the functions do.
 */
import fc from 'fast-check';
import { jsonStringBytes, splitByJsonBytes } from '../../src/contract';
import { ObjectivesFileUploadPartPayload, UPLOAD_PART_JSON_BYTES } from '../../src/contract/api';
import { buildObjectivesFile } from '../support/objectives-file-builder';

const wireBytes = (text: string) => Buffer.byteLength(JSON.stringify(text), 'utf8');

describe('jsonStringBytes', () => {
  it.each([
    ['', 2],
    ['abc', 5],
    ['é', 4],
    ['€', 5],
    ['😀', 6],
    ['"\\', 6],
    ['\n\t', 6],
    ['\u0001', 8],
    ['\ud800', 8],
    ['\u2028', 5],
  ])('measures %j as JSON.stringify writes it in UTF-8 (%i bytes)', (text, bytes) => {
    expect(jsonStringBytes(text)).toBe(bytes);
    expect(wireBytes(text)).toBe(bytes);
  });

  it('agrees with JSON.stringify and UTF-8 on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        expect(jsonStringBytes(text)).toBe(wireBytes(text));
      }),
    );
  });
});

describe('splitByJsonBytes', () => {
  it('keeps a short text whole', () => {
    expect(splitByJsonBytes('short', 100)).toEqual(['short']);
    expect(splitByJsonBytes('', 100)).toEqual(['']);
  });

  it('counts multi-byte characters as the bytes they take, not as one character each', () => {
    // 10 × "€" is 10 characters but 30 bytes: with 14 bytes a part (quotes included) four fit
    const parts = splitByJsonBytes('€'.repeat(10), 14);
    expect(parts).toEqual(['€€€€', '€€€€', '€€']);
    expect(parts.every((p) => wireBytes(p) <= 14)).toBe(true);
  });

  it('never cuts an emoji (a surrogate pair) in two', () => {
    const parts = splitByJsonBytes('a😀'.repeat(5), 9);
    expect(parts.join('')).toBe('a😀'.repeat(5));
    for (const p of parts) {
      expect(p.startsWith('\udE00')).toBe(false);
      expect(wireBytes(p)).toBeLessThanOrEqual(9);
    }
  });

  it('counts the escapes JSON writes: quotes, backslashes, new lines and control characters', () => {
    const parts = splitByJsonBytes('"\\\n\u0001'.repeat(4), 12);
    expect(parts.every((p) => wireBytes(p) <= 12)).toBe(true);
    expect(parts.join('')).toBe('"\\\n\u0001'.repeat(4));
  });

  it('gives parts that join to the text, each within the bound and none empty', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', minLength: 1, maxLength: 300 }),
        fc.integer({ min: 8, max: 80 }),
        (text, max) => {
          const parts = splitByJsonBytes(text, max);
          expect(parts.join('')).toBe(text);
          for (const p of parts) {
            expect(p.length).toBeGreaterThan(0);
            expect(wireBytes(p)).toBeLessThanOrEqual(max);
          }
        },
      ),
    );
  });

  it('refuses a bound too small for the widest character', () => {
    expect(() => splitByJsonBytes('x', 7)).toThrow('at least 8 bytes');
  });

  it('cuts a file of 2,000 objectives in accented titles into upload parts the contract and Forge accept', () => {
    const text = buildObjectivesFile({ objectives: 2_000, issues: [], titleSuffix: ' — équipe €' });
    const parts = splitByJsonBytes(text, UPLOAD_PART_JSON_BYTES);
    expect(parts.length).toBeGreaterThan(2);
    expect(parts.join('')).toBe(text);
    parts.forEach((part, index) => {
      const payload = { uploadId: 'upload-0123456789', index, count: parts.length, text: part };
      expect(ObjectivesFileUploadPartPayload.safeParse(payload).success).toBe(true);
      // the whole invoke, envelope included, stays under Forge's 500 KB
      expect(Buffer.byteLength(JSON.stringify({ functionKey: 'objectives-file/upload-part', payload }))).toBeLessThan(
        500_000,
      );
    });
  });
});

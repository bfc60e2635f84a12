/**
 * `nextPageToken` for /rest/api/3/search/jql: an opaque string holding the offset of the next
 * page and a hash of the query it belongs to. A token from another query is refused, as Jira does.
 * Pages are cut from a fresh evaluation each time (like Jira's eventually consistent search,
 * issues changed between pages may move).
 */
import { z } from 'zod';
import { JiraError } from '../jira-error';

const Token = z.object({ v: z.literal(1), o: z.number().int().positive(), h: z.string() });

function hash(text: string): string {
  // FNV-1a, 32 bit: enough to tell queries apart, not a secret
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

export function encodePageToken(jql: string, offset: number): string {
  return Buffer.from(JSON.stringify({ v: 1, o: offset, h: hash(jql) }), 'utf8').toString('base64url');
}

/** The offset a token points at; 0 without a token. Throws 400 for a token that is not ours. */
export function decodePageToken(jql: string, token: string | null | undefined): number {
  if (token === undefined || token === null || token === '') return 0;
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    raw = undefined;
  }
  const parsed = Token.safeParse(raw);
  if (!parsed.success || parsed.data.h !== hash(jql))
    throw new JiraError(400, ['The provided next page token is invalid or expired.']);
  return parsed.data.o;
}

/**
 * List cursors the client may hold but not make. A store's cursor is opaque and Forge's own (it
 * names a position in one query); passed to storage as a client sent it, a forged or altered
 * cursor is at best an error from the storage service (INTERNAL), at worst a position in a query
 * the caller was never shown. So the server seals what it hands out: the cursor a client gets is
 * the store's cursor and the list it belongs to (`check-ins:O-12`), with an HMAC-SHA256 over both
 * under a per-installation secret (CursorSecret, kept in Forge's secret storage). A cursor coming
 * back is opened before anything is read: one the server did not seal, or sealed for another
 * list, is VALIDATION at its path, and never reaches storage.
 *
 * Format (ListCursor in src/contract/common.ts): `base64url(JSON {s: list, c: store cursor})`, a
 * dot, and the 43-character base64url signature.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { ListCursor } from '../contract';
import { validationFailure } from './app-failure';
import type { CursorSecret } from '../ports';

const Body = z.object({ s: z.string(), c: z.string().min(1) });

function signature(secret: string, body: string): string {
  return createHmac('sha256', secret).update(`tether-list-cursor/1\n${body}`).digest('base64url');
}

/** The cursor a client gets for the store's `storeCursor` of `list`. */
export function sealCursor(secret: string, list: string, storeCursor: string): string {
  const body = Buffer.from(JSON.stringify({ s: list, c: storeCursor }), 'utf8').toString('base64url');
  const sealed = `${body}.${signature(secret, body)}`;
  // a store cursor too long for the contract's bound would break the reply: say so plainly
  if (!ListCursor.safeParse(sealed).success)
    throw new Error(`A store cursor of ${storeCursor.length} characters does not fit in a list cursor`);
  return sealed;
}

/** The store's cursor inside a cursor the server sealed for `list`; null when it did not (forged, altered, another list's, another secret's). */
export function openCursor(secret: string | null, list: string, cursor: string): string | null {
  if (secret === null) return null;
  const dot = cursor.lastIndexOf('.');
  if (dot <= 0) return null;
  const body = cursor.slice(0, dot);
  const given = Buffer.from(cursor.slice(dot + 1), 'utf8');
  const expected = Buffer.from(signature(secret, body), 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const parsed = Body.safeParse(json);
  return parsed.success && parsed.data.s === list ? parsed.data.c : null;
}

/** The store's cursor for a page the client asked for (null: the first page); VALIDATION at `path` for a cursor the server did not seal for `list`. */
export async function storeCursorOf(
  secrets: CursorSecret,
  list: string,
  cursor: string | undefined,
  path = 'cursor',
): Promise<string | null> {
  if (cursor === undefined) return null;
  const opened = openCursor(await secrets.existing(), list, cursor);
  if (opened === null) {
    throw validationFailure('The list cursor is not valid', [
      { path, message: 'this cursor was not given by this list; read the list again from its first page' },
    ]);
  }
  return opened;
}

/** The cursor a client gets for the store's next page (null at the end). */
export async function clientCursorOf(
  secrets: CursorSecret,
  list: string,
  storeCursor: string | null,
): Promise<string | null> {
  return storeCursor === null ? null : sealCursor(await secrets.ensure(), list, storeCursor);
}

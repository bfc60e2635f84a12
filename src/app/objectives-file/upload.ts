/**
 * Uploading an objectives file in parts (docs/objectives-file.md, "Uploading in parts"). A
 * front-end invoke carries at most 500 KB, so the admin page cuts a large file into parts
 * (splitByJsonBytes, UPLOAD_PART_JSON_BYTES each) and sends them with objectives-file/upload-part;
 * objectives-file/import then names the upload instead of carrying the text.
 *
 * Each part is stored on its own (no record shared by the parts, so parts sent at once never
 * conflict): a small part record — how many parts the file has, who sent it, when, a hash of its
 * text — and its text in pieces of at most UPLOAD_PIECE_JSON_BYTES, under Forge's 240 KiB per
 * value. A part sent twice with the same text is taken once; with another text it is refused.
 * Reading the upload back checks that every part is there, that the parts agree on their count and
 * their sender, and that the upload is less than a day old. An applied upload is removed; one
 * older than a day is removed when it is next read or when anyone starts a new upload.
 */
import { z } from 'zod';
import { splitByJsonBytes } from '../../contract';
import {
  UPLOAD_TTL_MS,
  type ObjectivesFileUploadPartPayload,
  type ObjectivesFileUploadPartResult,
} from '../../contract/api';
import { AppFailure, forbidden, notFound, validationFailure } from '../app-failure';
import type { Permissions } from '../permissions';
import type { Clock, Logger, ObjectivesUploadStore } from '../../ports';

/** A stored piece of a part holds at most this many bytes of JSON: room to spare under 240 KiB. */
export const UPLOAD_PIECE_JSON_BYTES = 200_000;

/** What is stored for one part of an upload (its text is stored beside it, in `pieces` pieces). */
export const UploadPartRecord = z.object({
  uploadId: z.string().min(1),
  index: z.number().int().nonnegative(),
  count: z.number().int().positive(),
  pieces: z.number().int().positive(),
  /** FNV-1a of the part's text and its length: a part sent twice is recognised without reading its text. */
  hash: z.string().min(1),
  uploadedBy: z.string().min(1),
  at: z.number(),
});
export type UploadPartRecord = z.infer<typeof UploadPartRecord>;

export interface UploadPorts {
  uploads: ObjectivesUploadStore;
  clock: Clock;
  log: Logger;
}

/** FNV-1a (32 bits) over the UTF-16 code units, with the length: enough to tell a resent part from another. */
export function textHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${h.toString(16).padStart(8, '0')}-${text.length}`;
}

const partName = (index: number, count: number) => `part ${index + 1} of ${count}`;
const CHOOSE_AGAIN = 'choose the file again on the Import and export tab (or run tether apply again)';

/** objectives-file/upload-part (Jira administrators): stores one part; a part sent again with the same text is taken once. */
export async function uploadPart(
  ports: UploadPorts & { permissions: Pick<Permissions, 'requireSiteAdmin'> },
  payload: ObjectivesFileUploadPartPayload,
): Promise<ObjectivesFileUploadPartResult> {
  const accountId = await ports.permissions.requireSiteAdmin('upload an objectives file');
  const { uploadId, index, count, text } = payload;
  const now = ports.clock.now();
  const reply = (duplicate: boolean) => ({ uploadId, index, count, duplicate });
  const hash = textHash(text);
  const existing = await ports.uploads.part(uploadId, index);
  if (existing !== null) {
    if (existing.uploadedBy !== accountId)
      throw forbidden(`The upload ${uploadId} was started by someone else; ${CHOOSE_AGAIN} to start your own upload`);
    if (existing.count !== count)
      throw validationFailure(`The parts of upload ${uploadId} disagree on how many parts the file has`, [
        {
          path: 'count',
          message: `${partName(index, existing.count)} was sent before as one of ${existing.count} parts, now as one of ${count}; ${CHOOSE_AGAIN} to upload it anew`,
        },
      ]);
    if (existing.hash === hash) return reply(true);
    throw new AppFailure(
      'CONFLICT',
      `${partName(index, count)} of upload ${uploadId} was already sent with a different text; ${CHOOSE_AGAIN} to upload it anew`,
    );
  }
  if (index === 0) await dropStale(ports, now);
  const pieces = splitByJsonBytes(text, UPLOAD_PIECE_JSON_BYTES);
  await ports.uploads.putPart(
    { uploadId, index, count, pieces: pieces.length, hash, uploadedBy: accountId, at: now },
    pieces,
  );
  return reply(false);
}

/** Removes uploads whose first part is more than a day old (at most a page of them per call). */
async function dropStale(ports: UploadPorts, now: number): Promise<void> {
  const stale = (await ports.uploads.listParts()).filter((p) => p.at < now - UPLOAD_TTL_MS);
  for (const part of stale) await ports.uploads.drop([part]);
  if (stale.length > 0) ports.log.info('stale objectives-file uploads removed', { parts: stale.length });
}

/** A complete upload, read back: its text and its parts (to remove once applied). */
export interface ReadUpload {
  text: string;
  parts: UploadPartRecord[];
}

/**
 * The text of upload `uploadId` as `accountId` sent it: refused (with what to do) when it does not
 * exist, was sent by someone else, misses a part, has parts that disagree on their count, or is
 * older than a day (then it is removed).
 */
export async function readUpload(ports: UploadPorts, accountId: string, uploadId: string): Promise<ReadUpload> {
  const first = await ports.uploads.part(uploadId, 0);
  const notThere = () =>
    notFound(
      `There is no upload ${uploadId}: its first part was never received, it was removed once applied, or it expired after a day; ${CHOOSE_AGAIN}`,
    );
  const parts = first === null ? [] : await ports.uploads.parts(uploadId, first.count);
  const found = parts.filter((p): p is UploadPartRecord => p !== null);
  if (first === null) throw notThere();
  if (found.some((p) => p.uploadedBy !== accountId))
    throw forbidden(`The upload ${uploadId} was sent by someone else; ${CHOOSE_AGAIN} to upload it yourself`);
  const now = ports.clock.now();
  if (found.some((p) => p.at < now - UPLOAD_TTL_MS)) {
    await ports.uploads.drop(found);
    throw notFound(`The upload ${uploadId} was started more than a day ago and has expired; ${CHOOSE_AGAIN}`);
  }
  const wrongCount = found.filter((p) => p.count !== first.count);
  if (wrongCount.length > 0)
    throw validationFailure(
      `The parts of upload ${uploadId} disagree on how many parts the file has; ${CHOOSE_AGAIN}`,
      wrongCount.map((p) => ({
        path: `parts.${p.index}`,
        message: `${partName(p.index, p.count)} says the file has ${p.count} parts; the first part says ${first.count}`,
      })),
    );
  const missing = parts.flatMap((p, i) => (p === null ? [i] : []));
  if (missing.length > 0)
    throw validationFailure(
      `The upload ${uploadId} is incomplete: ${missing.length} of ${first.count} parts were not received; send them again, or ${CHOOSE_AGAIN}`,
      missing.map((i) => ({ path: `parts.${i}`, message: `${partName(i, first.count)} was not received` })),
    );
  const texts = await Promise.all(found.map((p) => ports.uploads.pieces(p)));
  const broken = texts.flatMap((t, i) => (t === null ? [i] : []));
  if (broken.length > 0)
    throw validationFailure(
      `The upload ${uploadId} is incomplete in storage; send the parts again, or ${CHOOSE_AGAIN}`,
      broken.map((i) => ({ path: `parts.${i}`, message: `${partName(i, first.count)} is missing a piece` })),
    );
  return { text: texts.map((t) => (t ?? []).join('')).join(''), parts: found };
}

/** Removes an upload once it has been applied. */
export async function dropUpload(ports: UploadPorts, upload: ReadUpload): Promise<void> {
  await ports.uploads.drop(upload.parts);
}

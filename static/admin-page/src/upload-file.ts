/**
 * Sending an objectives file to the app (docs/objectives-file.md, "Uploading in parts"). A front-end
 * invoke carries at most 500 KB, so a file whose text is larger than one part is cut by JSON bytes
 * (splitByJsonBytes, the contract's UPLOAD_PART_JSON_BYTES) and sent part by part with
 * objectives-file/upload-part; preview and apply then name the upload. A small file goes as text in
 * the import call itself, as before. A part that fails is tried again once (a part sent twice is
 * taken once); resuming an upload sends only the parts not yet acknowledged.
 */
import { jsonStringBytes, splitByJsonBytes } from '@contract/text-parts';
import { MAX_UPLOAD_PARTS, UPLOAD_PART_JSON_BYTES } from '@contract/api';
import type { AppError } from '@contract/errors';
import type { ApiClient } from '@shared/client';

/** What objectives-file/import is given for the file: its text, or its upload. */
export type FileSource = { text: string } | { uploadId: string };

/** An upload under way: its parts and how many the app has acknowledged, in order. */
export interface Upload {
  uploadId: string;
  parts: readonly string[];
  /** Parts 0 … sent − 1 are stored. */
  sent: number;
}

export type UploadOutcome = { ok: true; source: FileSource } | { ok: false; error: AppError; upload: Upload };

/** A fresh upload id: `upload-` and a UUID (or random letters where crypto.randomUUID is missing). */
export function newUploadId(): string {
  const uuid =
    typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function'
      ? crypto.randomUUID()
      : Array.from({ length: 4 }, () => Math.random().toString(36).slice(2, 10)).join('-');
  return `upload-${uuid}`;
}

/** The file cut for sending: null when it fits one call (send the text), else a new upload. */
export function planUpload(text: string, newId: () => string = newUploadId): Upload | null {
  if (jsonStringBytes(text) <= UPLOAD_PART_JSON_BYTES) return null;
  return { uploadId: newId(), parts: splitByJsonBytes(text, UPLOAD_PART_JSON_BYTES), sent: 0 };
}

/** Refuses a file with more parts than an upload may have, before anything is sent. */
export function tooLarge(upload: Upload): AppError | null {
  if (upload.parts.length <= MAX_UPLOAD_PARTS) return null;
  return {
    code: 'LIMIT',
    message: `The file is too large to import in one go (${upload.parts.length} parts of 400 KB; at most ${MAX_UPLOAD_PARTS}, about 10 MB). Split its objectives into several files and import them one after the other.`,
  };
}

/**
 * Sends the parts of `upload` not yet acknowledged, one after the other, telling `onPart` (1-based)
 * before each. A part that fails is tried once more; if it fails again the outcome carries the error
 * and the upload as far as it got, to resume with the same id.
 */
export async function sendUpload(
  client: ApiClient,
  upload: Upload,
  onPart: (part: number, count: number) => void,
): Promise<UploadOutcome> {
  const refused = tooLarge(upload);
  if (refused !== null) return { ok: false, error: refused, upload };
  const count = upload.parts.length;
  for (let index = upload.sent; index < count; index += 1) {
    onPart(index + 1, count);
    const payload = { uploadId: upload.uploadId, index, count, text: upload.parts[index] ?? '' };
    let reply = await client.call('objectives-file/upload-part', payload);
    if (!reply.ok && reply.error.code === 'UNAVAILABLE')
      reply = await client.call('objectives-file/upload-part', payload);
    if (!reply.ok) return { ok: false, error: reply.error, upload: { ...upload, sent: index } };
  }
  return { ok: true, source: { uploadId: upload.uploadId } };
}

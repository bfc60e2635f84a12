/**
 * Uploaded objectives files on Forge storage (ObjectivesUploadStore, src/app/objectives-file/upload.ts):
 * plain keys, one per part record (`objectives-upload:<uploadId>:<index>`) and one per piece of a
 * part's text (`objectives-upload-text:<uploadId>:<index>:<piece>`, each at most 200 KB of JSON,
 * under Forge's 240 KiB per value). No key is shared by two parts, so parts arriving at once or
 * twice never overwrite one another's; the pieces are written before the record and deleted after it.
 */
import { z } from 'zod';
import { UploadPartRecord } from '../../app/objectives-file/upload';
import { KeyValueStore } from './key-value-store';
import type { ObjectivesUploadStore } from '../../ports';

const PART_PREFIX = 'objectives-upload:';
const partKey = (uploadId: string, index: number) => `${PART_PREFIX}${uploadId}:${String(index).padStart(2, '0')}`;
const pieceKey = (uploadId: string, index: number, piece: number) =>
  `objectives-upload-text:${uploadId}:${index}:${piece}`;

const Piece = z.string();

export class ForgeObjectivesUploadStore implements ObjectivesUploadStore {
  private readonly keys = new KeyValueStore();

  part(uploadId: string, index: number): Promise<UploadPartRecord | null> {
    return this.keys.get(partKey(uploadId, index), UploadPartRecord);
  }

  parts(uploadId: string, count: number): Promise<Array<UploadPartRecord | null>> {
    return Promise.all(Array.from({ length: count }, (_, i) => this.part(uploadId, i)));
  }

  async putPart(record: UploadPartRecord, pieces: readonly string[]): Promise<void> {
    for (const [i, piece] of pieces.entries()) await this.keys.set(pieceKey(record.uploadId, record.index, i), piece);
    await this.keys.set(partKey(record.uploadId, record.index), record);
  }

  async pieces(record: UploadPartRecord): Promise<string[] | null> {
    const texts = await Promise.all(
      Array.from({ length: record.pieces }, (_, i) => this.keys.get(pieceKey(record.uploadId, record.index, i), Piece)),
    );
    return texts.every((t): t is string => t !== null) ? texts : null;
  }

  async drop(parts: readonly UploadPartRecord[]): Promise<void> {
    for (const part of parts) {
      await this.keys.delete(partKey(part.uploadId, part.index));
      for (let i = 0; i < part.pieces; i += 1) await this.keys.delete(pieceKey(part.uploadId, part.index, i));
    }
  }

  listParts(): Promise<UploadPartRecord[]> {
    return this.keys.listByPrefix(PART_PREFIX, UploadPartRecord).then((found) => found.map((f) => f.value));
  }
}

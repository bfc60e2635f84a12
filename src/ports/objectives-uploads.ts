/** Objectives files uploaded in parts (src/app/objectives-file/upload.ts; src/forge/store/objectives-upload-store.ts). */
import type { UploadPartRecord } from '../app/objectives-file/upload';

/** Where the parts of uploaded objectives files are kept until they are applied or expire. */
export interface ObjectivesUploadStore {
  /** The record of one part, or null when it was not received. */
  part(uploadId: string, index: number): Promise<UploadPartRecord | null>;
  /** The records of parts 0 … count − 1 (null where a part was not received), read at once. */
  parts(uploadId: string, count: number): Promise<Array<UploadPartRecord | null>>;
  /** Stores the part's text (its pieces first) and then its record, so a stored record finds its pieces. */
  putPart(record: UploadPartRecord, pieces: readonly string[]): Promise<void>;
  /** The part's text in its pieces, or null when a piece is missing. */
  pieces(record: UploadPartRecord): Promise<string[] | null>;
  /** Removes these parts, their pieces first. */
  drop(parts: readonly UploadPartRecord[]): Promise<void>;
  /** The part records stored (of every upload), for removing expired ones; at most a few pages. */
  listParts(): Promise<UploadPartRecord[]>;
}

/**
 * The Forge storage limits the store checks before it writes, and the translation of the
 * storage service's own refusals into app failures. (Forge: "KVS and Custom Entity Store
 * limits", "Executing KVS transactions", "Executing batch operations".)
 */
import { ForgeKvsAPIError } from '@forge/kvs';
import { AppFailure, limitReached } from '../../app/app-failure';

export const STORAGE_LIMITS = {
  /** A stored value, measured as UTF-8 JSON. */
  valueMaxBytes: 240 * 1024,
  keyMaxLength: 500,
  transactionMaxOperations: 25,
  batchMaxItems: 25,
  /** What a query asks for; the service may return fewer per page (20 is the documented figure). */
  queryPageLimit: 100,
} as const;

export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

function bytesText(bytes: number): string {
  return `${bytes.toLocaleString('en-US')} bytes`;
}

/** Refuses a value that Forge would refuse, naming what it is and by how much it is too large. */
export function checkValueSize(what: string, value: unknown): void {
  const bytes = jsonBytes(value);
  if (bytes > STORAGE_LIMITS.valueMaxBytes) {
    throw limitReached(
      `${what} is too large to store: ${bytesText(bytes)}, and Forge storage holds at most ${bytesText(STORAGE_LIMITS.valueMaxBytes)} (240 KiB) per record`,
    );
  }
}

export function checkKey(key: string): void {
  if (key.length === 0 || key.length > STORAGE_LIMITS.keyMaxLength) {
    throw new Error(`A storage key must have 1 to ${STORAGE_LIMITS.keyMaxLength} characters; got ${key.length}`);
  }
}

/** A storage refusal that a user can understand becomes an AppFailure; anything else is rethrown as is. */
export function translateStorageError(error: unknown): unknown {
  if (error instanceof AppFailure) return error;
  if (error instanceof ForgeKvsAPIError) {
    if (error.code === 'MAX_SIZE') return limitReached(`A record is too large for Forge storage: ${error.message}`);
    if (error.code === 'TOO_MANY_OPERATIONS')
      return limitReached(`Too many changes at once for Forge storage: ${error.message}`);
  }
  return error;
}

export function isKeyNotFound(code: string): boolean {
  return code === 'KEY_NOT_FOUND';
}

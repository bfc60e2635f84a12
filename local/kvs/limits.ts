import { kvsErrors } from './errors';
import type { JsonValue } from './json';

/**
 * The limits Forge documents for the KVS and Custom Entity Store ("KVS and Custom Entity Store
 * limits", "Executing KVS transactions", "Executing batch operations", "Error handling for the
 * Custom Entity Store"). The local service enforces them so that what works here works there.
 */
export const LIMITS = {
  keyMaxLength: 500,
  /** 240 KiB, measured on the value as JSON in UTF-8. */
  valueMaxBytes: 240 * 1024,
  /** Secrets are documented at 128 KiB. */
  secretValueMaxBytes: 128 * 1024,
  /** "Object depth: 31 — maximum object depth permitted". */
  valueMaxDepth: 31,
  transactionMaxOperations: 25,
  batchMaxItems: 25,
  /** Transactions and batch operations: "limited to a payload size of 4MB". */
  requestMaxBytes: 4 * 1024 * 1024,
  /** A query page: 10 items unless a limit is given. */
  defaultPageSize: 10,
  /** The largest limit the service accepts (COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE beyond it). */
  acceptedMaxLimit: 100,
  /** The most items one page returns here (the project's design rule; see docs/local-host.md). */
  maxPageSize: 20,
  entityNameMinLength: 3,
  entityNameMaxLength: 60,
  int32Min: -2147483648,
  int32Max: 2147483647,
} as const;

// Kept exactly as documented. Inside the class `\s-#` is not a range: whitespace, '-' and '#'.
const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;
const ENTITY_NAME_PATTERN = /^(?![_.-])(?!.*\.{2})[a-z0-9:\-_.]*(?<![.])$/;

export type KeyKind = 'kvs' | 'entity';

export function checkKey(key: string, kind: KeyKind): void {
  if (key.length === 0) throw kind === 'entity' ? kvsErrors.emptyKey() : kvsErrors.keyTooShort();
  if (key.length > LIMITS.keyMaxLength) throw kvsErrors.keyTooLong(key.length);
  if (!KEY_PATTERN.test(key)) throw kvsErrors.invalidKey(key);
}

export function checkEntityName(name: string): void {
  if (name.length < LIMITS.entityNameMinLength) throw kvsErrors.entityTypeTooShort();
  if (name.length > LIMITS.entityNameMaxLength) throw kvsErrors.entityTypeTooLarge();
  if (!ENTITY_NAME_PATTERN.test(name)) {
    throw kvsErrors.invalidEntityType(name, 'the name does not match /^(?![_.-])(?!.*\\.{2})[a-z0-9:\\-_.]*(?<![.])$/');
  }
}

/** Depth of nested objects and arrays: a scalar is 0, `{}` is 1, `{a: []}` is 2. */
export function depthOf(value: JsonValue): number {
  let deepest = 0;
  const stack: Array<[JsonValue, number]> = [[value, 0]];
  while (stack.length > 0) {
    const top = stack.pop();
    if (top === undefined) break;
    const [v, depth] = top;
    if (v === null || typeof v !== 'object') continue;
    const here = depth + 1;
    if (here > deepest) deepest = here;
    const children = Array.isArray(v) ? v : Object.values(v);
    for (const child of children) stack.push([child, here]);
  }
  return deepest;
}

export function checkValue(value: JsonValue, maxBytes: number = LIMITS.valueMaxBytes): void {
  const bytes = Buffer.byteLength(JSON.stringify(value), 'utf8');
  if (bytes > maxBytes) throw kvsErrors.maxSize(bytes, maxBytes);
  if (depthOf(value) > LIMITS.valueMaxDepth) throw kvsErrors.maxDepth(LIMITS.valueMaxDepth);
}

/** The page size a query gets: refused outside 1..100 as Forge does, then capped at 20. */
export function pageSize(limit: number | undefined, maxPageSize: number): number {
  if (limit === undefined) return Math.min(LIMITS.defaultPageSize, maxPageSize);
  if (!Number.isInteger(limit) || limit < 1 || limit > LIMITS.acceptedMaxLimit)
    throw kvsErrors.pageLimitNotInRange(limit);
  return Math.min(limit, maxPageSize);
}

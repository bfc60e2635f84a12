/**
 * Errors the local KVS answers with. The real service answers a non-2xx status with a JSON body
 * `{code, message}`; `@forge/kvs` turns that into a `ForgeKvsAPIError` carrying the same code
 * (node_modules/@forge/kvs/out/utils/error-handling.js, checkResponseError). Codes marked
 * "documented" come from Forge's error tables; the others are ours, where Forge documents the
 * rule but not the code (see docs/local-host.md, "What we could not match exactly").
 */
export class KvsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'KvsError';
  }
}

const bad = (code: string, message: string) => new KvsError(400, code, message);

export const kvsErrors = {
  /** The SDK swallows exactly this code on get and delete (storage-api.js, handleKeyNotFound). */
  keyNotFound: () => new KvsError(404, 'KEY_NOT_FOUND', 'Provided key does not exist'),
  badRequest: (detail: string) => bad('BAD_REQUEST', `Provided request body is invalid: ${detail}`),
  unknownEndpoint: (path: string) =>
    new KvsError(
      404,
      'NOT_FOUND',
      `The local KVS has no endpoint ${path} (known: /api/v1/get, /set, /delete, /query, /secret/*, /entity/*, /batch/*, /transaction)`,
    ),
  // documented: key rules
  keyTooShort: () => bad('KEY_TOO_SHORT', 'The provided key needs to be at least one character.'),
  emptyKey: () => bad('EMPTY_KEY', 'Key cannot be empty.'),
  keyTooLong: (length: number) =>
    bad('KEY_TOO_LONG', `The provided key has exceeded the maximum 500 characters (it has ${length}).`),
  invalidKey: (key: string) =>
    bad(
      'INVALID_KEY',
      `The provided key ${JSON.stringify(key.slice(0, 80))} does not match the regex: /^(?!\\s+$)[a-zA-Z0-9:._\\s-#]+$/`,
    ),
  // documented: value rules
  maxSize: (bytes: number, limit: number) =>
    bad('MAX_SIZE', `The provided value has exceeded the maximum size limit (${bytes} bytes > ${limit} bytes).`),
  maxDepth: (limit: number) =>
    bad('MAX_DEPTH', `The provided value has exceeded the maximum object depth (${limit}) limit.`),
  // documented: custom entity rules
  entityTypeTooShort: () => bad('ENTITY_TYPE_TOO_SHORT', 'The provided entity name needs to be at least 3 characters.'),
  entityTypeTooLarge: () =>
    bad('ENTITY_TYPE_TOO_LARGE', 'The provided entity name has exceeded the maximum 60 characters.'),
  invalidEntityType: (name: string, why: string) =>
    bad('INVALID_ENTITY_TYPE', `Entity ${JSON.stringify(name)}: ${why}`),
  invalidEntityValue: (detail: string) =>
    bad('INVALID_ENTITY_VALUE', `Entity values must match one of the types defined in Custom Entities: ${detail}`),
  invalidEntityIndex: (detail: string) =>
    bad('INVALID_ENTITY_INDEX', `The custom entity index provided is invalid: ${detail}`),
  // documented: complex query rules
  pageLimitNotInRange: (limit: number) =>
    bad('COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE', `The page limit must be set between 1 and 100 (got ${limit}).`),
  emptyFilterOperator: () => bad('EMPTY_FILTER_OPERATOR', 'Filter operators "and" and "or" cannot be empty.'),
  filterOperatorsCombination: () =>
    bad('INVALID_FILTER_OPERATORS_COMBINATION', 'Filter operators "and" and "or" cannot be present at the same level.'),
  insufficientFilterValues: (condition: string) =>
    bad('INSUFFICIENT_FILTER_VALUES', `The specified condition ${condition} needs at least two values.`),
  // ours: the rule is documented, the code is not
  invalidCursor: (why: string) => bad('INVALID_CURSOR', `The cursor is not valid for this query: ${why}`),
  tooManyOperations: (what: string, count: number, limit: number) =>
    bad('TOO_MANY_OPERATIONS', `A ${what} can contain at most ${limit} operations; this one has ${count}.`),
  emptyOperations: (what: string) => bad('EMPTY_OPERATIONS', `A ${what} must contain at least one operation.`),
  duplicateKey: (what: string, key: string, entityName: string | undefined) =>
    bad(
      'DUPLICATE_KEY',
      `Each key can be used only once in a ${what}; ${describeKey(key, entityName)} appears more than once.`,
    ),
  payloadTooLarge: (bytes: number, limit: number) =>
    new KvsError(413, 'PAYLOAD_TOO_LARGE', `The request payload of ${bytes} bytes exceeds the ${limit} byte limit.`),
  keyAlreadyExists: (key: string) =>
    new KvsError(409, 'KEY_ALREADY_EXISTS', `Key ${JSON.stringify(key)} already exists (keyPolicy FAIL_IF_EXISTS).`),
  conditionFailed: (operation: string, key: string, entityName: string | undefined) =>
    new KvsError(
      409,
      'CONDITION_CHECK_FAILED',
      `The transaction was cancelled and nothing was written: the conditions of ${operation} ${describeKey(key, entityName)} were not met.`,
    ),
  internal: (message: string) => new KvsError(500, 'INTERNAL_SERVER_ERROR', message),
};

export function describeKey(key: string, entityName: string | undefined): string {
  return entityName === undefined
    ? `key ${JSON.stringify(key)}`
    : `key ${JSON.stringify(key)} of entity ${JSON.stringify(entityName)}`;
}

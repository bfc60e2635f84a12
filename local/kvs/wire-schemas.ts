import { z } from 'zod';
import { storableValue } from './json';

/**
 * The request bodies `@forge/kvs` 1.6 posts (node_modules/@forge/kvs/out/interfaces/kvs-api.d.ts
 * and the builders in storage-api.js, query.js, entity-query.js, transaction-api.js). Every body
 * is parsed with these before use; unknown fields are ignored, as JSON.stringify drops undefined.
 */
const metadataField = z.enum(['CREATED_AT', 'UPDATED_AT', 'EXPIRE_TIME']);
export type MetadataField = z.infer<typeof metadataField>;

const getOptions = z.object({ metadataFields: z.array(metadataField).optional() });

const ttl = z.object({
  value: z.number().int().positive(),
  unit: z.enum(['SECONDS', 'MINUTES', 'HOURS', 'DAYS']),
});
export type Ttl = z.infer<typeof ttl>;

const setOptions = z.object({
  ttl: ttl.optional(),
  keyPolicy: z.enum(['OVERRIDE', 'FAIL_IF_EXISTS']).optional(),
  returnValue: z.enum(['PREVIOUS', 'LATEST']).optional(),
  returnMetadataFields: z.array(metadataField).optional(),
});
export type SetOptions = z.infer<typeof setOptions>;

const key = z.string();
const entityName = z.string();

export const getRequest = z.object({ key, options: getOptions.optional() });
export const setRequest = z.object({ key, value: storableValue, options: setOptions.optional() });
export const deleteRequest = z.object({ key });

export const entityGetRequest = getRequest.extend({ entityName });
export const entitySetRequest = setRequest.extend({ entityName });
export const entityDeleteRequest = deleteRequest.extend({ entityName });

const scalar = z.union([z.string(), z.number(), z.boolean()]);

export const queryRequest = z.object({
  limit: z.number().optional(),
  after: z.string().optional(),
  where: z
    .array(
      z.object({ property: z.literal('key'), condition: z.literal('BEGINS_WITH'), values: z.array(scalar).min(1) }),
    )
    .max(1, 'a key-value query takes a single where condition')
    .optional(),
  options: getOptions.optional(),
});

const rangeCondition = z.enum([
  'BEGINS_WITH',
  'BETWEEN',
  'EQUAL_TO',
  'GREATER_THAN',
  'GREATER_THAN_EQUAL_TO',
  'LESS_THAN',
  'LESS_THAN_EQUAL_TO',
]);
const filterConditionName = z.enum([
  'BEGINS_WITH',
  'BETWEEN',
  'CONTAINS',
  'EQUAL_TO',
  'EXISTS',
  'GREATER_THAN',
  'GREATER_THAN_EQUAL_TO',
  'LESS_THAN',
  'LESS_THAN_EQUAL_TO',
  'NOT_CONTAINS',
  'NOT_EQUAL_TO',
  'NOT_EXISTS',
]);

const filterCondition = z.object({
  property: z.string().min(1),
  condition: filterConditionName,
  values: z.array(scalar),
});
export type FilterCondition = z.infer<typeof filterCondition>;

export const filterGroup = z.object({
  and: z.array(filterCondition).optional(),
  or: z.array(filterCondition).optional(),
});
export type FilterGroup = z.infer<typeof filterGroup>;

export const rangeClause = z.object({ condition: rangeCondition, values: z.array(scalar) });
export type RangeClause = z.infer<typeof rangeClause>;

export const entityQueryRequest = z.object({
  entityName,
  indexName: z.string(),
  partition: z.array(scalar).optional(),
  range: rangeClause.optional(),
  filters: filterGroup.optional(),
  sort: z.enum(['ASC', 'DESC']).optional(),
  limit: z.number().optional(),
  cursor: z.string().optional(),
  // The SDK sends `options.metadataFields` (entity-query.js, getMany); the typings say top level.
  options: getOptions.optional(),
  metadataFields: z.array(metadataField).optional(),
});
export type EntityQueryRequest = z.infer<typeof entityQueryRequest>;

export const batchSetRequest = z.array(
  z.object({ key, value: storableValue, entityName: entityName.optional(), options: setOptions.optional() }),
);
export const batchGetRequest = z.array(
  z.object({ key, entityName: entityName.optional(), options: getOptions.optional() }),
);
export const batchDeleteRequest = z.array(z.object({ key, entityName: entityName.optional() }));

export const transactionRequest = z.object({
  set: z
    .array(
      z.object({
        key,
        value: storableValue,
        entityName: entityName.optional(),
        conditions: filterGroup.optional(),
        options: setOptions.optional(),
      }),
    )
    .optional(),
  delete: z.array(z.object({ key, entityName: entityName.optional(), conditions: filterGroup.optional() })).optional(),
  check: z.array(z.object({ key, entityName: entityName.optional(), conditions: filterGroup })).optional(),
});
export type TransactionRequest = z.infer<typeof transactionRequest>;

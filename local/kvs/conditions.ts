import { kvsErrors } from './errors';
import { ownAttribute, type JsonValue } from './json';
import type { FilterCondition, FilterGroup } from './wire-schemas';

/** Index values that can be ordered: the types an index attribute may have. */
export type Scalar = string | number | boolean;

export function isScalar(v: JsonValue | undefined): v is Scalar {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

const TYPE_RANK = { boolean: 0, number: 1, string: 2 } as const;

/** Total order on index values: by type (boolean < number < string), then by value. */
export function compareScalars(a: Scalar, b: Scalar): number {
  const ta = typeof a === 'boolean' ? 'boolean' : typeof a === 'number' ? 'number' : 'string';
  const tb = typeof b === 'boolean' ? 'boolean' : typeof b === 'number' ? 'number' : 'string';
  if (ta !== tb) return TYPE_RANK[ta] - TYPE_RANK[tb];
  return a < b ? -1 : a > b ? 1 : 0;
}

function sameType(a: JsonValue, b: JsonValue): boolean {
  return typeof a === typeof b && a !== null && b !== null && typeof a !== 'object';
}

function ordered(actual: JsonValue, expected: JsonValue, accept: (order: number) => boolean): boolean {
  return (
    isScalar(actual) && isScalar(expected) && sameType(actual, expected) && accept(compareScalars(actual, expected))
  );
}

type Condition = Pick<FilterCondition, 'condition' | 'values'>;

function firstValue(c: Condition): JsonValue {
  const v = c.values[0];
  if (v === undefined) throw kvsErrors.badRequest(`condition ${c.condition} needs a value`);
  return v;
}

/** Refuses conditions with too few values, as the service does, before anything is read. */
export function checkConditionValues(c: Condition): void {
  if (c.condition === 'BETWEEN' && c.values.length < 2) throw kvsErrors.insufficientFilterValues(c.condition);
  if (c.values.length < 1) throw kvsErrors.badRequest(`condition ${c.condition} needs a value`);
}

/**
 * Whether a value (the attribute's, or undefined when the item lacks it) meets a condition.
 * A missing attribute meets only NOT_EXISTS, NOT_EQUAL_TO and NOT_CONTAINS.
 */
export function meets(actual: JsonValue | undefined, c: Condition): boolean {
  switch (c.condition) {
    case 'EXISTS':
      return actual !== undefined;
    case 'NOT_EXISTS':
      return actual === undefined;
    case 'NOT_EQUAL_TO':
      return actual === undefined || !equalValues(actual, firstValue(c));
    case 'NOT_CONTAINS':
      return actual === undefined || !contains(actual, firstValue(c));
    default:
      break;
  }
  if (actual === undefined) return false;
  switch (c.condition) {
    case 'EQUAL_TO':
      return equalValues(actual, firstValue(c));
    case 'CONTAINS':
      return contains(actual, firstValue(c));
    case 'BEGINS_WITH': {
      const prefix = firstValue(c);
      return typeof actual === 'string' && typeof prefix === 'string' && actual.startsWith(prefix);
    }
    case 'BETWEEN': {
      const low = firstValue(c);
      const high = c.values[1];
      if (high === undefined) throw kvsErrors.insufficientFilterValues(c.condition);
      return ordered(actual, low, (o) => o >= 0) && ordered(actual, high, (o) => o <= 0);
    }
    case 'GREATER_THAN':
      return ordered(actual, firstValue(c), (o) => o > 0);
    case 'GREATER_THAN_EQUAL_TO':
      return ordered(actual, firstValue(c), (o) => o >= 0);
    case 'LESS_THAN':
      return ordered(actual, firstValue(c), (o) => o < 0);
    case 'LESS_THAN_EQUAL_TO':
      return ordered(actual, firstValue(c), (o) => o <= 0);
  }
}

function equalValues(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

function contains(actual: JsonValue, needle: JsonValue): boolean {
  if (typeof actual === 'string') return typeof needle === 'string' && actual.includes(needle);
  if (Array.isArray(actual)) return actual.some((item) => equalValues(item, needle));
  return false;
}

/** Checks a filter group's shape: exactly one of and/or, not empty, enough values. */
export function checkFilterGroup(group: FilterGroup): void {
  const { and, or } = group;
  if (and !== undefined && or !== undefined) throw kvsErrors.filterOperatorsCombination();
  const items = and ?? or;
  if (items === undefined || items.length === 0) throw kvsErrors.emptyFilterOperator();
  for (const item of items) checkConditionValues(item);
}

/** Whether an entity value meets a filter group ({and: [...]} or {or: [...]}). */
export function meetsGroup(value: JsonValue | undefined, group: FilterGroup): boolean {
  const test = (c: FilterCondition) => meets(ownAttribute(value, c.property), c);
  if (group.and !== undefined) return group.and.every(test);
  return (group.or ?? []).some(test);
}

/**
 * fast-check arbitraries generated from the resolver contract (src/contract/api, zod 4): for each
 * key, payloads of the shape its schema describes — with ids of objects that exist and do not
 * (`pools`, by field name), boundary lengths and numbers, unicode, huge numbers — and malformed
 * ones made from them (a field dropped, a field added, a value of another type, the wrong kind of
 * payload). Only zod's own definitions are read (`_zod.def`): a schema change changes the payloads.
 */
import fc from 'fast-check';
import type { z } from 'zod';
import { ENDPOINTS, type ApiKey } from '../../src/contract/api';

/** Known values for a field name: ids of what exists in the fuzz organisation, and of what does not. */
export type Pools = Readonly<Record<string, readonly unknown[]>>;

/** zod 4's definition of a schema, as far as the generator reads it. */
interface Def {
  type: string;
  checks?: { _zod: { def: Check } }[];
  shape?: Record<string, Schema>;
  catchall?: Schema;
  element?: Schema;
  innerType?: Schema;
  options?: Schema[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  in?: Schema;
  keyType?: Schema;
  valueType?: Schema;
  getter?: () => Schema;
  left?: Schema;
  right?: Schema;
  items?: Schema[];
}
interface Check {
  check: string;
  minimum?: number;
  maximum?: number;
  length?: number;
  value?: number;
  inclusive?: boolean;
  format?: string;
  pattern?: RegExp;
}
/**
 * `valid`: every value in its field's domain (known ids, the field's pattern, within its bounds),
 * so most payloads parse and reach the use cases; `edge`: the same shape with boundary and hostile
 * values (one past a bound, huge numbers, control characters, emoji) mixed in.
 */
export type Mode = 'valid' | 'edge';

interface Schema {
  _zod: { def: Def };
}

const asSchema = (s: z.ZodType): Schema => s as unknown as Schema;

function checksOf(def: Def): Check[] {
  return (def.checks ?? []).map((c) => c._zod.def);
}

/** Strings that break careless code: empty, blanks, controls, markup, emoji, right-to-left, a storage-key breaker. */
const NASTY_STRINGS = [
  '',
  ' ',
  '  padded  ',
  '\u0000',
  '\n\t',
  '<script>alert(1)</script>',
  '"; DROP TABLE objectives; --',
  '../../etc/passwd',
  '🎯🚀👩🏽‍💻',
  'مرحبا بالعالم',
  'e\u0301\u0301\u0301',
  '\uFEFF',
  '\uD800',
  'a/b c:d#e',
  '__proto__',
  'constructor',
  '%00%2F',
  '${jndi:ldap://x}',
];

const HUGE_NUMBERS = [
  0,
  -0,
  -1,
  0.5,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  2 ** 63,
  -(2 ** 53),
  5e-324,
  1e21,
];

function stringArb(def: Def, name: string, pools: Pools, mode: Mode): fc.Arbitrary<unknown> {
  const checks = checksOf(def);
  let min = 0;
  let max = 300;
  let pattern: RegExp | undefined;
  for (const c of checks) {
    if (c.check === 'min_length' && c.minimum !== undefined) min = c.minimum;
    if (c.check === 'max_length' && c.maximum !== undefined) max = c.maximum;
    if (c.check === 'length_equals' && c.length !== undefined) min = max = c.length;
    if (c.check === 'string_format' && c.pattern !== undefined) pattern = c.pattern;
  }
  const pool = pools[name] ?? [];
  if (mode === 'valid') {
    // in the field's domain: a known id, a string of its pattern, or text within its bounds
    const inDomain: fc.Arbitrary<unknown> =
      pattern !== undefined
        ? fc.stringMatching(pattern).filter((s) => s.length >= min && s.length <= max)
        : fc.oneof(
            fc.string({ unit: 'grapheme', minLength: Math.max(min, 1), maxLength: Math.max(min, Math.min(max, 40)) }),
            fc.constantFrom('x'.repeat(Math.min(max, 20_000)), 'é🎯'.padEnd(Math.max(min, 3), 'z'), 'Ünïcödé ✓ 漢字'),
          );
    return pool.length > 0 ? fc.oneof({ arbitrary: fc.constantFrom(...pool), weight: 5 }, inDomain) : inDomain;
  }
  const boundaries = [min, max, max + 1, Math.max(0, min - 1)].map((n) => 'x'.repeat(Math.min(n, 20_000)));
  const options: fc.Arbitrary<unknown>[] = [
    fc.constantFrom(...boundaries, ...NASTY_STRINGS),
    fc.string({ unit: 'grapheme', maxLength: Math.min(max + 2, 60) }),
    fc.string({ unit: 'binary', maxLength: 12 }),
  ];
  if (pattern !== undefined) {
    const matching = pattern;
    options.push(
      fc.stringMatching(matching).filter((s) => s.length <= max + 1),
      fc.stringMatching(matching).filter((s) => s.length <= max + 1),
    );
  }
  if (pool.length > 0) {
    const known = fc.constantFrom(...pool);
    // known ids most of the time: that is what reaches the use cases
    return fc.oneof({ arbitrary: known, weight: 6 }, ...options.map((arbitrary) => ({ arbitrary, weight: 1 })));
  }
  return fc.oneof(...options);
}

function numberArb(def: Def, name: string, pools: Pools, mode: Mode): fc.Arbitrary<unknown> {
  let min = -1e6;
  let max = 1e6;
  let int = false;
  for (const c of checksOf(def)) {
    if (c.check === 'greater_than' && c.value !== undefined) min = c.value;
    if (c.check === 'less_than' && c.value !== undefined) max = c.value;
    if (c.check === 'number_format' && c.format !== undefined && c.format.includes('int')) int = true;
  }
  const edges = [min, max, min - 1, max + 1, min + 0.5].filter((n) => Number.isFinite(n));
  const inRange = int
    ? fc.integer({ min: Math.max(min, -1e9), max: Math.min(max, 1e9) })
    : fc.double({ min: Math.max(min, -1e9), max: Math.min(max, 1e9), noNaN: true });
  const pool = pools[name] ?? [];
  if (mode === 'valid') {
    const bounds = fc.constantFrom(...[min, max].filter((n) => Number.isFinite(n) && Math.abs(n) <= 1e300));
    return fc.oneof(
      { arbitrary: pool.length > 0 ? fc.constantFrom(...pool) : inRange, weight: 4 },
      { arbitrary: inRange, weight: 2 },
      { arbitrary: bounds, weight: 1 },
    );
  }
  return fc.oneof(
    { arbitrary: pool.length > 0 ? fc.constantFrom(...pool) : inRange, weight: 4 },
    { arbitrary: inRange, weight: 2 },
    { arbitrary: fc.constantFrom(...edges, ...HUGE_NUMBERS), weight: 2 },
    { arbitrary: fc.double(), weight: 1 },
  );
}

/**
 * Values of the schema's shape; `name` is the field it sits in (for the pools). `depth` bounds
 * recursion (the contract has none today, but a lazy schema would).
 */
export function shapedArb(schema: Schema, pools: Pools, mode: Mode, name = '', depth = 0): fc.Arbitrary<unknown> {
  const def = schema._zod.def;
  if (depth > 12) return fc.constant(null);
  const inner = (s: Schema | undefined, n = name) =>
    s === undefined ? fc.constant(null) : shapedArb(s, pools, mode, n, depth + 1);
  switch (def.type) {
    case 'string':
      return stringArb(def, name, pools, mode);
    case 'number':
      return numberArb(def, name, pools, mode);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'literal':
      return fc.constantFrom(...(def.values ?? [null]));
    case 'enum': {
      const values = Object.values(def.entries ?? {});
      if (mode === 'valid') return fc.constantFrom(...values);
      return fc.oneof(
        { arbitrary: fc.constantFrom(...values), weight: 8 },
        { arbitrary: fc.constant('other'), weight: 1 },
      );
    }
    case 'optional':
    case 'default':
    case 'prefault':
      return fc.option(inner(def.innerType), { nil: undefined, freq: 3 });
    case 'nullable':
      return fc.option(inner(def.innerType), { nil: null, freq: 3 });
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return inner(def.innerType);
    case 'pipe':
      return inner(def.in);
    case 'lazy':
      return def.getter === undefined ? fc.constant(null) : inner(def.getter());
    case 'union':
      return fc.oneof(...(def.options ?? []).map((o) => inner(o)));
    case 'intersection':
      return inner(def.left);
    case 'array': {
      let min = 0;
      let max = 6;
      for (const c of checksOf(def)) {
        if (c.check === 'min_length' && c.minimum !== undefined) min = c.minimum;
        if (c.check === 'max_length' && c.maximum !== undefined) max = c.maximum;
      }
      const element = inner(def.element);
      const arrays: fc.Arbitrary<unknown[]>[] = [
        fc.array(element, { minLength: min, maxLength: Math.max(min, Math.min(max, 4)) }),
      ];
      // the bound itself and one past it, where that stays small enough to send often
      if (max <= 30 && mode === 'edge') arrays.push(fc.array(element, { minLength: max, maxLength: max + 1 }));
      return fc.oneof({ arbitrary: arrays[0] ?? fc.constant([]), weight: 5 }, ...arrays.slice(1));
    }
    case 'record':
      return fc.dictionary(
        inner(def.keyType).map((k) => String(k)),
        inner(def.valueType),
        { maxKeys: 4 },
      );
    case 'tuple':
      return fc.tuple(...(def.items ?? []).map((i) => inner(i)));
    case 'object': {
      const shape = def.shape ?? {};
      const fields: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [field, s] of Object.entries(shape)) fields[field] = shapedArb(s, pools, mode, field, depth + 1);
      return fc.record(fields).map((o) => {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
        return out;
      });
    }
    case 'unknown':
    case 'any':
      return fc.jsonValue({ maxDepth: 2 });
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A payload made wrong: a field dropped, a field added, a value of another type, or another payload altogether. */
function malformed(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const other = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.constantFrom(...HUGE_NUMBERS, ...NASTY_STRINGS, [], [[]], true, 'x'.repeat(100_000)),
  );
  return fc.oneof(
    // a field dropped
    fc.tuple(valid, fc.nat()).map(([p, i]) => {
      if (p === null || typeof p !== 'object' || Array.isArray(p)) return p;
      const keys = Object.keys(p);
      const drop = keys[i % Math.max(keys.length, 1)];
      return Object.fromEntries(Object.entries(p).filter(([k]) => k !== drop));
    }),
    // a field the contract does not know
    fc
      .tuple(valid, fc.constantFrom('extra', '__proto__', 'constructor', 'accountId', 'isAdmin', 'asApp'), other)
      .map(([p, k, v]) =>
        p !== null && typeof p === 'object' && !Array.isArray(p) ? JSON.parse(JSON.stringify({ ...p, [k]: v })) : p,
      ),
    // a value of another type
    fc.tuple(valid, fc.nat(), other).map(([p, i, v]) => {
      if (p === null || typeof p !== 'object' || Array.isArray(p)) return v;
      const keys = Object.keys(p);
      const at = keys[i % Math.max(keys.length, 1)];
      return at === undefined ? v : { ...p, [at]: v };
    }),
    // another payload altogether: a list, a scalar, deep nesting
    other,
    fc.nat({ max: 300 }).map((depth) => {
      let v: unknown = { a: 1 };
      for (let i = 0; i < depth; i++) v = [v];
      return v;
    }),
  );
}

/** Payloads for a key: half in its fields' domains (the use cases run), the rest with edge values or malformed. */
export function payloadArb(key: ApiKey, pools: Pools): fc.Arbitrary<unknown> {
  const schema = asSchema(ENDPOINTS[key].payload);
  const valid = shapedArb(schema, pools, 'valid');
  const edge = shapedArb(schema, pools, 'edge');
  return fc.oneof(
    { arbitrary: valid, weight: 5 },
    { arbitrary: edge, weight: 2 },
    { arbitrary: malformed(fc.oneof(valid, edge)), weight: 3 },
  );
}

/**
 * A small validator for the part of OpenAPI 3.0 schemas that Jira's spec uses in responses:
 * $ref, allOf/anyOf/oneOf, type, nullable, enum, properties, required, additionalProperties,
 * items, uniqueItems, maxLength, and the formats date-time and uri. Returns the problems found
 * (empty: valid). Schema nodes are read without casts: the spec is external data.
 */
import { z } from 'zod';

export const OpenApiDocument = z.object({
  openapi: z.string(),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
  components: z.object({ schemas: z.record(z.string(), z.unknown()) }),
});
export type OpenApiDocument = z.infer<typeof OpenApiDocument>;

export function member(node: unknown, key: string | number): unknown {
  if (node === null || typeof node !== 'object') return undefined;
  const found: unknown = Object.getOwnPropertyDescriptor(node, key)?.value;
  return found;
}

const isPlainObject = (v: unknown): v is object => v !== null && typeof v === 'object' && !Array.isArray(v);

export class OpenApiValidator {
  constructor(private readonly doc: OpenApiDocument) {}

  /** The JSON schema of a response, or undefined when the spec declares none. */
  responseSchema(path: string, method: string, status: number): unknown {
    const op = member(this.doc.paths[path], method.toLowerCase());
    return member(
      member(member(member(member(op, 'responses'), String(status)), 'content'), 'application/json'),
      'schema',
    );
  }

  hasOperation(path: string, method: string): boolean {
    return member(this.doc.paths[path], method.toLowerCase()) !== undefined;
  }

  component(name: string): unknown {
    return this.doc.components.schemas[name];
  }

  validate(schema: unknown, value: unknown, at = '$'): string[] {
    const errors: string[] = [];
    this.check(schema, value, at, errors, 0);
    return errors;
  }

  private resolve(ref: string): unknown {
    const m = /^#\/components\/schemas\/(.+)$/.exec(ref);
    if (!m) throw new Error(`unsupported $ref ${ref}`);
    const found = this.doc.components.schemas[m[1] ?? ''];
    if (found === undefined) throw new Error(`unknown $ref ${ref}`);
    return found;
  }

  private check(schema: unknown, value: unknown, at: string, errors: string[], depth: number): void {
    if (!isPlainObject(schema) || depth > 60) return;
    const ref = member(schema, '$ref');
    if (typeof ref === 'string') {
      this.check(this.resolve(ref), value, at, errors, depth + 1);
      return;
    }
    const allOf = member(schema, 'allOf');
    if (Array.isArray(allOf)) for (const s of allOf) this.check(s, value, at, errors, depth + 1);
    for (const key of ['anyOf', 'oneOf']) {
      const options = member(schema, key);
      if (Array.isArray(options) && !options.some((s) => this.validate(s, value, at).length === 0)) {
        errors.push(`${at}: matches none of ${key}`);
      }
    }
    if (value === null) {
      if (member(schema, 'nullable') !== true && member(schema, 'type') !== undefined)
        errors.push(`${at}: null is not allowed`);
      return;
    }
    const enumValues = member(schema, 'enum');
    if (Array.isArray(enumValues) && !enumValues.includes(value))
      errors.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(enumValues)}`);
    const type = member(schema, 'type');
    switch (type) {
      case 'string': {
        if (typeof value !== 'string') {
          errors.push(`${at}: expected a string, got ${JSON.stringify(value)}`);
          return;
        }
        const maxLength = member(schema, 'maxLength');
        if (typeof maxLength === 'number' && value.length > maxLength) errors.push(`${at}: longer than ${maxLength}`);
        const format = member(schema, 'format');
        if (format === 'date-time' && Number.isNaN(Date.parse(value))) errors.push(`${at}: not a date-time`);
        if (format === 'uri' && !URL.canParse(value)) errors.push(`${at}: not a uri`);
        return;
      }
      case 'integer':
        if (!Number.isInteger(value)) errors.push(`${at}: expected an integer, got ${JSON.stringify(value)}`);
        return;
      case 'number':
        if (typeof value !== 'number' || !Number.isFinite(value))
          errors.push(`${at}: expected a number, got ${JSON.stringify(value)}`);
        return;
      case 'boolean':
        if (typeof value !== 'boolean') errors.push(`${at}: expected a boolean, got ${JSON.stringify(value)}`);
        return;
      case 'array': {
        if (!Array.isArray(value)) {
          errors.push(`${at}: expected an array`);
          return;
        }
        const items = member(schema, 'items');
        value.forEach((v, i) => this.check(items, v, `${at}[${i}]`, errors, depth + 1));
        if (
          member(schema, 'uniqueItems') === true &&
          new Set(value.map((v) => JSON.stringify(v))).size !== value.length
        ) {
          errors.push(`${at}: items are not unique`);
        }
        return;
      }
      case 'object':
      case undefined:
        if (type === undefined && member(schema, 'properties') === undefined) return;
        this.checkObject(schema, value, at, errors, depth);
        return;
      default:
        errors.push(`${at}: the validator does not know type ${String(type)}`);
    }
  }

  private checkObject(schema: object, value: unknown, at: string, errors: string[], depth: number): void {
    if (!isPlainObject(value)) {
      errors.push(`${at}: expected an object, got ${JSON.stringify(value)}`);
      return;
    }
    const properties = member(schema, 'properties');
    const required = member(schema, 'required');
    if (Array.isArray(required)) {
      for (const key of required)
        if (typeof key === 'string' && member(value, key) === undefined) errors.push(`${at}: missing required ${key}`);
    }
    const additional = member(schema, 'additionalProperties');
    for (const [key, v] of Object.entries(value)) {
      const propertySchema = member(properties, key);
      if (propertySchema !== undefined) this.check(propertySchema, v, `${at}.${key}`, errors, depth + 1);
      else if (additional === false) errors.push(`${at}: unexpected property ${key}`);
      else if (isPlainObject(additional)) this.check(additional, v, `${at}.${key}`, errors, depth + 1);
    }
  }
}

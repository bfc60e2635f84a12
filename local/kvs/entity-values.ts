import { kvsErrors } from './errors';
import { isJsonObject, type JsonValue } from './json';
import { LIMITS } from './limits';
import type { AttributeType, EntityDefinition } from './manifest';

/** Float limits Forge documents for custom entities: 0, or a magnitude from 1e-130 up to 9.99...e125. */
const FLOAT_MIN_MAGNITUDE = 1e-130;
const FLOAT_MAGNITUDE_BOUND = 1e126;

function typeProblem(type: AttributeType, v: JsonValue): string | undefined {
  switch (type) {
    case 'any':
      return undefined;
    case 'string':
      return typeof v === 'string' ? undefined : 'a string';
    case 'boolean':
      return typeof v === 'boolean' ? undefined : 'a boolean';
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v) && v >= LIMITS.int32Min && v <= LIMITS.int32Max
        ? undefined
        : `a 32-bit signed integer (${LIMITS.int32Min} to ${LIMITS.int32Max})`;
    case 'float': {
      if (typeof v !== 'number' || !Number.isFinite(v)) return 'a number';
      const m = Math.abs(v);
      return v === 0 || (m >= FLOAT_MIN_MAGNITUDE && m < FLOAT_MAGNITUDE_BOUND)
        ? undefined
        : 'a number that is 0 or of magnitude 1e-130 to 9.99e125';
    }
  }
}

/** An entity value is an object whose attributes are declared and of their declared types. */
export function checkEntityValue(definition: EntityDefinition, value: JsonValue): void {
  if (!isJsonObject(value))
    throw kvsErrors.invalidEntityValue(`a value of entity ${definition.name} must be an object`);
  for (const [name, v] of Object.entries(value)) {
    const type = definition.attributes.get(name);
    if (type === undefined) {
      const declared = [...definition.attributes.keys()].join(', ');
      throw kvsErrors.invalidEntityValue(
        `attribute ${name} is not declared for entity ${definition.name} (declared: ${declared})`,
      );
    }
    const problem = typeProblem(type, v);
    if (problem !== undefined) {
      throw kvsErrors.invalidEntityValue(
        `attribute ${name} of entity ${definition.name} is ${type} and must be ${problem}, got ${JSON.stringify(v)}`,
      );
    }
  }
}

import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/**
 * The custom entities a manifest declares under `app.storage.entities`, in Forge's manifest
 * format (node_modules/@forge/manifest/out/schema/manifest-schema.json, AppSchema.storage):
 * an index is either an attribute name (an index of that name, ranged on that attribute) or
 * `{name, range: [attribute], partition?: [attribute, ...]}`.
 */
export const ATTRIBUTE_TYPES = ['string', 'boolean', 'float', 'integer', 'any'] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

const attributeName = z
  .string()
  .regex(/^[a-zA-Z][a-zA-Z0-9_]*$/, 'an attribute name starts with a letter and has only letters, digits and _');

const manifestIndex = z.union([
  z.string(),
  z.strictObject({
    name: z.string().min(1),
    range: z.array(z.string()).min(1),
    partition: z.array(z.string()).min(1).optional(),
  }),
]);

const manifestEntity = z.strictObject({
  name: z
    .string()
    .min(3)
    .max(60)
    .regex(
      /^(?![_.-])(?!.*\.{2})[a-z0-9:\-_.]*(?<![.])$/,
      'an entity name has only a-z 0-9 : - _ . and does not start with _ . - nor end with .',
    ),
  attributes: z.record(attributeName, z.strictObject({ type: z.enum(ATTRIBUTE_TYPES) })),
  indexes: z.array(manifestIndex).min(1).optional(),
});

const manifestWithStorage = z.object({
  app: z.object({
    storage: z.object({ entities: z.array(manifestEntity).optional() }).optional(),
  }),
});

export interface EntityIndex {
  name: string;
  partition: string[];
  range: string;
}

export interface EntityDefinition {
  name: string;
  attributes: Map<string, AttributeType>;
  indexes: Map<string, EntityIndex>;
}

export type EntityDefinitions = Map<string, EntityDefinition>;

/** Forge allows at most 7 indexes per entity. */
const MAX_INDEXES = 7;

/** Reads the storage part of a manifest (YAML or JSON); throws naming each problem. */
export function loadEntityDefinitions(manifestPath: string): EntityDefinitions {
  const text = readFileSync(manifestPath, 'utf8');
  return entityDefinitionsFrom(parseYaml(text), manifestPath);
}

export function entityDefinitionsFrom(manifest: unknown, source = 'manifest'): EntityDefinitions {
  const parsed = manifestWithStorage.safeParse(manifest);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`${source}: app.storage.entities is not valid:\n  ${problems.join('\n  ')}`);
  }
  const definitions: EntityDefinitions = new Map();
  for (const entity of parsed.data.app.storage?.entities ?? []) {
    const where = `${source}: entity ${entity.name}`;
    if (definitions.has(entity.name)) throw new Error(`${where} is declared twice`);
    const attributes = new Map(Object.entries(entity.attributes).map(([name, a]) => [name, a.type] as const));
    const indexes = new Map<string, EntityIndex>();
    for (const declared of entity.indexes ?? []) {
      const index: EntityIndex =
        typeof declared === 'string'
          ? { name: declared, partition: [], range: declared }
          : { name: declared.name, partition: declared.partition ?? [], range: declared.range[0] ?? '' };
      if (typeof declared !== 'string' && declared.range.length !== 1) {
        throw new Error(`${where}: index ${index.name} must have exactly one range attribute`);
      }
      if (indexes.has(index.name)) throw new Error(`${where}: index ${index.name} is declared twice`);
      for (const attribute of [...index.partition, index.range]) {
        const type = attributes.get(attribute);
        if (type === undefined)
          throw new Error(`${where}: index ${index.name} uses attribute ${attribute}, which is not declared`);
        if (type === 'any')
          throw new Error(
            `${where}: index ${index.name} uses attribute ${attribute} of type any, which cannot be indexed`,
          );
      }
      indexes.set(index.name, index);
    }
    if (indexes.size > MAX_INDEXES)
      throw new Error(`${where} declares ${indexes.size} indexes; Forge allows at most ${MAX_INDEXES}`);
    definitions.set(entity.name, { name: entity.name, attributes, indexes });
  }
  return definitions;
}

import { z } from 'zod';
import { ObjectivesFile, OBJECTIVES_FILE_FORMAT } from '../src/contract';

/**
 * The JSON Schema of the objectives file, generated from the zod definition in src/contract so
 * that the format is written once. Cross-field rules (references between objectives, cycles,
 * band bounds) are checked by the import, not expressible here; the schema says so.
 */
export function objectivesFileJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ObjectivesFile, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });
  return {
    ...schema,
    $id: `https://tether.app/schemas/${OBJECTIVES_FILE_FORMAT}.json`,
    title: 'Tether objectives file',
    description:
      'Levels, periods, workgroups and objectives with their key results and contributing issue keys, as imported and exported on the admin page. Generated from src/contract/objectives-file.ts; references between records and the hierarchy rules are checked on import (docs/objectives-file.md).',
  };
}

export const SCHEMA_PATH = 'docs/objectives-file.schema.json';

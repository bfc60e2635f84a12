import { writeFileSync } from 'node:fs';
import { objectivesFileJsonSchema, SCHEMA_PATH } from './objectives-file-schema';

writeFileSync(SCHEMA_PATH, `${JSON.stringify(objectivesFileJsonSchema(), null, 2)}\n`);
console.log(`wrote ${SCHEMA_PATH}`);

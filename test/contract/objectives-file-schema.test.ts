import { readFileSync } from 'node:fs';
import { objectivesFileJsonSchema, SCHEMA_PATH } from '../../scripts/objectives-file-schema';

describe('the published JSON Schema of the objectives file', () => {
  it('is the one generated from the zod contract (run `npm run schema` after changing the format)', () => {
    const published = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8'));
    expect(published).toEqual(JSON.parse(JSON.stringify(objectivesFileJsonSchema())));
  });
});

/**
 * The entities fragment (src/forge/store/entities.yml) against docs/data-model.md and against the
 * entity specs that write it: same names, same indexes, and only declared attributes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { entityDefinitionsFrom } from '../../../local/kvs/manifest';
import type { EntitySpec, Versioned } from '../../../src/forge/store/entity-repository';
import { StoredObjective } from '../../../src/app/objectives/stored-objective';
import { checkInEntity, StoredCheckIn } from '../../../src/forge/store/check-in-store';
import { objectiveCounterEntity, objectiveEntity } from '../../../src/forge/store/objective-store';
import { settingsEntity } from '../../../src/forge/store/settings-store';
import { workgroupEntity } from '../../../src/forge/store/workgroup-store';
import { WorkgroupRecord, Settings } from '../../../src/contract/api';
import { declaredEntities, REPO_ROOT } from '../../support/app-host';

const definitions = entityDefinitionsFrom({ app: { storage: { entities: declaredEntities() } } }, 'entities.yml');

it('declares every entity of docs/data-model.md with its indexes', () => {
  const doc = readFileSync(join(REPO_ROOT, 'docs', 'data-model.md'), 'utf8');
  const rows = doc.split('\n').filter((line) => /^\| [a-z' -]+ \| entity `/.test(line));
  const documented = rows.map((row) => {
    const name = /entity `([a-z-]+)`/.exec(row)?.[1] ?? '';
    const indexes = [...row.matchAll(/`(by-[a-z-]+)`/g)].map((m) => m[1]);
    return [name, indexes] as const;
  });
  expect(documented.length).toBe(13);
  for (const [name, indexes] of documented) {
    const definition = definitions.get(name);
    expect(definition).toBeDefined();
    expect([...(definition?.indexes.keys() ?? [])].sort()).toEqual([...indexes].sort());
    expect(definition?.attributes.get('version')).toBe('integer');
    expect(definition?.attributes.get('data')).toBe('any');
  }
  expect([...definitions.keys()].sort()).toEqual(documented.map(([name]) => name).sort());
});

function expectMatches<T extends Versioned>(spec: EntitySpec<T>, sample: T): void {
  const definition = definitions.get(spec.name);
  if (definition === undefined) throw new Error(`entities.yml does not declare ${spec.name}`);
  for (const [name, index] of Object.entries(spec.indexes)) {
    expect(definition.indexes.get(name)).toEqual({ name, partition: [...index.partition], range: index.range });
  }
  expect(Object.keys(spec.indexes).sort()).toEqual([...definition.indexes.keys()].sort());
  for (const attribute of Object.keys(spec.attributes(sample))) expect(definition.attributes.has(attribute)).toBe(true);
}

it('matches the settings and workgroup specs', () => {
  expectMatches(settingsEntity, Settings.parse({}));
  expectMatches(
    workgroupEntity,
    WorkgroupRecord.parse({ id: 'w', name: 'W', kind: 'squad', leads: ['a'], version: 1, createdAt: 0, updatedAt: 0 }),
  );
});

it('matches the objective, objective-counter and check-in specs', () => {
  const objective = StoredObjective.parse({
    id: 'O-1',
    key: 'O-1',
    title: 'T',
    levelId: 'organisation',
    periodId: 'p',
    owner: 'a',
    createdAt: 0,
    updatedAt: 0,
    keyResults: [],
  });
  expectMatches(objectiveEntity, objective);
  expectMatches(objectiveCounterEntity, { next: 1, version: 0 });
  expectMatches(
    checkInEntity,
    StoredCheckIn.parse({ id: 'ci-1', objectiveId: 'O-1', confidence: 'high', author: 'a', at: 0 }),
  );
});

/**
 * Random payloads for the objective, key-result, check-in, link, view and file keys: a resolver
 * never fails unexpectedly (INTERNAL), and a payload the contract refuses is VALIDATION with
 * nothing written.
 */
import fc from 'fast-check';
import type { ApiKey } from '../../src/contract/api';
import { useAppHost } from '../support/app-host';
import { expectContractKept, ok } from './resolver-kit';
import { createSquadObjective, organisation } from './objective-kit';

const app = useAppHost(
  async () => {
    await organisation(app);
    await createSquadObjective(app);
    await ok(app, 'lead', 'key-results/create', {
      objectiveKey: 'O-2',
      version: 1,
      keyResult: { kind: 'completion', title: 'Done' },
    });
  },
  { each: false },
);

const FUZZED: ApiKey[] = [
  'objectives/create',
  'objectives/update',
  'objectives/move',
  'key-results/create',
  'key-results/update',
  'check-ins/create',
  'check-ins/list',
  'contributions/link',
  'project-page/view',
  'issue-panel/view',
  'objectives-file/import',
];

const FIELDS = [
  'key',
  'version',
  'title',
  'levelId',
  'periodId',
  'workgroupId',
  'parentId',
  'alignments',
  'objectiveKey',
  'keyResultId',
  'keyResult',
  'confidence',
  'value',
  'issueKey',
  'projectKey',
  'text',
  'apply',
  'target',
];
const VALUES = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(
    'O-1',
    'O-2',
    'O-99',
    'O-2.KR-1',
    'WEB-1',
    'WEB',
    'workgroup',
    'web-squad',
    '2026-q4',
    1,
    2,
    null,
    'high',
  ),
);

describe('random payloads', () => {
  it.each(FUZZED.map((k) => [k]))('%s: never INTERNAL, and no write unless the payload is valid', async (key) => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), fc.dictionary(fc.constantFrom(...FIELDS), VALUES)), (payload) =>
        expectContractKept(app, key, payload),
      ),
      { numRuns: 40 },
    );
  });
});

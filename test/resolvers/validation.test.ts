/**
 * Bad payloads: each is refused with VALIDATION, with the path of the field at fault, before
 * anything is read or written; and random JSON never makes a resolver fail unexpectedly.
 */
import fc from 'fast-check';
import type { ApiKey, PayloadIn } from '../../src/contract/api';
import { ACCOUNT, demoSiteWith, useAppHost } from '../support/app-host';
import { expectContractKept, failed, ok } from './resolver-kit';

/** The largest workgroup's people, 128-character account ids that the local Jira has (every lead and member must be a Jira account). */
const LARGEST = {
  leads: Array.from({ length: 20 }, (_, i) => `lead-${'x'.repeat(120)}-${String(i).padStart(2, '0')}`),
  members: Array.from({ length: 500 }, (_, i) => `member-${'x'.repeat(117)}-${String(i).padStart(3, '0')}`),
};

const app = useAppHost(
  async () => {
    await ok(app, 'admin', 'periods/create', { version: 0, name: 'Q4', start: '2026-10-01', end: '2026-12-31' });
    await ok(app, 'admin', 'workgroups/create', {
      name: 'Web Squad',
      kind: 'squad',
      leads: [ACCOUNT.lead],
      projects: ['WEB'],
    });
  },
  { each: false, seed: demoSiteWith([...LARGEST.leads, ...LARGEST.members]) },
);

const id = (n: number) => `acc-${String(n).padStart(4, '0')}`;

const BAD: Array<[ApiKey, string, unknown, string]> = [
  ['settings/get', 'an unknown field', { extra: 1 }, ''],
  ['settings/update', 'no version', { rollupPolicy: { atRiskLag: 0.2 } }, 'version'],
  ['settings/update', 'a negative version', { version: -1, storyPointsField: null }, 'version'],
  ['settings/update', 'nothing to change', { version: 1 }, ''],
  ['settings/update', 'a lag above 1', { version: 1, rollupPolicy: { atRiskLag: 2 } }, 'rollupPolicy.atRiskLag'],
  ['settings/update', 'an unknown policy field', { version: 1, rollupPolicy: { speed: 3 } }, 'rollupPolicy'],
  [
    'settings/update',
    'an unknown prompt kind',
    { version: 1, promptPolicy: { enabled: { nagging: true } } },
    'promptPolicy.enabled',
  ],
  [
    'settings/update',
    'a story-points field that is not a custom field',
    { version: 1, storyPointsField: 'summary' },
    'storyPointsField',
  ],
  ['levels/update', 'no levels', { version: 1, levels: [] }, 'levels'],
  [
    'levels/update',
    'eleven levels',
    { version: 1, levels: Array.from({ length: 11 }, (_, i) => ({ name: `L${i}` })) },
    'levels',
  ],
  ['levels/update', 'a name used twice', { version: 1, levels: [{ name: 'Team' }, { name: 'team' }] }, 'levels.1.name'],
  [
    'levels/update',
    'an id used twice',
    {
      version: 1,
      levels: [
        { id: 'workgroup', name: 'A' },
        { id: 'workgroup', name: 'B' },
      ],
    },
    'levels.1.id',
  ],
  ['levels/update', 'an empty name', { version: 1, levels: [{ name: '  ' }] }, 'levels.0.name'],
  ['levels/update', 'an id with a colon', { version: 1, levels: [{ id: 'a:b', name: 'A' }] }, 'levels.0.id'],
  [
    'periods/create',
    'an end before the start',
    { version: 1, name: 'Q1', start: '2027-03-31', end: '2027-01-01' },
    'end',
  ],
  [
    'periods/create',
    'a date that does not exist',
    { version: 1, name: 'Q1', start: '2027-02-30', end: '2027-03-31' },
    'start',
  ],
  ['periods/create', 'a missing name', { version: 1, start: '2027-01-01', end: '2027-03-31' }, 'name'],
  ['periods/update', 'nothing to change', { version: 1, id: 'q4' }, ''],
  ['periods/update', 'a date in another format', { version: 1, id: 'q4', end: '31/12/2026' }, 'end'],
  ['periods/close', 'no id', { version: 1 }, 'id'],
  ['workgroups/list', 'a project key in lower case', { projectKey: 'web' }, 'projectKey'],
  ['workgroups/create', 'no lead', { name: 'Ops', kind: 'squad', leads: [] }, 'leads'],
  ['workgroups/create', 'an unknown kind', { name: 'Ops', kind: 'tribe', leads: ['a'] }, 'kind'],
  ['workgroups/create', 'a lead listed twice', { name: 'Ops', kind: 'squad', leads: ['a', 'a'] }, 'leads.1'],
  [
    'workgroups/create',
    'thirteen projects',
    { name: 'Ops', kind: 'squad', leads: ['a'], projects: Array.from({ length: 13 }, (_, i) => `P${i}`) },
    'projects',
  ],
  [
    'workgroups/create',
    '501 members',
    { name: 'Ops', kind: 'squad', leads: ['a'], members: Array.from({ length: 501 }, (_, i) => id(i)) },
    'members',
  ],
  ['workgroups/create', 'a name of 121 characters', { name: 'x'.repeat(121), kind: 'squad', leads: ['a'] }, 'name'],
  ['workgroups/update', 'version 0', { id: 'web-squad', version: 0, kind: 'squad' }, 'version'],
  ['workgroups/update', 'nothing to change', { id: 'web-squad', version: 1 }, ''],
  ['workgroups/delete', 'an id with spaces', { id: 'web squad', version: 1 }, 'id'],
  ['me/get', 'an unknown field', { who: 'me' }, ''],
];

describe.each(BAD)('%s with %s', (key, _what, payload, path) => {
  it(`is VALIDATION at "${path}", and nothing is read or written`, async () => {
    const { error, counts } = await failed(app, 'admin', key, payload);
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toBe('Some of what was entered is not valid.');
    expect(error.details?.map((d) => d.path)).toContain(path);
    expect(counts.kvsRoundTrips).toBe(0);
    expect(counts.productCalls).toBe(0);
  });
});

it('accepts the largest workgroup the contract allows, far below the 240 KiB storage limit', async () => {
  const payload: PayloadIn<'workgroups/create'> = {
    name: 'W'.repeat(120),
    kind: 'squad',
    leads: LARGEST.leads,
    members: LARGEST.members,
    projects: ['WEB', 'MOB'],
  };
  const created = await ok(app, 'admin', 'workgroups/create', payload);
  expect(created.members).toHaveLength(500);
  expect(Buffer.byteLength(JSON.stringify(created))).toBeLessThan(120 * 1024);
});

describe('random payloads', () => {
  const FUZZED: ApiKey[] = [
    'settings/update',
    'levels/update',
    'periods/create',
    'periods/close',
    'workgroups/create',
    'workgroups/update',
    'workgroups/delete',
    'workgroups/list',
  ];

  it.each(FUZZED.map((k) => [k]))('%s: never INTERNAL, and no write unless the payload is valid', async (key) => {
    const payloads = fc.oneof(
      fc.jsonValue(),
      fc.dictionary(
        fc.constantFrom(
          'version',
          'id',
          'name',
          'levels',
          'start',
          'end',
          'kind',
          'leads',
          'projects',
          'projectKey',
          'rollupPolicy',
        ),
        fc.jsonValue(),
      ),
    );
    await fc.assert(
      fc.asyncProperty(payloads, (payload) => expectContractKept(app, key, payload)),
      { numRuns: 60 },
    );
  });
});

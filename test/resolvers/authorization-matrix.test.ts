/**
 * Issue 13: the authorization matrix of docs/resolvers.md ("The authorization matrix"), parsed
 * from the doc and run cell by cell (test/resolvers/authorization-matrix.ts): every resolver key ×
 * caller (owner, lead of the workgroup, lead of another workgroup, member, outsider, Jira admin,
 * no user) × a public and a restricted objective. A refusal must also write nothing. A key the doc
 * leaves out, or a row without a payload, fails.
 */
import { API_KEYS } from '../../src/contract/api';
import { useAppHost } from '../support/app-host';
import {
  matrixCases,
  matrixSeed,
  readMatrix,
  runMatrixCase,
  RUNS,
  setUpMatrix,
  type SharedTargets,
} from './authorization-matrix';

const ROWS = readMatrix();
let shared: SharedTargets | undefined;

const app = useAppHost(
  async (host) => {
    shared = await setUpMatrix(host);
  },
  { each: false, seed: matrixSeed },
);

it('covers every resolver key, and every row has its payload', () => {
  expect(API_KEYS.filter((k) => !ROWS.some((r) => r.key === k))).toEqual([]);
  expect(ROWS.map((r) => r.call).filter((c) => RUNS[c] === undefined)).toEqual([]);
  expect(Object.keys(RUNS).filter((c) => !ROWS.some((r) => r.call === c))).toEqual([]);
});

describe.each(ROWS.map((row) => [row.call, row] as const))('%s', (_call, row) => {
  const cases = matrixCases([row]).map((c) => [c.caller, c.visibility, c.expected] as const);
  it.each(cases)(
    'as %s, %s objective: %s',
    async (caller, visibility, expected) => {
      if (shared === undefined) throw new Error('the shared objectives were not made');
      const { outcome, message, writes } = await runMatrixCase(app, shared, row, caller, visibility);
      expect(`${outcome}${outcome === expected ? '' : ` (${message})`}`).toBe(expected);
      if (!['ok', 'shown', 'hidden'].includes(outcome)) expect(writes).toBe(0);
    },
    60_000, // carry-forward/apply copies every objective made so far; strict storage takes its time
  );
});

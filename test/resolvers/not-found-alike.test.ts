/**
 * Issue 13: a restricted objective does not exist for those who may not see it (docs/security.md,
 * "What is restricted from whom"), so a refusal must not tell it apart from a key that names
 * nothing. For every row of the authorization matrix (docs/resolvers.md) where a caller is refused
 * NOT_FOUND on the restricted objective, the same call on a key that does not exist answers the
 * same: the same code, the same message and details once the key is substituted, and no write.
 * The payload is the same (version and all) but for the key. The rows come from the doc's table, so
 * a key added there is compared here too (a row refusing NOT_FOUND for another reason, a job that
 * does not exist, compares two equal payloads and passes trivially).
 */
import { useAppHost } from '../support/app-host';
import {
  callRow,
  CALLERS,
  matrixSeed,
  readMatrix,
  setUpMatrix,
  type SharedTargets,
  rowPayload,
} from './authorization-matrix';

const ROWS = readMatrix();
let shared: SharedTargets | undefined;

const app = useAppHost(
  async (host) => {
    shared = await setUpMatrix(host);
  },
  { each: false, seed: matrixSeed },
);

/** A key no objective has. */
const GHOST_KEY = 'O-9999';

/** Text with `key` (not a longer key) written as `to`. */
const rekey = (value: unknown, key: string, to: string) =>
  JSON.parse(JSON.stringify(value).replace(new RegExp(`(?<![A-Za-z0-9_-])${key}(?![0-9])`, 'g'), to)) as unknown;

const CASES = ROWS.flatMap((row) =>
  CALLERS.filter((caller) => row.expected[caller].restricted === 'NOT_FOUND').map(
    (caller) => [row.call, caller, row] as const,
  ),
);

it('has cases: every key that takes an objective key refuses someone NOT_FOUND on a restricted one', () => {
  const keys = new Set(CASES.map(([, , row]) => row.key));
  for (const key of [
    'objectives/update',
    'objectives/archive',
    'objectives/move',
    'objectives/decisions',
    'objectives/history',
    'objectives/explain',
    'check-ins/list',
    'check-ins/create',
    'key-results/create',
    'key-results/update',
    'key-results/delete',
    'contributions/link',
    'contributions/unlink',
  ])
    expect([key, keys.has(key as never)]).toEqual([key, true]);
});

describe.each(CASES)('%s as %s', (_call, caller, row) => {
  it('answers a restricted key as it answers a key that does not exist', async () => {
    if (shared === undefined) throw new Error('the shared objectives were not made');
    const t = shared.restricted;
    // the same payload (version and all), naming the key that does not exist instead
    const payload = await rowPayload(app, row, t);
    const restricted = await callRow(app, row, caller, payload);
    const ghost = await callRow(app, row, caller, rekey(payload, t.key, GHOST_KEY));
    expect(rekey(restricted.reply, t.key, 'O-#')).toEqual(rekey(ghost.reply, GHOST_KEY, 'O-#'));
    expect(restricted.reply.ok ? '' : restricted.reply.error.code).toBe('NOT_FOUND');
    expect([restricted.writes, ghost.writes]).toEqual([0, 0]);
  });
});

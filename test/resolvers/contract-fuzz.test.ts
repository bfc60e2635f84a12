/**
 * Issue 13: payloads generated from the contract, at least 10,000 a run, over every resolver key
 * as every persona and as no user (test/resolvers/contract-fuzz.ts says what is checked). The seed
 * is fixed and printed: `FUZZ_SEED=… npx jest test/resolvers/contract-fuzz.test.ts` replays a run,
 * `FUZZ_PER_CALLER=…` changes its size (npm run bench -- security runs a larger one).
 */
import { API_KEYS } from '../../src/contract/api';
import { MODULES } from '../../local/app-calls/resolver-caller';
import { ACCOUNT, useAppHost } from '../support/app-host';
import { storedPrompts } from './prompt-kit';
import { call } from './resolver-kit';
import {
  fuzzOrganisation,
  fuzzPools,
  LEAK_CASES,
  readSecrets,
  runContractFuzz,
  SECRET,
  shownSecret,
  summarise,
} from './contract-fuzz';

const SEED = Number(process.env.FUZZ_SEED ?? 20261120);
/** 42 keys × 5 callers × 48 = 10,080 payloads. */
const PER_CALLER = Number(process.env.FUZZ_PER_CALLER ?? 48);

let promptIds: string[] = [];
const app = useAppHost(
  async (host) => {
    ({ promptIds } = await fuzzOrganisation(host));
  },
  { each: false },
);

describe('the leak check itself', () => {
  it('knows the fixture’s restricted objectives and who may see them', async () => {
    const secrets = await readSecrets(app);
    expect(secrets.map((s) => [s.key, s.titles])).toEqual([
      ['O-3', [SECRET.squad.title, SECRET.squad.keyResult]],
      ['O-4', [SECRET.mobile.title, SECRET.mobile.keyResult]],
    ]);
  });

  it('holds an issue serving a restricted objective that the outsider finished: its review went to the reporter', async () => {
    expect((await storedPrompts(app, ACCOUNT.lead)).map((p) => p.id)).toContain('outcome-review:WEB-5:O-3');
    expect((await storedPrompts(app, ACCOUNT.outsider)).map((p) => p.id)).toEqual([]);
    // the fixed leak cases reach the outsider's inbox and the issue panel (answered, not refused)
    const secrets = await readSecrets(app);
    for (const { key, payload } of LEAK_CASES) {
      const { reply } = await call(
        app,
        'outsider',
        key,
        payload,
        key === 'issue-panel/view' ? MODULES.issuePanel : undefined,
      );
      expect([key, reply.ok]).toEqual([key, true]);
      expect(shownSecret(secrets, 'outsider', true, JSON.stringify(reply), JSON.stringify(payload))).toBeNull();
    }
  });

  it('flags a key or title shown to someone who may not see it, and nothing else', async () => {
    const secrets = await readSecrets(app);
    const data = (text: string) => JSON.stringify({ ok: true, data: { text } });
    expect(shownSecret(secrets, 'lead', true, data('parent O-4'), '{}')).toBe('O-4 (its key)');
    expect(shownSecret(secrets, 'outsider', true, data(SECRET.squad.keyResult), '{}')).toMatch(/^O-3/);
    expect(shownSecret(secrets, null, false, data('O-3.KR-1'), '{}')).toMatch(/^O-3/);
    // a refusal naming the key the caller sent, or a longer key, or someone who may see it
    expect(shownSecret(secrets, 'lead', false, 'There is no objective O-4', '{"key":"O-4"}')).toBeNull();
    expect(shownSecret(secrets, 'lead', true, data('O-40 and WO-4'), '{}')).toBeNull();
    expect(shownSecret(secrets, 'member', true, data(SECRET.squad.title), '{}')).toBeNull();
    expect(shownSecret(secrets, 'admin', true, data(SECRET.mobile.title), '{}')).toBeNull();
  });
});

it(`every key, every persona: no INTERNAL, no write on a refusal, no restricted objective shown (seed ${SEED})`, async () => {
  const result = await runContractFuzz(app, {
    seed: SEED,
    perCaller: PER_CALLER,
    pools: fuzzPools(promptIds),
    fixed: LEAK_CASES,
  });
  console.log(
    `contract fuzz: seed ${SEED}, ${result.payloads} payloads over ${API_KEYS.length} keys × 5 callers ` +
      `(${result.successes} answered, ${result.refusals} refused) in ${(result.ms / 1000).toFixed(1)} s; ${JSON.stringify(result.codes)}; ` +
      `${result.findings.length} findings${result.findings.length > 0 ? `:\n${summarise(result.findings).join('\n')}` : ''}`,
  );
  for (const f of result.findings.slice(0, 40)) console.log(JSON.stringify(f));
  expect(result.findings.slice(0, 20)).toEqual([]);
  expect(result.payloads).toBeGreaterThanOrEqual(PER_CALLER === 48 ? 10_000 : 0);
}, 600_000);

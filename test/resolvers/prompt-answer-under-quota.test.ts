/**
 * prompts/answer when Forge storage refuses requests half-way (issue 13, class 4): answering a
 * check-in-due prompt stores the check-in, then writes the prompt as answered. A call refused
 * between them (UNAVAILABLE) leaves the check-in stored and the prompt open; answering again
 * completes it — the prompt answered, one check-in, the one the first attempt stored. Before, the
 * prompt was written first and put back on a refusal, which storage refused too: the prompt stayed
 * answered with no check-in, and answering again was a CONFLICT — the answer was lost for good.
 *
 * A strict host whose write quota is cut to one write unit for the refused call
 * (test/support/storage-refusal.ts).
 */
import { ACCOUNT, startAppHost, type AppHost } from '../support/app-host';
import { pinClock } from '../support/clock';
import { withWriteUnits } from '../support/storage-refusal';
import { createSquadObjective, organisation } from './objective-kit';
import { DAY, runJob, storedPrompt } from './prompt-kit';
import { call, ok, queriesCaughtUp } from './resolver-kit';

pinClock();

let app: AppHost;
let t0: number;

beforeEach(async () => {
  app = startAppHost({ forge: 'strict' });
  await organisation(app);
  await createSquadObjective(app, { owner: ACCOUNT.member }); // O-2
  await ok(app, 'lead', 'key-results/create', {
    objectiveKey: 'O-2',
    version: 1,
    keyResult: { kind: 'metric', title: 'Conversion', unit: '%', direction: 'increase', baseline: 0, target: 10 },
  });
  t0 = Date.now();
  await runJob(app, t0 + 8 * DAY);
  await queriesCaughtUp(app);
});
afterEach(() => app.close());

const ANSWER = { kind: 'check-in-due' as const, value: 5, confidence: 'medium' as const, note: 'halfway' };

it('a check-in-due answer refused after its check-in is completed by answering again, with one check-in', async () => {
  const [prompt] = (await ok(app, 'member', 'prompts/inbox', {})).prompts;
  const first = await withWriteUnits(app, 1, () =>
    call(app, 'member', 'prompts/answer', { promptId: prompt!.id, answer: ANSWER }),
  );
  expect(first.reply).toMatchObject({
    ok: false,
    error: { code: 'UNAVAILABLE', message: expect.stringMatching(/try again/) },
  });
  // the check-in is stored; the prompt is still open, in the inbox, to be answered again
  expect((await storedPrompt(app, prompt!.id))?.state).toBe('open');
  await queriesCaughtUp(app);
  const between = await ok(app, 'member', 'check-ins/list', { objectiveKey: 'O-2' });
  expect(between.checkIns).toHaveLength(1);

  const second = await ok(app, 'member', 'prompts/answer', { promptId: prompt!.id, answer: ANSWER });
  expect(second.checkIn).toEqual(between.checkIns[0]);
  expect((await storedPrompt(app, prompt!.id))?.state).toBe('answered');
  await queriesCaughtUp(app);
  const after = await ok(app, 'member', 'check-ins/list', { objectiveKey: 'O-2' });
  expect(after.checkIns.map((c) => ({ value: c.value, confidence: c.confidence }))).toEqual([
    { value: 5, confidence: 'medium' },
  ]);
  expect((await ok(app, 'member', 'prompts/inbox', {})).prompts).toEqual([]);
});

it('an answer with other values than the check-in an earlier attempt stored is a CONFLICT, and writes nothing', async () => {
  const [prompt] = (await ok(app, 'member', 'prompts/inbox', {})).prompts;
  await withWriteUnits(app, 1, () => call(app, 'member', 'prompts/answer', { promptId: prompt!.id, answer: ANSWER }));
  const other = await call(app, 'member', 'prompts/answer', {
    promptId: prompt!.id,
    answer: { ...ANSWER, value: 7 },
  });
  expect(other.reply).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  expect(other.writes).toBe(0);
});

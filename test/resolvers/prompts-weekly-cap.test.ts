/**
 * The weekly cap in the local host, at times the test chooses (the resolvers run on the test's
 * clock, the job at the time it is given): in a quarter's last week the period reviews fill a
 * lead's week, yet an escalation reaches the lead's inbox on the check-in that raised it, and the
 * inbox says how many prompts wait and when the next can open.
 */
import { buildResolver } from '../../src/resolvers';
import { ACCOUNT, startAppHost, type AppHost } from '../support/app-host';
import { createSquadObjective, organisation } from './objective-kit';
import { DAY, runJob, storedPrompts } from './prompt-kit';
import { ok, queriesCaughtUp } from './resolver-kit';

/** Monday of 2026 Q4's last week: the period reviews opened on 25 Dec. */
const LAST_WEEK = Date.parse('2026-12-28T09:00:00Z');
const HOUR = 3_600_000;

let now = LAST_WEEK;
let app: AppHost;

beforeEach(async () => {
  now = LAST_WEEK - DAY;
  app = startAppHost({ resolverModule: { resolver: buildResolver({ clock: { now: () => now } }).getDefinitions() } });
  await organisation(app); // 2026 Q4; O-1 owned by the admin; Web Squad led by the lead
  // only the kinds this story is about, so every count below is exact
  const settings = await ok(app, 'admin', 'settings/get');
  await ok(app, 'admin', 'settings/update', {
    version: settings.version,
    promptPolicy: { enabled: { 'outcome-review': false, 'check-in-due': false, 'alignment-gap': false } },
  });
  // six objectives of the lead's (O-2 … O-7), and the member's O-8 under O-1
  for (let i = 1; i <= 6; i += 1) await createSquadObjective(app, { title: `Release train ${i}` });
  await createSquadObjective(app, { title: 'One-click checkout', owner: ACCOUNT.member });
  await ok(app, 'member', 'check-ins/create', { objectiveKey: 'O-8', confidence: 'high', note: 'On plan.' });
});
afterEach(() => app.close());

const inbox = (persona: 'lead' | 'admin', payload: Record<string, unknown> = {}) =>
  ok(app, persona, 'prompts/inbox', payload);

describe('an escalation when the weekly cap is full', () => {
  it("reaches the lead's inbox on the check-in that dropped confidence; the inbox counts the period review still waiting", async () => {
    // the job asks for the quarter's period reviews: the lead's six fill the week (cap 5), one waits
    now = LAST_WEEK;
    expect((await runJob(app, LAST_WEEK)).created['period-review']).toBe(8);
    const full = await inbox('lead');
    expect(full.prompts.map((p) => p.kind)).toEqual(Array(5).fill('period-review'));
    expect(full.waiting).toEqual({ count: 1, nextAt: LAST_WEEK + 7 * DAY, cap: 5 });

    // an hour later the member's confidence in O-8 drops from high to low
    now = LAST_WEEK + HOUR;
    await ok(app, 'member', 'check-ins/create', {
      objectiveKey: 'O-8',
      confidence: 'low',
      note: 'The payment provider slipped a month.',
    });

    // the lead opens their inbox after the member's check-in, not in the same second: the escalation
    // it raised was delivered then (deliveredAt below), and has reached the by-recipient query since
    await queriesCaughtUp(app);
    const after = await inbox('lead');
    expect(after.prompts.map((p) => p.kind)).toEqual(['escalation', ...Array(5).fill('period-review')]);
    expect(after.prompts[0]).toMatchObject({
      state: 'open',
      deliveredAt: now,
      subject: { type: 'objective', objectiveId: 'O-8' },
    });
    // the escalation counts toward the week: the review still waits for the first five to leave it
    expect(after.waiting).toEqual({ count: 1, nextAt: LAST_WEEK + 7 * DAY, cap: 5 });
    // the parent's owner, whose week had room, is asked too
    expect((await inbox('admin')).prompts.map((p) => p.kind)).toEqual(['escalation', 'period-review']);
    // nothing of the lead's escalation was left queued for a later run
    expect((await storedPrompts(app, ACCOUNT.lead)).filter((p) => p.state === 'queued').map((p) => p.kind)).toEqual([
      'period-review',
    ]);

    // the day the week has room, the job delivers the waiting review and the inbox has nothing waiting
    now = LAST_WEEK + 7 * DAY + HOUR;
    expect((await runJob(app, now)).opened).toBe(1);
    const week = await inbox('lead');
    expect(week.prompts.filter((p) => p.kind === 'period-review')).toHaveLength(6);
    expect(week.waiting).toEqual({ count: 0, nextAt: null, cap: null });
  });

  it('counts, in the issue panel, only what waits about that issue', async () => {
    now = LAST_WEEK;
    await runJob(app, LAST_WEEK);
    expect((await inbox('lead')).waiting.count).toBe(1);
    expect(await inbox('lead', { issueKey: 'WEB-1' })).toEqual({
      prompts: [],
      waiting: { count: 0, nextAt: null, cap: null },
    });
  });
});

import { Prompt } from '../../../src/contract';
import { checkInDuePrompts, type CheckInDueInput } from '../../../src/domain/prompts/check-in-due';
import { aKeyResult, anObjective } from '../../support/builders';
import { aPromptPolicy, DAY, T0 } from '../../support/prompt-builders';

/** An objective of a period that began before T0, as the job hands it over. */
const inPeriod = (over: Parameters<typeof anObjective>[0] = {}, periodStartsAt: number | null = T0 - 30 * DAY) => ({
  ...anObjective({ id: 'obj-growth', ...over }),
  periodStartsAt,
});
const objective = inPeriod();
const metric = aKeyResult({
  id: 'kr-nps',
  objectiveId: objective.id,
  kind: 'metric',
  title: 'NPS above 40',
  owner: 'acc-kim',
  createdAt: T0,
});

function due(over: Partial<CheckInDueInput> = {}) {
  return checkInDuePrompts({
    keyResults: [metric],
    latestCheckInAt: new Map(),
    objectives: [objective],
    cadenceDays: 7,
    policy: aPromptPolicy(),
    now: T0 + 10 * DAY,
    ...over,
  });
}

describe('check-in due', () => {
  it('asks the owner of a key result nobody has checked in on for longer than the cadence', () => {
    const now = T0 + 10 * DAY;
    const [prompt, ...rest] = due({ latestCheckInAt: new Map([['kr-nps', T0 + 2 * DAY]]), now });
    expect(rest).toEqual([]);
    expect(prompt).toMatchObject({
      id: `check-in-due:kr-nps:${Math.floor(now / (7 * DAY))}`,
      kind: 'check-in-due',
      recipient: 'acc-kim',
      subject: { type: 'key-result', objectiveId: 'obj-growth', keyResultId: 'kr-nps' },
      state: 'queued',
      createdAt: now,
      dueAt: now + 7 * DAY,
      deliveredAt: null,
    });
    expect(prompt!.reason).toBe("Time to check in on 'NPS above 40': the last check-in was 8 days ago.");
    expect(Prompt.parse(prompt)).toEqual(prompt);
  });

  it('counts from the creation of a key result that was never checked in on', () => {
    expect(due({ now: T0 + 7 * DAY })).toEqual([]);
    const [prompt] = due({ now: T0 + 7 * DAY + 1 });
    expect(prompt!.reason).toBe("Time to check in on 'NPS above 40': no check-in since it was created 7 days ago.");
  });

  it('does not ask while the latest check-in is within the cadence', () => {
    expect(due({ latestCheckInAt: new Map([['kr-nps', T0 + 5 * DAY]]), now: T0 + 12 * DAY })).toEqual([]);
    expect(due({ latestCheckInAt: new Map([['kr-nps', T0 + 5 * DAY]]), now: T0 + 12 * DAY + 1 })).toHaveLength(1);
  });

  it('asks once per cadence window: the same window gives the same id, the next window a new one', () => {
    const windowStart = Math.ceil((T0 + 30 * DAY) / (7 * DAY)) * 7 * DAY;
    const a = due({ now: windowStart })[0]!.id;
    const b = due({ now: windowStart + 7 * DAY - 1 })[0]!.id;
    const c = due({ now: windowStart + 7 * DAY })[0]!.id;
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });

  it('asks only about key results updated by hand: metric and milestone, not computed ones', () => {
    const kinds = (['completion', 'metric', 'query', 'delivery-quality', 'milestone'] as const).map((kind) =>
      aKeyResult({ id: `kr-${kind}`, objectiveId: objective.id, kind }),
    );
    expect(due({ keyResults: kinds }).map((p) => p.id.split(':')[1])).toEqual(['kr-metric', 'kr-milestone']);
  });

  it('does not ask about a milestone already reached', () => {
    const reached = aKeyResult({ objectiveId: objective.id, kind: 'milestone', done: true, doneAt: T0 });
    expect(due({ keyResults: [reached] })).toEqual([]);
  });

  it('skips key results of objectives that are not active, or unknown', () => {
    for (const status of ['draft', 'done', 'cancelled'] as const)
      expect(due({ objectives: [inPeriod({ status })] })).toEqual([]);
    expect(due({ objectives: [] })).toEqual([]);
  });

  it("asks nothing before the objective's period begins, then counts the cadence from its first day", () => {
    // created on T0 for a period beginning five days later: not started, nobody is asked
    const next = (now: number) => due({ objectives: [inPeriod({}, T0 + 5 * DAY)], now });
    expect(next(T0 + 4 * DAY)).toEqual([]);
    // a week after creation, but two days into the period: not due yet
    expect(next(T0 + 7 * DAY)).toEqual([]);
    // more than a week into the period: due, and it says since when
    const [prompt] = next(T0 + 13 * DAY);
    expect(prompt?.reason).toBe("Time to check in on 'NPS above 40': no check-in since its period began 8 days ago.");
  });

  it('follows the cadence it is given', () => {
    expect(due({ cadenceDays: 14, now: T0 + 10 * DAY })).toEqual([]);
    expect(due({ cadenceDays: 14, now: T0 + 15 * DAY })[0]!.id).toBe(
      `check-in-due:kr-nps:${Math.floor((T0 + 15 * DAY) / (14 * DAY))}`,
    );
  });

  it('asks nothing when check-in prompts are switched off', () => {
    expect(due({ policy: aPromptPolicy({ enabled: { 'check-in-due': false } }) })).toEqual([]);
  });

  it('gives one prompt per key result even if it is listed twice', () => {
    expect(due({ keyResults: [metric, metric] })).toHaveLength(1);
  });
});

import fc from 'fast-check';
import { PromptKind, type Prompt } from '../../../src/contract';
import {
  CAP_WINDOW_MS,
  countRecentlyDelivered,
  deliver,
  heldByCap,
  openingTimes,
  waitingUnderCap,
} from '../../../src/domain/prompts/weekly-cap';
import { aPrompt, aQueuedPrompt, DAY, T0 } from '../../support/prompt-builders';

const NOW = T0 + 10 * DAY;
const ids = (prompts: Prompt[]) => prompts.map((p) => p.id);

describe('weekly cap', () => {
  it('opens queued prompts up to the cap, the rest keep waiting', () => {
    const candidates = [1, 2, 3].map((n) =>
      aQueuedPrompt({ id: `outcome-review:ABC-${n}:obj-a`, recipient: 'acc-ann', createdAt: T0 + n }),
    );
    const { delivered, waiting } = deliver(candidates, new Map(), 2, NOW);
    expect(ids(delivered)).toEqual(['outcome-review:ABC-1:obj-a', 'outcome-review:ABC-2:obj-a']);
    expect(ids(waiting)).toEqual(['outcome-review:ABC-3:obj-a']);
    for (const p of delivered) expect(p).toMatchObject({ state: 'open', deliveredAt: NOW });
    expect(waiting[0]).toEqual(candidates[2]);
  });

  it('counts what the person already received this week', () => {
    const candidates = [aQueuedPrompt({ recipient: 'acc-ann' }), aQueuedPrompt({ recipient: 'acc-bo' })];
    const { delivered } = deliver(
      candidates,
      new Map([
        ['acc-ann', 5],
        ['acc-bo', 4],
      ]),
      5,
      NOW,
    );
    expect(delivered.map((p) => p.recipient)).toEqual(['acc-bo']);
  });

  it('caps each person separately', () => {
    const candidates = ['acc-ann', 'acc-ann', 'acc-bo', 'acc-bo'].map((recipient) => aQueuedPrompt({ recipient }));
    const { delivered } = deliver(candidates, new Map(), 1, NOW);
    expect(delivered.map((p) => p.recipient).sort()).toEqual(['acc-ann', 'acc-bo']);
  });

  it('delivers the most urgent first: escalation, check-in due, outcome review, period review, alignment gap', () => {
    const kinds = ['alignment-gap', 'period-review', 'outcome-review', 'check-in-due', 'escalation'] as const;
    const candidates = kinds.map((kind, i) => aQueuedPrompt({ kind, id: `${kind}:x`, createdAt: T0 - i }));
    expect(deliver(candidates, new Map(), 2, NOW).delivered.map((p) => p.kind)).toEqual(['escalation', 'check-in-due']);
    expect(deliver(candidates, new Map(), 5, NOW).delivered.map((p) => p.kind)).toEqual([...kinds].reverse());
  });

  it('delivers an escalation even when the week is full: it cannot wait a week', () => {
    const escalation = aQueuedPrompt({
      kind: 'escalation',
      id: 'escalation:O-2:acc-ann:confidence:2026-W52',
      recipient: 'acc-ann',
    });
    const review = aQueuedPrompt({ kind: 'period-review', id: 'period-review:q4:O-3', recipient: 'acc-ann' });
    const { delivered, waiting } = deliver([review, escalation], new Map([['acc-ann', 5]]), 5, NOW);
    expect(delivered).toEqual([{ ...escalation, state: 'open', deliveredAt: NOW, dueAt: NOW + 7 * DAY }]);
    expect(waiting).toEqual([review]);
  });

  it('counts escalations toward the week: the other kinds give way after them', () => {
    const escalations = [1, 2].map((n) =>
      aQueuedPrompt({ kind: 'escalation', id: `escalation:O-${n}:acc-ann:off-track:2026-W52`, recipient: 'acc-ann' }),
    );
    const reviews = [1, 2, 3].map((n) =>
      aQueuedPrompt({
        kind: 'outcome-review',
        id: `outcome-review:ABC-${n}:o`,
        recipient: 'acc-ann',
        createdAt: T0 + n,
      }),
    );
    // 2 delivered this week + 2 escalations now leave room for 1 more of a cap of 5
    const { delivered } = deliver([...reviews, ...escalations], new Map([['acc-ann', 2]]), 5, NOW);
    expect(ids(delivered)).toEqual([...ids(escalations), 'outcome-review:ABC-1:o']);
    // 4 this week + 2 escalations: over the cap, and nothing else opens
    expect(ids(deliver([...reviews, ...escalations], new Map([['acc-ann', 4]]), 5, NOW).delivered)).toEqual(
      ids(escalations),
    );
  });

  it('holds back every kind but escalations', () => {
    expect(PromptKind.options.filter((k) => !heldByCap(k))).toEqual(['escalation']);
  });

  it('breaks ties by age, then by id', () => {
    const old = aQueuedPrompt({ id: 'outcome-review:ABC-9:o', createdAt: T0 });
    const b = aQueuedPrompt({ id: 'outcome-review:ABC-2:o', createdAt: T0 + DAY });
    const a = aQueuedPrompt({ id: 'outcome-review:ABC-1:o', createdAt: T0 + DAY });
    expect(ids(deliver([b, a, old], new Map(), 3, NOW).delivered)).toEqual([
      'outcome-review:ABC-9:o',
      'outcome-review:ABC-1:o',
      'outcome-review:ABC-2:o',
    ]);
  });

  it('gives a prompt delivered late its full time to answer', () => {
    const late = aQueuedPrompt({ createdAt: T0, dueAt: T0 + 7 * DAY });
    expect(deliver([late], new Map(), 5, NOW).delivered[0]!.dueAt).toBe(NOW + 7 * DAY);
  });

  it('never reopens a prompt that is not queued', () => {
    const answered = aPrompt({ state: 'answered' });
    const { delivered, waiting } = deliver([answered], new Map(), 5, NOW);
    expect(delivered).toEqual([]);
    expect(waiting).toEqual([answered]);
  });

  it('counts deliveries in the seven days up to now', () => {
    const prompts = [
      aPrompt({ recipient: 'acc-ann', deliveredAt: NOW }),
      aPrompt({ recipient: 'acc-ann', deliveredAt: NOW - CAP_WINDOW_MS + 1 }),
      aPrompt({ recipient: 'acc-ann', deliveredAt: NOW - CAP_WINDOW_MS }),
      aPrompt({ recipient: 'acc-bo', deliveredAt: NOW + 1 }),
      aQueuedPrompt({ recipient: 'acc-bo' }),
    ];
    expect(countRecentlyDelivered(prompts, NOW)).toEqual(new Map([['acc-ann', 2]]));
  });
});

describe('weekly cap, for any candidates', () => {
  const RECIPIENTS = ['acc-a', 'acc-b', 'acc-c'];
  const candidate = fc.record({
    kind: fc.constantFrom(...PromptKind.options),
    recipient: fc.constantFrom(...RECIPIENTS),
    createdAt: fc.integer({ min: T0 - 30 * DAY, max: T0 }),
    state: fc.constantFrom('queued', 'queued', 'queued', 'open', 'answered') as fc.Arbitrary<Prompt['state']>,
  });
  const candidates = fc
    .uniqueArray(fc.tuple(fc.stringMatching(/^[a-z0-9-]{1,6}$/), candidate), { selector: ([id]) => id, maxLength: 30 })
    .map((rows) =>
      rows.map(([id, c]) => aPrompt({ ...c, id: `${c.kind}:${id}`, deliveredAt: c.state === 'queued' ? null : T0 })),
    );
  /** The candidates, and the same candidates in another order. */
  const withShuffle = candidates.chain((c) =>
    fc.tuple(fc.constant(c), fc.shuffledSubarray(c, { minLength: c.length, maxLength: c.length })),
  );
  const recent = fc
    .tuple(...RECIPIENTS.map(() => fc.nat({ max: 8 })))
    .map((counts) => new Map(RECIPIENTS.map((r, i) => [r, counts[i]!])));
  const cap = fc.integer({ min: 1, max: 6 });

  it('always delivers escalations, never gives a person more of the other kinds than the cap leaves, loses nothing, and does not depend on the input order', () => {
    fc.assert(
      fc.property(withShuffle, recent, cap, ([cands, shuffled], recentlyDelivered, cap) => {
        const { delivered, waiting } = deliver(cands, recentlyDelivered, cap, T0);

        // Nothing lost, nothing twice: delivered ∪ waiting = candidates.
        expect([...ids(delivered), ...ids(waiting)].sort()).toEqual(ids(cands).sort());
        for (const p of waiting) expect(p).toBe(cands.find((c) => c.id === p.id));
        for (const p of delivered) {
          const before = cands.find((c) => c.id === p.id)!;
          expect(before.state).toBe('queued');
          expect(p).toEqual({
            ...before,
            state: 'open',
            deliveredAt: T0,
            dueAt: T0 + (before.dueAt - before.createdAt),
          });
        }

        // Escalations are always delivered, whatever the cap and the week so far.
        for (const c of cands)
          if (c.kind === 'escalation' && c.state === 'queued') expect(ids(delivered)).toContain(c.id);

        for (const r of RECIPIENTS) {
          const mine = delivered.filter((p) => p.recipient === r);
          const escalations = mine.filter((p) => p.kind === 'escalation').length;
          const others = mine.filter((p) => p.kind !== 'escalation');
          // The other kinds never go over the cap, counting the escalations delivered with them.
          const budget = Math.max(0, cap - recentlyDelivered.get(r)! - escalations);
          expect(others.length).toBeLessThanOrEqual(budget);
          if (others.length > 0) expect(recentlyDelivered.get(r)! + mine.length).toBeLessThanOrEqual(cap);
          // The cap is used, not wasted: someone with queued prompts left got their whole budget.
          const queuedLeft = waiting.filter((p) => p.recipient === r && p.state === 'queued');
          if (queuedLeft.length > 0) expect(others.length).toBe(budget);
          // The most urgent went first.
          const rank = (p: Prompt) =>
            ['escalation', 'check-in-due', 'outcome-review', 'period-review', 'alignment-gap'].indexOf(p.kind);
          for (const d of mine) for (const w of queuedLeft) expect(rank(d) <= rank(w)).toBe(true);
        }

        expect(deliver(shuffled, recentlyDelivered, cap, T0)).toEqual({ delivered, waiting });
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every person within the cap in any seven days, over weeks of daily runs, but for escalations, which never wait', () => {
    const arrivals = fc.array(
      fc.array(fc.tuple(fc.constantFrom(...PromptKind.options), fc.constantFrom(...RECIPIENTS)), { maxLength: 6 }),
      {
        minLength: 1,
        maxLength: 40,
      },
    );
    const runEvery = fc.integer({ min: DAY / 4, max: 3 * DAY });
    fc.assert(
      fc.property(arrivals, cap, runEvery, (days, cap, step) => {
        let queue: Prompt[] = [];
        const deliveredAll: Prompt[] = [];
        let now = T0;
        days.forEach((arrived, day) => {
          now += step;
          queue.push(
            ...arrived.map(([kind, recipient], i) =>
              aQueuedPrompt({ id: `${kind}:${day}:${i}`, kind, recipient, createdAt: now }),
            ),
          );
          const { delivered, waiting } = deliver(queue, countRecentlyDelivered(deliveredAll, now), cap, now);
          // an escalation reaches the inbox on the run that raised it
          expect(waiting.filter((p) => p.kind === 'escalation')).toEqual([]);
          deliveredAll.push(...delivered);
          queue = waiting;
        });
        // whenever one of the other kinds opened, the person's seven days up to then hold at most `cap`, escalations included
        for (const p of deliveredAll.filter((q) => q.kind !== 'escalation')) {
          const inWindow = deliveredAll.filter(
            (q) =>
              q.recipient === p.recipient &&
              q.deliveredAt! > p.deliveredAt! - CAP_WINDOW_MS &&
              q.deliveredAt! <= p.deliveredAt!,
          );
          expect(inWindow.length).toBeLessThanOrEqual(cap);
        }
        expect(new Set(ids(deliveredAll)).size).toBe(deliveredAll.length);
      }),
      { numRuns: 200 },
    );
  });
});

describe('prompts waiting under the cap', () => {
  /** Delivered to acc-ann `daysAgo` days before NOW (an open prompt; the state does not matter to the cap). */
  const deliveredDaysAgo = (daysAgo: number, over: Partial<Prompt> = {}) =>
    aPrompt({ recipient: 'acc-ann', deliveredAt: NOW - daysAgo * DAY, ...over });
  const fullWeek = () => [6, 5, 4, 3, 1].map((d) => deliveredDaysAgo(d));
  const review = (n: number, over: Partial<Prompt> = {}) =>
    aQueuedPrompt({
      kind: 'period-review',
      id: `period-review:q4:O-${n}`,
      recipient: 'acc-ann',
      createdAt: NOW - DAY + n,
      ...over,
    });

  it('counts what the cap holds back, and says when the seven days next have room: when the oldest delivery leaves them', () => {
    const prompts = [...fullWeek(), review(1), review(2)];
    expect(waitingUnderCap(prompts, 5, NOW)).toEqual({ count: 2, nextAt: NOW + DAY });
    // one after the other: the second when the next-oldest delivery leaves the seven days
    expect(openingTimes(prompts, 5, NOW)).toEqual(
      new Map([
        ['period-review:q4:O-1', NOW + DAY],
        ['period-review:q4:O-2', NOW + 2 * DAY],
      ]),
    );
  });

  it('counts an escalation over the cap: the next waits for one more delivery to leave the seven days', () => {
    const prompts = [...fullWeek(), deliveredDaysAgo(0, { kind: 'escalation' }), review(1)];
    expect(waitingUnderCap(prompts, 5, NOW)).toEqual({ count: 1, nextAt: NOW + 2 * DAY });
  });

  it('does not count a queued escalation as held back, but counts it toward the week', () => {
    const escalation = aQueuedPrompt({
      kind: 'escalation',
      id: 'escalation:O-1:acc-ann:off-track:2026-W41',
      recipient: 'acc-ann',
    });
    expect(waitingUnderCap([...fullWeek(), escalation], 5, NOW)).toEqual({ count: 0, nextAt: null });
    expect(openingTimes([...fullWeek(), escalation, review(1)], 5, NOW)).toEqual(
      new Map([
        [escalation.id, NOW],
        ['period-review:q4:O-1', NOW + 2 * DAY],
      ]),
    );
  });

  it('says now when the week has room already (the next run delivers), and nothing when nothing waits', () => {
    expect(waitingUnderCap([deliveredDaysAgo(1), review(1)], 5, NOW)).toEqual({ count: 1, nextAt: NOW });
    expect(waitingUnderCap(fullWeek(), 5, NOW)).toEqual({ count: 0, nextAt: null });
    expect(waitingUnderCap([], 5, NOW)).toEqual({ count: 0, nextAt: null });
  });

  it('forgets deliveries older than seven days', () => {
    const prompts = [deliveredDaysAgo(8), deliveredDaysAgo(7), ...[3, 2, 1].map((d) => deliveredDaysAgo(d)), review(1)];
    expect(waitingUnderCap(prompts, 3, NOW)).toEqual({ count: 1, nextAt: NOW + 4 * DAY });
  });

  it('narrowed to some prompts (one issue), counts those and says when the first of them can open, behind more urgent ones', () => {
    const outcome = aQueuedPrompt({
      kind: 'outcome-review',
      id: 'outcome-review:ABC-7:O-1',
      recipient: 'acc-ann',
      subject: { type: 'issue', issueKey: 'ABC-7', objectiveId: 'O-1' },
    });
    const gap = aQueuedPrompt({
      kind: 'alignment-gap',
      id: 'alignment-gap:wg:acc-ann:2026-W41',
      recipient: 'acc-ann',
      subject: { type: 'workgroup', workgroupId: 'wg', issueKeys: ['ABC-7'] },
    });
    const prompts = [...fullWeek(), gap, review(1), outcome];
    const aboutAbc7 = (p: Prompt) =>
      (p.subject.type === 'issue' && p.subject.issueKey === 'ABC-7') ||
      (p.subject.type === 'workgroup' && p.subject.issueKeys.includes('ABC-7'));
    // outcome review (day 1), period review (day 2), alignment gap (day 3)
    expect(waitingUnderCap(prompts, 5, NOW, aboutAbc7)).toEqual({ count: 2, nextAt: NOW + DAY });
    expect(waitingUnderCap(prompts, 5, NOW, (p) => p.kind === 'alignment-gap')).toEqual({
      count: 1,
      nextAt: NOW + 3 * DAY,
    });
  });
});

describe('prompts waiting under the cap, for any week', () => {
  const history = fc.array(fc.integer({ min: 0, max: 10 * DAY }), { maxLength: 12 });
  const queued = fc.array(fc.tuple(fc.constantFrom(...PromptKind.options), fc.integer({ min: 0, max: 5 * DAY })), {
    maxLength: 10,
  });
  const cap = fc.integer({ min: 1, max: 6 });

  it('foresees exactly when `deliver`, run then, opens each queued prompt, and that nothing held back opens sooner', () => {
    fc.assert(
      fc.property(history, queued, cap, (agesAgo, queue, cap) => {
        const past = agesAgo.map((ago, i) =>
          aPrompt({ id: `outcome-review:past-${i}`, recipient: 'acc-ann', deliveredAt: NOW - ago, state: 'answered' }),
        );
        const waiting = queue.map(([kind, ago], i) =>
          aQueuedPrompt({ id: `${kind}:w-${i}`, kind, recipient: 'acc-ann', createdAt: NOW - ago }),
        );
        const times = openingTimes([...past, ...waiting], cap, NOW);
        expect([...times.keys()].sort()).toEqual(ids(waiting).sort());

        // the inbox's figures: the held-back ones, and the first time one of them opens
        const held = waiting.filter((p) => heldByCap(p.kind));
        expect(waitingUnderCap([...past, ...waiting], cap, NOW)).toEqual({
          count: held.length,
          nextAt: held.length === 0 ? null : Math.min(...held.map((p) => times.get(p.id)!)),
        });

        // run `deliver` at each foreseen time (and just before it): it opens those foreseen then, and only those
        let all: Prompt[] = past;
        let left: Prompt[] = waiting;
        let previous = NOW - 1;
        for (const t of [...new Set(times.values())].sort((a, b) => a - b)) {
          expect(t).toBeGreaterThanOrEqual(NOW);
          if (t - 1 > previous)
            expect(deliver(left, countRecentlyDelivered(all, t - 1), cap, t - 1).delivered).toEqual([]);
          const run = deliver(left, countRecentlyDelivered(all, t), cap, t);
          expect(ids(run.delivered).sort()).toEqual(ids(left.filter((p) => times.get(p.id) === t)).sort());
          all = [...all, ...run.delivered];
          left = run.waiting;
          previous = t;
        }
        expect(left).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

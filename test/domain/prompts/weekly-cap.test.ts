import fc from 'fast-check';
import { PromptKind, type Prompt } from '../../../src/contract';
import { CAP_WINDOW_MS, countRecentlyDelivered, deliver } from '../../../src/domain/prompts';
import { aPrompt, aQueuedPrompt, DAY, T0 } from '../../support/prompt-builders';

const NOW = T0 + 10 * DAY;
const ids = (prompts: Prompt[]) => prompts.map((p) => p.id);

describe('weekly cap', () => {
  it('opens queued prompts up to the cap, the rest keep waiting', () => {
    const candidates = [1, 2, 3].map((n) => aQueuedPrompt({ id: `outcome-review:ABC-${n}:obj-a`, recipient: 'acc-ann', createdAt: T0 + n }));
    const { delivered, waiting } = deliver(candidates, new Map(), 2, NOW);
    expect(ids(delivered)).toEqual(['outcome-review:ABC-1:obj-a', 'outcome-review:ABC-2:obj-a']);
    expect(ids(waiting)).toEqual(['outcome-review:ABC-3:obj-a']);
    for (const p of delivered) expect(p).toMatchObject({ state: 'open', deliveredAt: NOW });
    expect(waiting[0]).toEqual(candidates[2]);
  });

  it('counts what the person already received this week', () => {
    const candidates = [aQueuedPrompt({ recipient: 'acc-ann' }), aQueuedPrompt({ recipient: 'acc-bo' })];
    const { delivered } = deliver(candidates, new Map([['acc-ann', 5], ['acc-bo', 4]]), 5, NOW);
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

  it('breaks ties by age, then by id', () => {
    const old = aQueuedPrompt({ id: 'outcome-review:ABC-9:o', createdAt: T0 });
    const b = aQueuedPrompt({ id: 'outcome-review:ABC-2:o', createdAt: T0 + DAY });
    const a = aQueuedPrompt({ id: 'outcome-review:ABC-1:o', createdAt: T0 + DAY });
    expect(ids(deliver([b, a, old], new Map(), 3, NOW).delivered)).toEqual(['outcome-review:ABC-9:o', 'outcome-review:ABC-1:o', 'outcome-review:ABC-2:o']);
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
    .uniqueArray(fc.tuple(fc.string({ minLength: 1, maxLength: 6 }), candidate), { selector: ([id]) => id, maxLength: 30 })
    .map((rows) => rows.map(([id, c]) => aPrompt({ ...c, id: `${c.kind}:${id}`, deliveredAt: c.state === 'queued' ? null : T0 })));
  /** The candidates, and the same candidates in another order. */
  const withShuffle = candidates.chain((c) => fc.tuple(fc.constant(c), fc.shuffledSubarray(c, { minLength: c.length, maxLength: c.length })));
  const recent = fc.tuple(...RECIPIENTS.map(() => fc.nat({ max: 8 }))).map((counts) => new Map(RECIPIENTS.map((r, i) => [r, counts[i]!])));
  const cap = fc.integer({ min: 1, max: 6 });

  it('never gives a person more than the cap, loses nothing, and does not depend on the input order', () => {
    fc.assert(
      fc.property(withShuffle, recent, cap, ([cands, shuffled], recentlyDelivered, cap) => {
        const { delivered, waiting } = deliver(cands, recentlyDelivered, cap, T0);

        // Nothing lost, nothing twice: delivered ∪ waiting = candidates.
        expect([...ids(delivered), ...ids(waiting)].sort()).toEqual(ids(cands).sort());
        for (const p of waiting) expect(p).toBe(cands.find((c) => c.id === p.id));
        for (const p of delivered) {
          const before = cands.find((c) => c.id === p.id)!;
          expect(before.state).toBe('queued');
          expect(p).toEqual({ ...before, state: 'open', deliveredAt: T0, dueAt: T0 + (before.dueAt - before.createdAt) });
        }

        for (const r of RECIPIENTS) {
          const budget = Math.max(0, cap - recentlyDelivered.get(r)!);
          const mine = delivered.filter((p) => p.recipient === r);
          const queuedLeft = waiting.filter((p) => p.recipient === r && p.state === 'queued');
          expect(mine.length).toBeLessThanOrEqual(budget);
          // The cap is used, not wasted: someone with queued prompts left got their whole budget.
          if (queuedLeft.length > 0) expect(mine.length).toBe(budget);
          // The most urgent went first.
          const rank = (p: Prompt) => ['escalation', 'check-in-due', 'outcome-review', 'period-review', 'alignment-gap'].indexOf(p.kind);
          for (const d of mine) for (const w of queuedLeft) expect(rank(d) <= rank(w)).toBe(true);
        }

        expect(deliver(shuffled, recentlyDelivered, cap, T0)).toEqual({ delivered, waiting });
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every person within the cap in any seven days, over weeks of daily runs', () => {
    const arrivals = fc.array(fc.array(fc.tuple(fc.constantFrom(...PromptKind.options), fc.constantFrom(...RECIPIENTS)), { maxLength: 6 }), {
      minLength: 1,
      maxLength: 40,
    });
    const runEvery = fc.integer({ min: DAY / 4, max: 3 * DAY });
    fc.assert(
      fc.property(arrivals, cap, runEvery, (days, cap, step) => {
        let queue: Prompt[] = [];
        const deliveredAll: Prompt[] = [];
        let now = T0;
        days.forEach((arrived, day) => {
          now += step;
          queue.push(...arrived.map(([kind, recipient], i) => aQueuedPrompt({ id: `${kind}:${day}:${i}`, kind, recipient, createdAt: now })));
          const { delivered, waiting } = deliver(queue, countRecentlyDelivered(deliveredAll, now), cap, now);
          deliveredAll.push(...delivered);
          queue = waiting;
        });
        for (const p of deliveredAll) {
          const inWindow = deliveredAll.filter(
            (q) => q.recipient === p.recipient && q.deliveredAt! > p.deliveredAt! - CAP_WINDOW_MS && q.deliveredAt! <= p.deliveredAt!,
          );
          expect(inWindow.length).toBeLessThanOrEqual(cap);
        }
        expect(new Set(ids(deliveredAll)).size).toBe(deliveredAll.length);
      }),
      { numRuns: 200 },
    );
  });
});

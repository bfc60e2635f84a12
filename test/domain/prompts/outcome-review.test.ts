import fc from 'fast-check';
import { Prompt, type IssueState, type ObjectiveStatus } from '../../../src/contract';
import { outcomeReviewPrompts, type ServedObjective } from '../../../src/domain/prompts/outcome-review';
import { anIssue } from '../../support/builders';
import { aPromptPolicy, DAY, onlyEnabled, T0 } from '../../support/prompt-builders';

const NOW = T0 + 3 * DAY;
const policy = aPromptPolicy();
const served: ServedObjective[] = [{ objectiveId: 'obj-growth', status: 'active', title: 'Grow activation' }];

function closed(over: Partial<IssueState> = {}) {
  return anIssue({
    key: 'ABC-12',
    statusCategory: 'done',
    assignee: 'acc-ann',
    reporter: 'acc-rob',
    updated: NOW,
    ...over,
  });
}
const inProgress = anIssue({
  key: 'ABC-12',
  statusCategory: 'indeterminate',
  assignee: 'acc-ann',
  reporter: 'acc-rob',
});

describe('outcome review', () => {
  it('asks the assignee of a finished issue whether it delivered what the objective needed', () => {
    const [prompt, ...rest] = outcomeReviewPrompts({ previous: inProgress, next: closed(), served, policy, now: NOW });
    expect(rest).toEqual([]);
    expect(prompt).toEqual({
      id: 'outcome-review:ABC-12:obj-growth',
      kind: 'outcome-review',
      recipient: 'acc-ann',
      subject: { type: 'issue', issueKey: 'ABC-12', objectiveId: 'obj-growth' },
      reason: "ABC-12 is done: did it deliver what 'Grow activation' needed?",
      createdAt: NOW,
      dueAt: NOW + 7 * DAY,
      state: 'queued',
      snoozedUntil: null,
      dismissReason: null,
      answer: null,
      answeredAt: null,
      closedAt: null,
      deliveredAt: null,
    });
    expect(Prompt.parse(prompt)).toEqual(prompt);
  });

  it('asks the reporter when nobody is assigned, and nobody when neither is known', () => {
    const toReporter = outcomeReviewPrompts({
      previous: inProgress,
      next: closed({ assignee: null }),
      served,
      policy,
      now: NOW,
    });
    expect(toReporter.map((p) => p.recipient)).toEqual(['acc-rob']);
    const toNobody = outcomeReviewPrompts({
      previous: inProgress,
      next: closed({ assignee: null, reporter: null }),
      served,
      policy,
      now: NOW,
    });
    expect(toNobody).toEqual([]);
  });

  it('asks once per objective served, skipping draft and cancelled objectives and repeated entries', () => {
    const prompts = outcomeReviewPrompts({
      previous: inProgress,
      next: closed(),
      served: [
        { objectiveId: 'obj-a', status: 'active' },
        { objectiveId: 'obj-b', status: 'done' },
        { objectiveId: 'obj-c', status: 'draft' },
        { objectiveId: 'obj-d', status: 'cancelled' },
        { objectiveId: 'obj-a', status: 'active' },
      ],
      policy,
      now: NOW,
    });
    expect(prompts.map((p) => p.id)).toEqual(['outcome-review:ABC-12:obj-a', 'outcome-review:ABC-12:obj-b']);
    // Without a title the reason names the objective by id.
    expect(prompts[0]!.reason).toBe("ABC-12 is done: did it deliver what 'obj-a' needed?");
  });

  it('asks for an issue first seen already done', () => {
    expect(outcomeReviewPrompts({ previous: null, next: closed(), served, policy, now: NOW })).toHaveLength(1);
  });

  it('does not ask again while the issue stays done, nor for issues that are not done', () => {
    expect(
      outcomeReviewPrompts({
        previous: closed(),
        next: closed({ summary: 'renamed', updated: NOW + 1 }),
        served,
        policy,
        now: NOW,
      }),
    ).toEqual([]);
    expect(outcomeReviewPrompts({ previous: null, next: inProgress, served, policy, now: NOW })).toEqual([]);
    expect(
      outcomeReviewPrompts({ previous: closed(), next: { ...inProgress, updated: NOW + 1 }, served, policy, now: NOW }),
    ).toEqual([]);
  });

  it('gives the same prompt id when the issue is closed again after a reopen', () => {
    const first = outcomeReviewPrompts({ previous: inProgress, next: closed(), served, policy, now: NOW });
    const reopened = { ...inProgress, updated: NOW + DAY };
    const second = outcomeReviewPrompts({
      previous: reopened,
      next: closed({ updated: NOW + 2 * DAY }),
      served,
      policy,
      now: NOW + 2 * DAY,
    });
    expect(second.map((p) => p.id)).toEqual(first.map((p) => p.id));
  });

  it('ignores an event older than the state already kept', () => {
    const newer = { ...inProgress, updated: NOW + DAY };
    expect(
      outcomeReviewPrompts({ previous: newer, next: closed({ updated: NOW }), served, policy, now: NOW + DAY }),
    ).toEqual([]);
  });

  it('asks nothing when outcome reviews are switched off', () => {
    const off = aPromptPolicy({ enabled: { 'outcome-review': false } });
    expect(outcomeReviewPrompts({ previous: inProgress, next: closed(), served, policy: off, now: NOW })).toEqual([]);
    expect(
      outcomeReviewPrompts({
        previous: inProgress,
        next: closed(),
        served,
        policy: onlyEnabled('outcome-review'),
        now: NOW,
      }),
    ).toHaveLength(1);
  });

  it('gives the recipient answerWithinDays to answer', () => {
    const [prompt] = outcomeReviewPrompts({
      previous: inProgress,
      next: closed(),
      served,
      policy: aPromptPolicy({ answerWithinDays: 3 }),
      now: NOW,
    });
    expect(prompt!.dueAt - prompt!.createdAt).toBe(3 * DAY);
  });
});

describe('outcome review, under any sequence of issue events', () => {
  const ISSUES = ['ABC-1', 'ABC-2', 'XYZ-10'];
  const OBJECTIVES = ['obj-1', 'obj-2', 'obj-3'];
  const people = fc.option(fc.constantFrom('acc-a', 'acc-b'), { nil: null });

  /** Which objectives each issue serves, and each objective's status. */
  const world = fc.record({
    served: fc.tuple(...ISSUES.map(() => fc.subarray(OBJECTIVES))),
    status: fc.tuple(...OBJECTIVES.map(() => fc.constantFrom<ObjectiveStatus>('draft', 'active', 'done', 'cancelled'))),
  });
  const event = fc.record({
    issue: fc.nat({ max: ISSUES.length - 1 }),
    statusCategory: fc.constantFrom('new', 'indeterminate', 'done', 'done') as fc.Arbitrary<
      IssueState['statusCategory']
    >,
    assignee: people,
    reporter: people,
    /** Deliver the same event twice, as two jobs running at once would. */
    twice: fc.boolean(),
  });

  it('never yields two prompts for one issue and objective; one for every pair that reached done with someone to ask', () => {
    fc.assert(
      fc.property(
        world,
        fc.array(event, { maxLength: 40 }),
        fc.boolean(),
        ({ served, status }, events, fixedPeople) => {
          const servedBy = (i: number): ServedObjective[] =>
            served[i]!.map((id) => ({ objectiveId: id, status: status[OBJECTIVES.indexOf(id)]! }));
          const state = new Map<number, IssueState>();
          const prompts = new Map<string, Prompt>();
          const expected = new Set<string>();
          const everDone = new Set<string>();
          let now = T0;

          for (const e of events) {
            now += 60_000;
            const previous = state.get(e.issue) ?? null;
            // In one variant each issue keeps its assignee and reporter, in the other they change freely.
            const assignee = fixedPeople ? (e.issue === 0 ? null : 'acc-a') : e.assignee;
            const reporter = fixedPeople ? (e.issue === 2 ? 'acc-b' : null) : e.reporter;
            const next = anIssue({
              key: ISSUES[e.issue]!,
              statusCategory: e.statusCategory,
              assignee,
              reporter,
              updated: now,
            });
            state.set(e.issue, next);
            for (let run = 0; run < (e.twice ? 2 : 1); run++) {
              const out = outcomeReviewPrompts({ previous, next, served: servedBy(e.issue), policy, now });
              expect(new Set(out.map((p) => p.id)).size).toBe(out.length);
              for (const p of out) if (!prompts.has(p.id)) prompts.set(p.id, p);
            }
            // The model: a pair is asked about once it newly reaches done with an assignee or reporter.
            const newlyDone = next.statusCategory === 'done' && previous?.statusCategory !== 'done';
            if (newlyDone && (assignee ?? reporter) !== null)
              for (const o of servedBy(e.issue))
                if (o.status === 'active' || o.status === 'done') expected.add(`${next.key}|${o.objectiveId}`);
            if (next.statusCategory === 'done' && (assignee ?? reporter) !== null)
              for (const o of servedBy(e.issue))
                if (o.status === 'active' || o.status === 'done') everDone.add(`${next.key}|${o.objectiveId}`);
          }

          const pairs = new Set(
            [...prompts.values()].map((p) =>
              p.subject.type === 'issue' ? `${p.subject.issueKey}|${p.subject.objectiveId}` : '?',
            ),
          );
          expect(prompts.size).toBe(pairs.size);
          expect(pairs).toEqual(expected);
          // With each issue's people fixed, that is every pair that was ever done with someone to ask.
          if (fixedPeople) expect(pairs).toEqual(everDone);
          for (const p of prompts.values())
            expect(p.id).toBe(
              `outcome-review:${p.subject.type === 'issue' ? `${p.subject.issueKey}:${p.subject.objectiveId}` : '?'}`,
            );
        },
      ),
      { numRuns: 300 },
    );
  });
});

import type { Prompt } from '../../../src/contract';
import { VersionConflict } from '../../../src/app/app-failure';
import { raisePrompts, releasePrompts } from '../../../src/app/prompts/raise-prompts';
import { outcomeReviewPrompts } from '../../../src/domain/prompts/outcome-review';
import { DEFAULT_PROMPT_POLICY } from '../../../src/contract';
import { anIssue, T0 } from '../../support/builders';
import { aPrompt, aQueuedPrompt, DAY } from '../../support/prompt-builders';
import type { PromptStore } from '../../../src/ports';

/** Every recipient may see what the prompts are about (who may is tested in test/resolvers/prompt-visibility.test.ts). */
const EVERYONE = { mayReceive: async (p: readonly Prompt[]) => [...p] };

function memoryPrompts(): PromptStore & { all: Map<string, Prompt> } {
  const all = new Map<string, Prompt>();
  return {
    all,
    async createMissing(prompts) {
      const created = prompts.filter((p) => !all.has(p.id));
      for (const p of created) all.set(p.id, p);
      return created;
    },
    async ofRecipient(recipient) {
      return [...all.values()].filter((p) => p.recipient === recipient);
    },
    async get(id) {
      return all.get(id) ?? null;
    },
    async getMany(ids) {
      return new Map(ids.flatMap((id) => (all.has(id) ? [[id, all.get(id)!] as const] : [])));
    },
    async inState(state) {
      return [...all.values()].filter((p) => p.state === state);
    },
    async answeredLatestDue(limit) {
      return [...all.values()]
        .filter((p) => p.state === 'answered')
        .sort((a, b) => b.dueAt - a.dueAt)
        .slice(0, limit);
    },
    async ofObjective(objectiveId) {
      return [...all.values()].filter((p) => p.subject.type !== 'workgroup' && p.subject.objectiveId === objectiveId);
    },
    async aboutIssue(issueKey) {
      return [...all.values()].filter((p) => p.subject.type === 'issue' && p.subject.issueKey === issueKey);
    },
    async aboutWorkgroup(workgroupId) {
      return [...all.values()].filter((p) => p.subject.type === 'workgroup' && p.subject.workgroupId === workgroupId);
    },
    async update(prompts) {
      for (const p of prompts) all.set(p.id, p);
    },
  };
}

const done = (key: string) => anIssue({ key, statusCategory: 'done', assignee: 'acc-ann', updated: T0 + 1000 });
const candidatesFor = (key: string) =>
  outcomeReviewPrompts({
    previous: anIssue({ key, statusCategory: 'indeterminate' }),
    next: done(key),
    served: [{ objectiveId: 'O-1', status: 'active' }],
    policy: DEFAULT_PROMPT_POLICY,
    now: T0,
  });

describe('raising prompts', () => {
  it('opens at most five a week for one person; the rest wait, queued', async () => {
    const store = memoryPrompts();
    const candidates = Array.from({ length: 7 }, (_, i) => candidatesFor(`ABC-${i + 1}`)).flat();
    const { created, opened } = await raisePrompts(store, candidates, DEFAULT_PROMPT_POLICY, T0, EVERYONE);
    expect(created).toHaveLength(7);
    expect(opened).toHaveLength(5);
    expect([...store.all.values()].filter((p) => p.state === 'queued')).toHaveLength(2);
  });

  it('never makes a second prompt for the same event', async () => {
    const store = memoryPrompts();
    await raisePrompts(store, candidatesFor('ABC-1'), DEFAULT_PROMPT_POLICY, T0, EVERYONE);
    const again = await raisePrompts(store, candidatesFor('ABC-1'), DEFAULT_PROMPT_POLICY, T0 + 5000, EVERYONE);
    expect(again).toEqual({ created: [], opened: [] });
    expect(store.all.size).toBe(1);
  });
});

describe('raising an escalation for someone whose week is full', () => {
  const NOW = T0 + 30 * DAY;
  const LEAD = 'acc-lead';
  /** Five period reviews reached the lead in the last days: the weekly cap of 5 is used up. */
  const fullWeek = () =>
    [5, 4, 3, 2, 1].map((d) =>
      aPrompt({ kind: 'period-review', id: `period-review:q4:O-${d}`, recipient: LEAD, deliveredAt: NOW - d * DAY }),
    );
  const escalation = (over: Partial<Prompt> = {}) =>
    aQueuedPrompt({
      kind: 'escalation',
      id: `escalation:O-2:${LEAD}:confidence:2026-W44`,
      recipient: LEAD,
      subject: { type: 'objective', objectiveId: 'O-2' },
      createdAt: NOW,
      dueAt: NOW + 7 * DAY,
      ...over,
    });
  const review = () =>
    aQueuedPrompt({
      kind: 'outcome-review',
      id: 'outcome-review:ABC-9:O-2',
      recipient: LEAD,
      createdAt: NOW,
      dueAt: NOW + 7 * DAY,
    });
  const stateOf = (store: ReturnType<typeof memoryPrompts>, id: string) => store.all.get(id)?.state;

  it('opens the escalation at once; a prompt of another kind raised with it waits', async () => {
    const store = memoryPrompts();
    for (const p of fullWeek()) store.all.set(p.id, p);
    const { created, opened } = await raisePrompts(
      store,
      [review(), escalation()],
      DEFAULT_PROMPT_POLICY,
      NOW,
      EVERYONE,
    );
    expect(created).toHaveLength(2);
    expect(opened).toEqual([{ ...escalation(), state: 'open', deliveredAt: NOW }]);
    expect(stateOf(store, 'outcome-review:ABC-9:O-2')).toBe('queued');
  });

  it('opens an escalation stored by a run cut short before it was opened, when the event comes again', async () => {
    const store = memoryPrompts();
    for (const p of [...fullWeek(), escalation()]) store.all.set(p.id, p);
    const { created, opened } = await raisePrompts(
      store,
      [escalation()],
      DEFAULT_PROMPT_POLICY,
      NOW + 60_000,
      EVERYONE,
    );
    expect(created).toEqual([]);
    expect(opened.map((p) => p.id)).toEqual([escalation().id]);
    expect(stateOf(store, escalation().id)).toBe('open');
  });

  it('opens prompts just stored that the recipient query does not show yet (it is eventually consistent)', async () => {
    const store = memoryPrompts();
    for (const p of fullWeek().slice(0, 3)) store.all.set(p.id, p);
    const lagging: PromptStore = {
      ...store,
      ofRecipient: async (r) => (await store.ofRecipient(r)).filter((p) => p.state !== 'queued'),
    };
    const { opened } = await raisePrompts(
      lagging,
      [escalation(), review(), { ...review(), id: 'outcome-review:ABC-99:O-2', createdAt: NOW + 1 }],
      DEFAULT_PROMPT_POLICY,
      NOW,
      EVERYONE,
    );
    // the escalation, and one more under the cap (3 this week + the escalation + 1 = 5)
    expect(opened.map((p) => p.id)).toEqual([escalation().id, 'outcome-review:ABC-9:O-2']);
    expect(stateOf(store, 'outcome-review:ABC-99:O-2')).toBe('queued');
  });

  it('still opens the escalation when another job delivered to the same person meanwhile; the other kinds give way', async () => {
    const store = memoryPrompts();
    for (const p of fullWeek().slice(0, 3)) store.all.set(p.id, p);
    let conflicts = 1;
    const racing: PromptStore = {
      ...store,
      update: async (prompts) => {
        if (conflicts > 0) {
          conflicts -= 1;
          throw new VersionConflict('the prompt', 0, 1);
        }
        await store.update(prompts);
      },
    };
    const { opened } = await raisePrompts(racing, [escalation(), review()], DEFAULT_PROMPT_POLICY, NOW, EVERYONE);
    expect(opened.map((p) => p.id)).toEqual([escalation().id]);
    expect(stateOf(store, escalation().id)).toBe('open');
    expect(stateOf(store, 'outcome-review:ABC-9:O-2')).toBe('queued');
  });

  it('leaves the escalation to the hourly job after conflicts on every try, without failing the event; the job opens it', async () => {
    const store = memoryPrompts();
    const racing: PromptStore = {
      ...store,
      update: async () => Promise.reject(new VersionConflict('the prompt', 0, 1)),
    };
    await expect(raisePrompts(racing, [escalation()], DEFAULT_PROMPT_POLICY, NOW, EVERYONE)).resolves.toEqual({
      created: [escalation()],
      opened: [],
    });
    for (const p of fullWeek()) store.all.set(p.id, p);
    const { opened } = await releasePrompts(store, DEFAULT_PROMPT_POLICY, NOW + 3_600_000);
    expect(opened.map((p) => p.id)).toEqual([escalation().id]);
  });
});

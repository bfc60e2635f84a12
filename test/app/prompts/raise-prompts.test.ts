import type { Prompt } from '../../../src/contract';
import type { PromptStore } from '../../../src/app/prompts/prompt-store';
import { raisePrompts } from '../../../src/app/prompts/raise-prompts';
import { outcomeReviewPrompts } from '../../../src/domain/prompts/outcome-review';
import { DEFAULT_PROMPT_POLICY } from '../../../src/contract';
import { anIssue, T0 } from '../../support/builders';

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
      return [...all.values()].filter((p) => p.state === 'answered').sort((a, b) => b.dueAt - a.dueAt).slice(0, limit);
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
  outcomeReviewPrompts({ previous: anIssue({ key, statusCategory: 'indeterminate' }), next: done(key), served: [{ objectiveId: 'O-1', status: 'active' }], policy: DEFAULT_PROMPT_POLICY, now: T0 });

describe('raising prompts', () => {
  it('opens at most five a week for one person; the rest wait, queued', async () => {
    const store = memoryPrompts();
    const candidates = Array.from({ length: 7 }, (_, i) => candidatesFor(`ABC-${i + 1}`)).flat();
    const { created, opened } = await raisePrompts(store, candidates, DEFAULT_PROMPT_POLICY, T0);
    expect(created).toHaveLength(7);
    expect(opened).toHaveLength(5);
    expect([...store.all.values()].filter((p) => p.state === 'queued')).toHaveLength(2);
  });

  it('never makes a second prompt for the same event', async () => {
    const store = memoryPrompts();
    await raisePrompts(store, candidatesFor('ABC-1'), DEFAULT_PROMPT_POLICY, T0);
    const again = await raisePrompts(store, candidatesFor('ABC-1'), DEFAULT_PROMPT_POLICY, T0 + 5000);
    expect(again).toEqual({ created: [], opened: [] });
    expect(store.all.size).toBe(1);
  });
});

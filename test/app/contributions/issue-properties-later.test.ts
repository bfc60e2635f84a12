/**
 * After an objective's visibility changed, the `tether` property of the issues serving it must not
 * keep naming it: when Jira (or storage) refuses part-way, the whole rewrite goes to the job queue,
 * which Forge retries (rewriteNowOrLater, src/app/contributions/issue-properties.ts).
 */
import { rewriteNowOrLater } from '../../../src/app/contributions/issue-properties';
import type { JiraPort, PropertyQueue, RollupStore } from '../../../src/ports';

/** A store that holds no issue record: WEB-1 serves O-2 by its own link, and O-2 is public. */
const rollups = {
  getIssues: async () => new Map(),
  linksOn: async () => [{ objectiveId: 'O-2', keyResultId: null }],
  getRollups: async (ids: readonly string[]) => new Map(ids.map((id) => [id, { objective: { visibility: 'public' } }])),
} as unknown as RollupStore;
const contributions = { ofObjective: async () => [{ issueKey: 'WEB-1' }] } as never;

function fakes(jiraAnswers: 'ok' | 'busy') {
  const written: string[] = [];
  const queued: string[] = [];
  const warned: string[] = [];
  const jira: Pick<JiraPort, 'setIssueProperty'> = {
    setIssueProperty: async (key) => {
      if (jiraAnswers === 'busy') throw new Error('Jira answered 429: too many requests');
      written.push(key);
    },
  };
  const queue: PropertyQueue = {
    push: async () => undefined,
    pushObjective: async (id) => void queued.push(id),
  };
  const log = { warn: (message: string) => void warned.push(message) };
  return { jira, queue, log, written, queued, warned };
}

describe('rewriting the properties of an objective now, or later', () => {
  it('writes them now when Jira answers, and queues nothing', async () => {
    const f = fakes('ok');
    expect(await rewriteNowOrLater(f.jira, rollups, f.queue, contributions, 'O-2', f.log)).toBe(true);
    expect(f.written).toEqual(['WEB-1']);
    expect(f.queued).toEqual([]);
  });

  it('queues the whole rewrite of the objective when Jira refuses, and says so in the log', async () => {
    const f = fakes('busy');
    expect(await rewriteNowOrLater(f.jira, rollups, f.queue, contributions, 'O-2', f.log)).toBe(false);
    expect(f.queued).toEqual(['O-2']);
    expect(f.warned).toHaveLength(1);
  });

  it('passes on a refusal of the queue too, for the caller to log', async () => {
    const f = fakes('busy');
    const queue: PropertyQueue = {
      push: async () => undefined,
      pushObjective: async () => {
        throw new Error('the queue is unavailable');
      },
    };
    await expect(rewriteNowOrLater(f.jira, rollups, queue, contributions, 'O-2', f.log)).rejects.toThrow(
      'the queue is unavailable',
    );
  });
});

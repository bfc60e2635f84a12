import { Prompt, type Confidence, type RollupStatus } from '../../../src/contract';
import { escalationPrompts, whyOffTrack, type EscalationInput } from '../../../src/domain/prompts/escalation';
import { anObjective } from '../../support/builders';
import { aPromptPolicy, aRollupRecord, aWorkgroup, DAY } from '../../support/prompt-builders';

const NOW = Date.parse('2026-11-18T10:00:00Z'); // a Wednesday in 2026-W47
const parent = anObjective({ id: 'obj-org', owner: 'acc-vp', levelId: 'strategic' });
const workgroup = aWorkgroup({ id: 'wg-a', leads: ['acc-lead', 'acc-lead2'] });
const objective = anObjective({
  id: 'obj-team',
  title: 'Faster onboarding',
  owner: 'acc-owner',
  parentId: parent.id,
  workgroupId: workgroup.id,
});

const record = (status: RollupStatus, confidence: Confidence | null = 'high') =>
  aRollupRecord({ objectiveId: objective.id, status, confidence, progress: 0.44, expected: 0.8 });

function escalate(over: Partial<EscalationInput> = {}) {
  return escalationPrompts({
    objective,
    previous: record('at-risk', 'medium'),
    next: record('off-track', 'medium'),
    parent,
    workgroup,
    policy: aPromptPolicy(),
    now: NOW,
    ...over,
  });
}

describe('escalation', () => {
  it('asks the parent objective owner and every workgroup lead when an objective turns off track', () => {
    const prompts = escalate();
    expect(prompts.map((p) => p.recipient)).toEqual(['acc-vp', 'acc-lead', 'acc-lead2']);
    expect(prompts.map((p) => p.id)).toEqual([
      'escalation:obj-team:acc-vp:off-track:2026-W47',
      'escalation:obj-team:acc-lead:off-track:2026-W47',
      'escalation:obj-team:acc-lead2:off-track:2026-W47',
    ]);
    expect(prompts[0]).toMatchObject({
      kind: 'escalation',
      subject: { type: 'objective', objectiveId: 'obj-team' },
      state: 'queued',
      createdAt: NOW,
      dueAt: NOW + 7 * DAY,
      reason:
        "'Faster onboarding' turned off track (44% done at 80% of the period): keep course, or adjust the target, the scope or the plan?",
    });
    for (const p of prompts) expect(Prompt.parse(p)).toEqual(p);
  });

  it('says why it is off track in the words of its figures: behind the pace, a low confidence, or both', () => {
    const why = (over: Partial<ReturnType<typeof record>>) =>
      whyOffTrack({ ...record('off-track', 'medium'), ...over });
    expect(why({})).toBe('44% done at 80% of the period');
    expect(why({ confidence: 'low', progress: 0.7, expected: 0.72 })).toBe(
      '70% done at 72% of the period; confidence low',
    );
    expect(why({ confidence: 'low', progress: null })).toBe('confidence low');
    expect(escalate({ next: { ...record('off-track', 'low'), progress: null } })[0]!.reason).toMatch(
      /^'Faster onboarding' turned off track \(confidence low\): keep course/,
    );
  });

  it('escalates a first record that is already off track', () => {
    expect(escalate({ previous: null })).toHaveLength(3);
  });

  it('does not ask again while the objective stays off track', () => {
    expect(escalate({ previous: record('off-track', 'medium') })).toEqual([]);
  });

  it('escalates a confidence drop from high to low, but not a one-step drop', () => {
    const drop = escalate({ previous: record('on-track', 'high'), next: record('at-risk', 'low') });
    expect(drop.map((p) => p.id)).toContain('escalation:obj-team:acc-vp:confidence:2026-W47');
    expect(drop[0]!.reason).toBe(
      "Confidence in 'Faster onboarding' dropped from high to low: keep course, or adjust the target, the scope or the plan?",
    );
    expect(escalate({ previous: record('on-track', 'high'), next: record('at-risk', 'medium') })).toEqual([]);
    expect(escalate({ previous: record('at-risk', 'medium'), next: record('at-risk', 'low') })).toEqual([]);
    expect(escalate({ previous: record('on-track', null), next: record('at-risk', 'low') })).toEqual([]);
  });

  it('asks once, as off track, when the drop to low confidence also puts the objective off track', () => {
    const prompts = escalate({ previous: record('on-track', 'high'), next: record('off-track', 'low') });
    expect(prompts.map((p) => p.id)).toEqual([
      'escalation:obj-team:acc-vp:off-track:2026-W47',
      'escalation:obj-team:acc-lead:off-track:2026-W47',
      'escalation:obj-team:acc-lead2:off-track:2026-W47',
    ]);
  });

  it('asks each person once: a lead who owns the parent, or the objective owner who is also a lead', () => {
    const wg = aWorkgroup({ leads: ['acc-vp', 'acc-owner', 'acc-owner'] });
    expect(escalate({ workgroup: wg }).map((p) => p.recipient)).toEqual(['acc-vp', 'acc-owner']);
  });

  it('asks only whoever there is: no parent, no workgroup, or neither', () => {
    expect(escalate({ parent: null }).map((p) => p.recipient)).toEqual(['acc-lead', 'acc-lead2']);
    expect(escalate({ workgroup: null }).map((p) => p.recipient)).toEqual(['acc-vp']);
    expect(escalate({ parent: null, workgroup: null })).toEqual([]);
  });

  it('asks again in a later ISO week, with a new id, but not twice in the same week', () => {
    const sameWeek = escalate({ now: Date.parse('2026-11-22T23:00:00Z') });
    const nextWeek = escalate({ now: Date.parse('2026-11-23T00:00:00Z') });
    expect(sameWeek.map((p) => p.id)).toEqual(escalate().map((p) => p.id));
    expect(nextWeek[0]!.id).toBe('escalation:obj-team:acc-vp:off-track:2026-W48');
  });

  it('does not escalate objectives that are not active, nor when escalations are switched off', () => {
    for (const status of ['draft', 'done', 'cancelled'] as const)
      expect(escalate({ objective: { ...objective, status } })).toEqual([]);
    expect(escalate({ policy: aPromptPolicy({ enabled: { escalation: false } }) })).toEqual([]);
  });
});

import { Prompt } from '../../../src/contract';
import { alignmentGapPrompts, narrowGap, type AlignmentGapInput } from '../../../src/domain/prompts/alignment-gap';
import { aPromptPolicy, aWorkgroup } from '../../support/prompt-builders';

const NOW = Date.parse('2026-11-18T10:00:00Z'); // 2026-W47
const workgroup = aWorkgroup({ id: 'wg-pay', name: 'Payments', leads: ['acc-lead', 'acc-lead2'] });

function gaps(over: Partial<AlignmentGapInput> = {}) {
  return alignmentGapPrompts({
    gaps: [{ workgroup, unalignedEpics: ['PAY-10', 'PAY-2', 'AB-7', 'PAY-2'] }],
    policy: aPromptPolicy(),
    now: NOW,
    ...over,
  });
}

describe('alignment gap', () => {
  it('shows each lead the open epics that serve no objective, sorted and listed once', () => {
    const prompts = gaps();
    expect(prompts.map((p) => [p.id, p.recipient])).toEqual([
      ['alignment-gap:wg-pay:acc-lead:2026-W47', 'acc-lead'],
      ['alignment-gap:wg-pay:acc-lead2:2026-W47', 'acc-lead2'],
    ]);
    expect(prompts[0]).toMatchObject({
      kind: 'alignment-gap',
      subject: { type: 'workgroup', workgroupId: 'wg-pay', issueKeys: ['AB-7', 'PAY-2', 'PAY-10'] },
      state: 'queued',
      reason: "3 open epics in Payments's projects serve no objective: AB-7, PAY-2, PAY-10",
    });
    for (const p of prompts) expect(Prompt.parse(p)).toEqual(p);
  });

  it('asks nothing when every epic serves an objective', () => {
    expect(gaps({ gaps: [{ workgroup, unalignedEpics: [] }] })).toEqual([]);
  });

  it('asks once per lead per ISO week', () => {
    const sunday = gaps({ now: Date.parse('2026-11-22T23:59:59Z') });
    const monday = gaps({ now: Date.parse('2026-11-23T00:00:00Z') });
    expect(sunday.map((p) => p.id)).toEqual(gaps().map((p) => p.id));
    expect(monday.map((p) => p.id)).toEqual([
      'alignment-gap:wg-pay:acc-lead:2026-W48',
      'alignment-gap:wg-pay:acc-lead2:2026-W48',
    ]);
  });

  it('asks a lead of two workgroups once for each, and a lead listed twice once', () => {
    const other = aWorkgroup({ id: 'wg-web', leads: ['acc-lead', 'acc-lead'] });
    const prompts = gaps({
      gaps: [
        { workgroup, unalignedEpics: ['PAY-1'] },
        { workgroup: other, unalignedEpics: ['WEB-1'] },
      ],
    });
    expect(prompts.map((p) => p.id)).toEqual([
      'alignment-gap:wg-pay:acc-lead:2026-W47',
      'alignment-gap:wg-pay:acc-lead2:2026-W47',
      'alignment-gap:wg-web:acc-lead:2026-W47',
    ]);
    expect(prompts[0]!.reason).toBe("1 open epic in Payments's projects serves no objective: PAY-1");
  });

  it('keeps a long list within the length of a reason, while the subject lists every epic', () => {
    const many = Array.from({ length: 200 }, (_, i) => `PAY-${i + 1}`);
    const [prompt] = gaps({ gaps: [{ workgroup, unalignedEpics: many }] });
    expect(prompt!.reason.length).toBeLessThanOrEqual(500);
    expect(prompt!.reason.endsWith('…')).toBe(true);
    expect(prompt!.subject).toMatchObject({ issueKeys: many });
    expect(Prompt.parse(prompt)).toEqual(prompt);
  });

  it('asks nothing when alignment-gap prompts are switched off', () => {
    expect(gaps({ policy: aPromptPolicy({ enabled: { 'alignment-gap': false } }) })).toEqual([]);
  });
});

describe('an alignment gap as it stands now (narrowGap)', () => {
  const [gap] = gaps();
  const linkedNow =
    (...keys: string[]) =>
    (key: string) =>
      keys.includes(key);

  it('no longer lists an epic that serves an objective now, and says how many left the list', () => {
    const narrowed = narrowGap(gap!, linkedNow('PAY-2'), 'Payments');
    expect(narrowed?.subject).toEqual({ type: 'workgroup', workgroupId: 'wg-pay', issueKeys: ['AB-7', 'PAY-10'] });
    expect(narrowed?.reason).toBe(
      "2 open epics in Payments's projects serve no objective (1 more serves one since this was asked): AB-7, PAY-10",
    );
    expect(Prompt.parse(narrowed)).toEqual(narrowed);
  });

  it('is closed (null) when every epic it listed serves an objective now', () => {
    expect(narrowGap(gap!, linkedNow('AB-7', 'PAY-2', 'PAY-10'), 'Payments')).toBeNull();
  });

  it('is returned unchanged while nothing it lists was linked, and other kinds are never touched', () => {
    expect(narrowGap(gap!, linkedNow('PAY-99'), 'Payments')).toBe(gap);
    const other = { ...gap!, kind: 'outcome-review' as const };
    expect(narrowGap(other, linkedNow('AB-7', 'PAY-2', 'PAY-10'), 'Payments')).toBe(other);
  });
});

import { Prompt, type PromptAnswer } from '../../../src/contract';
import { answer, dismiss, expire, snooze, wake, type SnoozeFor } from '../../../src/domain/prompts/lifecycle';
import { aPrompt, DAY, T0 } from '../../support/prompt-builders';

const NOW = T0 + 2 * DAY;
const fully: PromptAnswer = { kind: 'outcome-review', impact: 'fully', note: 'shipped the fix' };

describe('answering a prompt', () => {
  it('records the answer and when it was given', () => {
    const reply = answer(aPrompt({ recipient: 'acc-ann' }), 'acc-ann', fully, NOW);
    expect(reply).toEqual({
      ok: true,
      data: expect.objectContaining({ state: 'answered', answer: fully, answeredAt: NOW }),
    });
    if (reply.ok) expect(Prompt.parse(reply.data)).toEqual(reply.data);
  });

  it('can answer a snoozed prompt, which is then no longer snoozed', () => {
    const reply = answer(
      aPrompt({ recipient: 'acc-ann', state: 'snoozed', snoozedUntil: NOW + DAY }),
      'acc-ann',
      fully,
      NOW,
    );
    expect(reply).toMatchObject({ ok: true, data: { state: 'answered', snoozedUntil: null } });
  });

  it('is for the recipient only', () => {
    expect(answer(aPrompt({ recipient: 'acc-ann' }), 'acc-bo', fully, NOW)).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Only the person this prompt was sent to can answer it.' },
    });
  });

  it.each([
    ['queued', 'has not reached your inbox yet'],
    ['answered', 'was already answered'],
    ['dismissed', 'was dismissed'],
    ['expired', 'expired'],
  ] as const)('refuses a %s prompt with a conflict', (state, why) => {
    const reply = answer(aPrompt({ recipient: 'acc-ann', state }), 'acc-ann', fully, NOW);
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.code).toBe('CONFLICT');
      expect(reply.error.message).toContain(why);
    }
  });

  it('needs an answer of the kind the prompt asks for', () => {
    const reply = answer(aPrompt({ kind: 'escalation', recipient: 'acc-ann' }), 'acc-ann', fully, NOW);
    expect(reply).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: 'The answer is for an outcome review, but this prompt is an escalation.',
        details: [{ path: 'answer.kind', message: 'expected "escalation"' }],
      },
    });
  });

  it('checks the answer itself, naming the field at fault', () => {
    const badGrade = { kind: 'period-review', grade: 1.5, helped: '', hindered: '' } as PromptAnswer;
    const reply = answer(aPrompt({ kind: 'period-review', recipient: 'acc-ann' }), 'acc-ann', badGrade, NOW);
    expect(reply).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: 'The answer is not valid.',
        details: [{ path: 'answer.grade', message: 'a grade is between 0 and 1' }],
      },
    });
  });

  it('accepts every kind of answer for its own kind', () => {
    const answers: PromptAnswer[] = [
      { kind: 'outcome-review', impact: 'partly', note: '' },
      { kind: 'check-in-due', value: 42, confidence: 'medium', note: '' },
      { kind: 'escalation', choice: 'adjust-scope', note: '' },
      { kind: 'period-review', grade: 0.7, helped: 'focus', hindered: 'outages' },
      { kind: 'alignment-gap', note: 'linked them' },
    ];
    for (const a of answers)
      expect(answer(aPrompt({ kind: a.kind, recipient: 'acc-ann' }), 'acc-ann', a, NOW).ok).toBe(true);
  });
});

describe('dismissing a prompt', () => {
  it('closes it, keeping the reason if one is given', () => {
    expect(dismiss(aPrompt({ recipient: 'acc-ann' }), 'acc-ann', '  not my work ', NOW)).toMatchObject({
      ok: true,
      data: { state: 'dismissed', dismissReason: 'not my work', closedAt: NOW },
    });
    expect(dismiss(aPrompt({ recipient: 'acc-ann' }), 'acc-ann', null, NOW)).toMatchObject({
      ok: true,
      data: { dismissReason: null },
    });
    expect(dismiss(aPrompt({ recipient: 'acc-ann' }), 'acc-ann', '   ', NOW)).toMatchObject({
      ok: true,
      data: { dismissReason: null },
    });
  });

  it('is for the recipient only, and only while the prompt is open or snoozed', () => {
    expect(dismiss(aPrompt({ recipient: 'acc-ann' }), 'acc-bo', null, NOW)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(dismiss(aPrompt({ recipient: 'acc-ann', state: 'answered' }), 'acc-ann', null, NOW)).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: 'This prompt cannot be dismissed: it was already answered.' },
    });
    expect(
      dismiss(aPrompt({ recipient: 'acc-ann', state: 'snoozed', snoozedUntil: NOW + DAY }), 'acc-ann', null, NOW),
    ).toMatchObject({ ok: true });
  });

  it('refuses a reason longer than a note may be', () => {
    expect(dismiss(aPrompt({ recipient: 'acc-ann' }), 'acc-ann', 'x'.repeat(10_001), NOW)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: [{ path: 'reason' }] },
    });
  });
});

describe('snoozing and waking a prompt', () => {
  it('puts it away for a day or a week', () => {
    expect(snooze(aPrompt({ recipient: 'acc-ann' }), 'acc-ann', '1d', NOW)).toMatchObject({
      ok: true,
      data: { state: 'snoozed', snoozedUntil: NOW + DAY },
    });
    expect(snooze(aPrompt({ recipient: 'acc-ann' }), 'acc-ann', '1w', NOW)).toMatchObject({
      ok: true,
      data: { snoozedUntil: NOW + 7 * DAY },
    });
  });

  it('snoozing again restarts the time', () => {
    const snoozed = aPrompt({ recipient: 'acc-ann', state: 'snoozed', snoozedUntil: NOW + DAY });
    expect(snooze(snoozed, 'acc-ann', '1w', NOW + 1000)).toMatchObject({
      ok: true,
      data: { snoozedUntil: NOW + 1000 + 7 * DAY },
    });
  });

  it('refuses someone else, a closed prompt, and a duration other than a day or a week', () => {
    expect(snooze(aPrompt({ recipient: 'acc-ann' }), 'acc-bo', '1d', NOW)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(snooze(aPrompt({ recipient: 'acc-ann', state: 'dismissed' }), 'acc-ann', '1d', NOW)).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: 'This prompt cannot be snoozed: it was dismissed.' },
    });
    expect(snooze(aPrompt({ recipient: 'acc-ann' }), 'acc-ann', '2d' as SnoozeFor, NOW)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(snooze(aPrompt({ recipient: 'acc-ann' }), 'acc-ann', 'toString' as SnoozeFor, NOW)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });

  it('wakes a snoozed prompt when its time comes, not before', () => {
    const snoozed = aPrompt({ state: 'snoozed', snoozedUntil: NOW });
    expect(wake(snoozed, NOW - 1)).toBe(snoozed);
    expect(wake(snoozed, NOW)).toEqual({ ...snoozed, state: 'open', snoozedUntil: null });
  });

  it('leaves prompts that are not snoozed as they are', () => {
    for (const state of ['queued', 'open', 'answered', 'dismissed', 'expired'] as const) {
      const p = aPrompt({ state });
      expect(wake(p, NOW)).toBe(p);
    }
  });
});

describe('expiring a prompt', () => {
  it('expires prompts nobody has closed yet', () => {
    for (const state of ['queued', 'open', 'snoozed'] as const)
      expect(expire(aPrompt({ state, snoozedUntil: state === 'snoozed' ? NOW + DAY : null }), NOW)).toMatchObject({
        state: 'expired',
        snoozedUntil: null,
        closedAt: NOW,
      });
  });

  it('keeps answers: answered prompts never expire, nor dismissed ones', () => {
    const answered = aPrompt({ state: 'answered', answer: fully, answeredAt: NOW });
    expect(expire(answered, NOW)).toBe(answered);
    const dismissed = aPrompt({ state: 'dismissed' });
    expect(expire(dismissed, NOW)).toBe(dismissed);
  });
});

import { waitingText } from '@shared/waiting-text';

const MON_14_DEC = Date.parse('2026-12-14T09:00:00Z');
/** The inbox is read a week before, in the same year. */
const NOW = Date.parse('2026-12-07T09:00:00Z');

describe('what an inbox says of the prompts the weekly cap holds back', () => {
  it('writes the day the next arrives as "Mon 14 Dec", with its year only when it is not this year', () => {
    expect(waitingText({ count: 1, nextAt: Date.parse('2027-01-04T09:00:00Z'), cap: 5 }, 0, NOW)?.summary).toBe(
      '1 prompt is waiting: it arrives on Mon 4 Jan 2027.',
    );
  });

  it('counts what waits, "more" when the inbox shows some, and says why', () => {
    expect(waitingText({ count: 2, nextAt: MON_14_DEC, cap: 5 }, 3, NOW)).toEqual({
      summary: '2 more prompts are waiting: the next arrives on Mon 14 Dec.',
      reason: 'Held back by the weekly cap of 5 prompts a person; escalations are never held back.',
    });
    expect(waitingText({ count: 1, nextAt: MON_14_DEC, cap: 1 }, 0, NOW)).toEqual({
      summary: '1 prompt is waiting: it arrives on Mon 14 Dec.',
      reason: 'Held back by the weekly cap of 1 prompt a person; escalations are never held back.',
    });
  });

  it('names what waits as the surface does', () => {
    expect(
      waitingText({ count: 3, nextAt: MON_14_DEC, cap: 5 }, 1, NOW, {
        one: 'question about WEB-3',
        many: 'questions about WEB-3',
      })?.summary,
    ).toBe('3 more questions about WEB-3 are waiting: the next arrives on Mon 14 Dec.');
  });

  it('says nothing when nothing waits, and no date or number it was not given', () => {
    expect(waitingText({ count: 0, nextAt: null, cap: null }, 2, NOW)).toBeNull();
    expect(waitingText({ count: 2, nextAt: null, cap: null }, 0, NOW)).toEqual({
      summary: '2 prompts are waiting.',
      reason: 'Held back by the weekly cap on prompts a person; escalations are never held back.',
    });
  });
});

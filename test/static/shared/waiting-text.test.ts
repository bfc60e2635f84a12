import { waitingText, weekdayDate } from '@shared/waiting-text';

const MON_14_DEC = Date.parse('2026-12-14T09:00:00Z');

describe('what an inbox says of the prompts the weekly cap holds back', () => {
  it('writes the day the next arrives as "Mon 14 Dec", in UTC', () => {
    expect(weekdayDate(MON_14_DEC)).toBe('Mon 14 Dec');
    expect(weekdayDate(Date.parse('2026-12-13T23:59:59Z'))).toBe('Sun 13 Dec');
    expect(weekdayDate(Date.parse('2027-01-01T00:00:00Z'))).toBe('Fri 1 Jan');
  });

  it('counts what waits, "more" when the inbox shows some, and says why', () => {
    expect(waitingText({ count: 2, nextAt: MON_14_DEC, cap: 5 }, 3)).toEqual({
      summary: '2 more prompts are waiting: the next arrives on Mon 14 Dec.',
      reason: 'Held back by the weekly cap of 5 prompts a person; escalations are never held back.',
    });
    expect(waitingText({ count: 1, nextAt: MON_14_DEC, cap: 1 }, 0)).toEqual({
      summary: '1 prompt is waiting: it arrives on Mon 14 Dec.',
      reason: 'Held back by the weekly cap of 1 prompt a person; escalations are never held back.',
    });
  });

  it('names what waits as the surface does', () => {
    expect(
      waitingText({ count: 3, nextAt: MON_14_DEC, cap: 5 }, 1, {
        one: 'question about WEB-3',
        many: 'questions about WEB-3',
      })?.summary,
    ).toBe('3 more questions about WEB-3 are waiting: the next arrives on Mon 14 Dec.');
  });

  it('says nothing when nothing waits, and no date or number it was not given', () => {
    expect(waitingText({ count: 0, nextAt: null, cap: null }, 2)).toBeNull();
    expect(waitingText({ count: 2, nextAt: null, cap: null }, 0)).toEqual({
      summary: '2 prompts are waiting.',
      reason: 'Held back by the weekly cap on prompts a person; escalations are never held back.',
    });
  });
});

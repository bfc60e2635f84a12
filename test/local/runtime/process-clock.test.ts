/**
 * The process clock (local/runtime/process-clock.ts): TETHER_NOW sets the time that Date.now(),
 * new Date() and Date() read, which then moves on in real time; everything else about Date stays.
 */
import { runInNewContext } from 'node:vm';
import {
  atTime,
  browserClockScript,
  clockFromEnvironment,
  clockIsSet,
  parseClockSetting,
  setProcessClock,
} from '../../../local/runtime/process-clock';

const AT = Date.UTC(2027, 2, 29, 10, 0); // the last week of a quarter

describe('parseClockSetting', () => {
  it.each([
    ['2027-03-29', Date.UTC(2027, 2, 29)],
    ['2026-11-20T10:00:00Z', Date.UTC(2026, 10, 20, 10)],
    ['2026-12-31T23:59:59.500Z', Date.UTC(2026, 11, 31, 23, 59, 59, 500)],
    ['2027-04-01T09:30+02:00', Date.UTC(2027, 3, 1, 7, 30)],
    ['2028-02-29', Date.UTC(2028, 1, 29)],
  ])('reads %s', (text, ms) => {
    expect(parseClockSetting(text)).toBe(ms);
  });

  it.each(['tomorrow', '2027-02-29', '2026-13-01', '2026-11-20T25:00:00Z', '2026-11-20T10:00:00', '1700000000000', ''])(
    'refuses %j, saying what it accepts',
    (text) => {
      expect(() => parseClockSetting(text)).toThrow(
        /TETHER_NOW=.* is not a time: give a day \(2027-03-29\) or a date-time with its zone/,
      );
    },
  );
});

describe('setProcessClock', () => {
  it('moves Date.now, new Date() and Date() and puts them back', () => {
    const machine = Date.now();
    const restore = setProcessClock(AT);
    try {
      expect(clockIsSet()).toBe(true);
      expect(Math.abs(Date.now() - AT)).toBeLessThan(5_000);
      expect(Math.abs(new Date().getTime() - AT)).toBeLessThan(5_000);
      expect(Date()).toContain('2027');
      // dates made from a value, parsing and UTC are untouched
      expect(new Date(0).toISOString()).toBe('1970-01-01T00:00:00.000Z');
      expect(Date.parse('2020-01-01T00:00:00Z')).toBe(Date.UTC(2020, 0, 1));
      expect(new Date() instanceof Date).toBe(true);
    } finally {
      restore();
    }
    expect(clockIsSet()).toBe(false);
    expect(Math.abs(Date.now() - machine)).toBeLessThan(5_000);
  });

  it('keeps moving in real time from where it was set', async () => {
    const restore = setProcessClock(AT);
    try {
      const first = Date.now();
      await new Promise((r) => setTimeout(r, 30));
      expect(Date.now() - first).toBeGreaterThanOrEqual(25);
    } finally {
      restore();
    }
  });

  it('nests: atTime sets the clock for its work only', async () => {
    const restore = setProcessClock(AT);
    try {
      const inside = await atTime(AT - 8 * 86_400_000, () => Promise.resolve(new Date().toISOString().slice(0, 10)));
      expect(inside).toBe('2027-03-21');
      expect(new Date().toISOString().slice(0, 10)).toBe('2027-03-29');
    } finally {
      restore();
    }
  });
});

describe('clockFromEnvironment', () => {
  it('sets the clock from TETHER_NOW and leaves it alone without it', () => {
    const restore = clockFromEnvironment({ TETHER_NOW: '2026-12-31T12:00:00Z' });
    try {
      expect(new Date().toISOString().slice(0, 10)).toBe('2026-12-31');
    } finally {
      restore();
    }
    clockFromEnvironment({})();
    expect(clockIsSet()).toBe(false);
  });

  it('says what is wrong with a bad TETHER_NOW', () => {
    expect(() => clockFromEnvironment({ TETHER_NOW: 'next friday' })).toThrow('TETHER_NOW="next friday" is not a time');
  });
});

describe('browserClockScript', () => {
  it('is empty on the machine clock, and sets a page to the host clock otherwise', () => {
    expect(browserClockScript()).toBe('');
    const restore = setProcessClock(AT);
    let script: string;
    try {
      script = browserClockScript();
    } finally {
      restore();
    }
    // a fresh global, as a page has, on the machine's clock until the script runs
    const seen = runInNewContext(
      `${script}; [Date.now(), new Date().getTime(), new Date(0).getTime(), typeof Date()]`,
    ) as [number, number, number, string];
    expect(Math.abs(seen[0] - AT)).toBeLessThan(5_000);
    expect(Math.abs(seen[1] - AT)).toBeLessThan(5_000);
    expect(seen.slice(2)).toEqual([0, 'string']);
  });
});

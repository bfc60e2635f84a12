import { dueWords } from '../../../static/shared/src/due-words';

const DUE = Date.parse('2026-12-08T10:00:00Z');
const day = (at: number) => new Date(at).toISOString().slice(0, 10);

describe("a prompt's due date in words", () => {
  it('says when it is due while there is time, up to the moment itself', () => {
    expect(dueWords(DUE, DUE - 86_400_000, day)).toEqual({ text: 'Due 2026-12-08', overdue: false });
    expect(dueWords(DUE, DUE, day)).toEqual({ text: 'Due 2026-12-08', overdue: false });
  });

  it('says since when it is overdue once the moment has passed', () => {
    expect(dueWords(DUE, DUE + 1, day)).toEqual({ text: 'Overdue since 2026-12-08', overdue: true });
    expect(dueWords(DUE, DUE + 3 * 86_400_000, day)).toEqual({ text: 'Overdue since 2026-12-08', overdue: true });
  });
});

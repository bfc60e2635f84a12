/**
 * The objective detail's check-ins: what the server listed, joined with the check-ins the user
 * recorded there (from check-ins/create's replies), so a check-in shows at once even when the list
 * read right after it does not hold it yet (Forge's queries lag writes). Pure; no DOM.
 */
import type { CheckIn } from '@contract/check-ins';
import { noteRecorded, withRecorded } from '../../../static/project-page/src/recorded-check-ins';

const aCheckIn = (id: string, at: number, over: Partial<CheckIn> = {}): CheckIn => ({
  id,
  objectiveId: 'O-2',
  keyResultId: null,
  value: null,
  confidence: 'high',
  note: '',
  author: 'local-member',
  at,
  ...over,
});

describe('withRecorded', () => {
  it('shows a check-in from the reply that the list read after it does not hold, newest first', () => {
    const read = [aCheckIn('ci-2', 200), aCheckIn('ci-1', 100)];
    const created = aCheckIn('ci-3', 300, { confidence: 'low', note: 'slipped' });
    expect(withRecorded(read, [created])).toEqual([created, ...read]);
  });

  it('shows each check-in once, the server copy when the list holds it', () => {
    const created = aCheckIn('ci-3', 300);
    const listed = aCheckIn('ci-3', 300, { note: 'as stored' });
    expect(withRecorded([listed, aCheckIn('ci-1', 100)], [created])).toEqual([listed, aCheckIn('ci-1', 100)]);
  });

  it('keeps the server order for what it listed and places several recorded ones by time', () => {
    const read = [aCheckIn('ci-2', 200)];
    const first = aCheckIn('ci-3', 300);
    const second = aCheckIn('ci-4', 400);
    expect(withRecorded(read, [first, second]).map((c) => c.id)).toEqual(['ci-4', 'ci-3', 'ci-2']);
    expect(withRecorded([], [first]).map((c) => c.id)).toEqual(['ci-3']);
  });
});

describe('noteRecorded', () => {
  it('adds a check-in from a reply once, however often the reply is handled', () => {
    const created = aCheckIn('ci-3', 300);
    const once = noteRecorded([], created);
    expect(noteRecorded(once, created)).toEqual([created]);
    expect(noteRecorded(once, aCheckIn('ci-4', 400)).map((c) => c.id)).toEqual(['ci-3', 'ci-4']);
  });
});

/**
 * Tests that need "today" pin it: the process clock (local/runtime/process-clock.ts) is set for the
 * rest of the test file — the local host, its Jira and KVS, the app and the pages it serves all
 * read it — and put back after the file. `TETHER_NOW` chooses another day for a whole run
 * (`TETHER_NOW=2027-03-29T10:00:00Z npx jest test/e2e`), so the same walks can be tried on any date.
 */
import { parseClockSetting, setProcessClock } from '../../local/runtime/process-clock';

/** The day the pinned tests run on unless TETHER_NOW says otherwise: mid-quarter, on a Friday morning. */
export const PINNED_NOW = '2026-11-20T10:00:00Z';

/**
 * Pins the clock now (call it at the top of a test file) and returns the time it reads: TETHER_NOW or
 * PINNED_NOW, or the setting given (fixtures made for one day pass it, so TETHER_NOW does not move them).
 */
export function pinClock(setting: string = process.env['TETHER_NOW'] ?? PINNED_NOW): number {
  const at = parseClockSetting(setting);
  const restore = setProcessClock(at);
  afterAll(restore);
  return at;
}

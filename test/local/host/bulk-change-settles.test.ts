/**
 * Issue 12 part C, small: a strict host with a generated organisation (100 objectives, 2,000
 * issues) in its Jira and storage; 300 linked issues changed in Jira within one host-minute, as a
 * bulk edit does. The strict host delivers the events late, unordered, some twice, and retries
 * failures; storage answers 429 over Forge's quotas. After settling on the host clock, every stored
 * rollup (and the records of the changed issues and their ancestors) equals a full recompute of the
 * issues as Jira has them now, no invocation failed for good and nothing is left running or queued.
 * The same scenario at full size is `npm run bench -- settle` (bench/settle.bench.ts).
 */
import { runSettle } from '../../../bench/settle.bench';

jest.setTimeout(120_000);

describe('a bulk change of linked issues on a strict host', () => {
  it('settles: every rollup equals a full recompute of Jira now, nothing failed for good, nothing left waiting', async () => {
    const report = await runSettle({ objectives: 100, issues: 2_000, changes: 300 });

    expect(report.mismatches).toEqual([]);
    expect(report.mismatchCount).toBe(0);
    expect(report.rollupsCompared).toBe(100);
    expect(report.issuesCompared).toBeGreaterThanOrEqual(300);
    expect(report.failedForGood).toBe(0);
    expect(report.idle).toBe(true);
    // every change was delivered, some twice (strict mode's duplicates), within minutes of the host clock
    expect(report.changes).toBe(300);
    expect(report.deliveries - report.retries).toBeGreaterThanOrEqual(300);
    expect(report.duplicates).toBeGreaterThan(0);
    expect(report.changeWindowS).toBeLessThanOrEqual(60);
    expect(report.settleS).toBeGreaterThan(report.changeWindowS);
    expect(report.settleS).toBeLessThan(60 * 60);
  });
});

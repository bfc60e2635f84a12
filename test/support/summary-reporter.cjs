/**
 * After Jest's own summary: the slowest test files (so a suite that grows slow says where), the
 * wall time of the whole run, then one plain closing line, `tests: N passed, N failed, N skipped`,
 * so that any tool reading test output (our CI included) finds the counts in a standard form.
 */
const { relative } = require('node:path');
const { performance } = require('node:perf_hooks');

const SLOWEST = 8;

class SummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunStart() {
    this.startedAt = performance.now();
  }

  onRunComplete(_contexts, results) {
    const files = results.testResults
      .map((r) => ({
        path: relative(this.rootDir, r.testFilePath),
        ms: Math.max(0, r.perfStats.end - r.perfStats.start),
      }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, SLOWEST);
    if (files.length > 1) {
      const lines = files.map((f) => `  ${(f.ms / 1000).toFixed(1).padStart(6)} s  ${f.path}`);
      const wall =
        this.startedAt === undefined
          ? ''
          : ` (the whole run: ${((performance.now() - this.startedAt) / 1000).toFixed(0)} s on ${results.numTotalTestSuites} files)`;
      process.stderr.write(`\nSlowest test files${wall}:\n${lines.join('\n')}\n`);
    }
    const { numPassedTests: passed, numFailedTests: failed, numPendingTests: skipped, numTodoTests: todo } = results;
    const suitesFailed = results.numFailedTestSuites + results.numRuntimeErrorTestSuites;
    // a suite that fails to load counts as a failure, even though it ran no test
    process.stderr.write(
      `\ntests: ${passed} passed, ${failed + (failed === 0 ? suitesFailed : 0)} failed, ${skipped + todo} skipped\n`,
    );
  }
}
module.exports = SummaryReporter;

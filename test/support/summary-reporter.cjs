/**
 * Prints one plain closing line, `tests: N passed, N failed, N skipped`, after Jest's own summary,
 * so that any tool reading test output (our CI included) finds the counts in a standard form.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests: passed, numFailedTests: failed, numPendingTests: skipped, numTodoTests: todo } = results;
    const suitesFailed = results.numFailedTestSuites + results.numRuntimeErrorTestSuites;
    // a suite that fails to load counts as a failure, even though it ran no test
    process.stderr.write(`\ntests: ${passed} passed, ${failed + (failed === 0 ? suitesFailed : 0)} failed, ${skipped + todo} skipped\n`);
  }
}
module.exports = SummaryReporter;

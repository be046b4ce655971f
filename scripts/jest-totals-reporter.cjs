// Writes this workspace's test totals to <repo>/test-output/totals/<package>.json so that
// `npm test` can print one line of totals over all workspaces when turbo is done.
const fs = require('node:fs');
const path = require('node:path');

class TotalsReporter {
  onRunComplete(_contexts, results) {
    const root = path.resolve(__dirname, '..');
    const pkg = JSON.parse(fs.readFileSync(path.join(process.cwd(), 'package.json'), 'utf8'));
    const dir = path.join(root, 'test-output', 'totals');
    fs.mkdirSync(dir, { recursive: true });
    const failedSuites = results.numFailedTestSuites + results.numRuntimeErrorTestSuites;
    const totals = {
      workspace: pkg.name,
      passed: results.numPassedTests,
      // A suite that fails before running its tests (a syntax error, a failing beforeAll
      // with no test run) still counts as a failure.
      failed: results.numFailedTests + (results.numFailedTests === 0 ? failedSuites : 0),
      skipped: results.numPendingTests + results.numTodoTests,
    };
    fs.writeFileSync(path.join(dir, `${pkg.name.replace(/[^a-z0-9.-]+/gi, '_')}.json`), JSON.stringify(totals));
  }
}

module.exports = TotalsReporter;

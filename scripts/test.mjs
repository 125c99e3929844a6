// `npm test`: type-checks every layer, builds every entry, runs every vitest suite, and
// ends with one line `N passed, N failed` (CI reads that line, not vitest's output).
// Extra arguments go to vitest, e.g. `npm test -- test/unit`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const vitestArgs = process.argv.slice(2);
const report = '.tmp/vitest-report.json';
let passed = 0;
let failed = 0;

function step(title, command, args) {
  console.log(`\n=== ${title}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  return result.status === 0;
}

// Type checking and the build are checks of their own: a red one counts as a failure.
for (const [title, script] of [['type check (every layer)', 'typecheck'], ['build', 'build']]) {
  if (step(title, 'npm', ['run', '--silent', script])) passed++;
  else failed++;
}

mkdirSync('.tmp', { recursive: true });
rmSync(report, { force: true });
step('vitest', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...vitestArgs]);
try {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  passed += results.numPassedTests;
  failed += results.numFailedTests;
  // A file that failed without a failing test could not even load: count it once.
  failed += results.testResults.filter((file) => file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed')).length;
  // A skipped or todo test proves nothing; the project has none, so any is a failure.
  failed += (results.numPendingTests ?? 0) + (results.numTodoTests ?? 0);
  if (results.numTotalTests === 0) failed++;
} catch {
  console.error('vitest wrote no report: counting the run as failed');
  failed++;
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

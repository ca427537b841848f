#!/usr/bin/env node
// Runs every test suite (unit + database, then end-to-end in Chromium when the renderer is
// built), then prints one plain closing line "N passed, N failed, N skipped" and exits
// non-zero on any failure. CI reads that line; vitest's own summary differs per suite.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const suites = [{ name: 'unit and database', config: 'vitest.config.ts' }];
if (existsSync('vitest.e2e.config.ts')) suites.push({ name: 'end to end', config: 'vitest.e2e.config.ts', needsBuild: true });

mkdirSync('test-results', { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
let broken = false;
for (const suite of suites) {
  if (suite.needsBuild) {
    const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
    if (build.status !== 0) {
      console.error('The renderer build failed: end-to-end tests cannot run.');
      broken = true;
      continue;
    }
  }
  const out = `test-results/${suite.config.replace(/\W+/g, '-')}.json`;
  rmSync(out, { force: true });
  const run = spawnSync('npx', ['vitest', 'run', '--config', suite.config, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  if (!existsSync(out)) {
    console.error(`The ${suite.name} suite did not report (exit ${run.status}).`);
    broken = true;
    continue;
  }
  const report = JSON.parse(readFileSync(out, 'utf8'));
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + report.numTodoTests;
  // A suite file that fails to load counts no test but must fail the run.
  if (run.status !== 0 && report.numFailedTests === 0) {
    console.error(`The ${suite.name} suite exited ${run.status} (a test file failed to load).`);
    broken = true;
  }
}
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 || broken ? 1 : 0);

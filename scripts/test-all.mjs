#!/usr/bin/env node
// The one test command (`npm test`): static checks, engine unit + differential tests (Vitest),
// then the studio's browser flows (Playwright against the built app in Debian's Chromium).
// It ends with one line `N passed, N failed` summing every suite, which CI reads.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
// Not test-results/: Playwright empties that folder when it starts.
const reports = join(root, '.reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

let passed = 0;
let failed = 0;
const summary = [];

function run(label, command, args, env = {}) {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  return result.status ?? 1;
}

function check(label, command, args) {
  const status = run(label, command, args);
  if (status === 0) passed += 1;
  else failed += 1;
  summary.push(`${label}: ${status === 0 ? 'ok' : 'FAILED'}`);
}

function suite(label, command, args, reportFile, count) {
  const status = run(label, command, args, { PLAYWRIGHT_JSON_OUTPUT_FILE: reportFile });
  let counts = null;
  if (existsSync(reportFile)) {
    try {
      counts = count(JSON.parse(readFileSync(reportFile, 'utf8')));
    } catch {
      counts = null;
    }
  }
  if (!counts) counts = { passed: 0, failed: 1 };
  // A suite that ran no tests proves nothing: count it as a failure.
  if (counts.passed + counts.failed === 0) counts.failed = 1;
  // A runner that crashed after some tests passed still failed as a whole.
  if (status !== 0 && counts.failed === 0) counts.failed = 1;
  passed += counts.passed;
  failed += counts.failed;
  summary.push(`${label}: ${counts.passed} passed, ${counts.failed} failed`);
}

check('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
check('lint', 'npx', ['eslint', '.']);

const vitestReport = join(reports, 'vitest.json');
suite(
  'unit and differential tests',
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${vitestReport}`],
  vitestReport,
  (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests }),
);

const chromium = run('chromium', 'node', ['scripts/ensure-chromium.mjs']);
if (chromium !== 0) {
  failed += 1;
  summary.push('browser tests: not run, Chromium is missing (see the message above)');
} else {
  const build = run('build', 'npx', ['vite', 'build']);
  if (build !== 0) {
    failed += 1;
    summary.push('build: FAILED, browser tests not run');
  } else {
    const playwrightReport = join(reports, 'playwright.json');
    suite(
      'browser tests',
      'npx',
      ['playwright', 'test', '--reporter=list,json'],
      playwrightReport,
      (r) => ({
        passed: r.stats.expected + (r.stats.flaky ?? 0),
        failed: r.stats.unexpected,
      }),
    );
  }
}

console.log('\n' + summary.join('\n'));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

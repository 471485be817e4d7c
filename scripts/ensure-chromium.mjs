#!/usr/bin/env node
// Makes sure a Chromium for the browser flows exists: FRESHET_CHROMIUM, else Debian's
// /usr/bin/chromium. When it is missing and we are root with apt-get, install it; otherwise say how.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const wanted = process.env.FRESHET_CHROMIUM || '/usr/bin/chromium';

if (existsSync(wanted)) {
  process.exit(0);
}

if (process.env.FRESHET_CHROMIUM) {
  console.error(`ensure-chromium: FRESHET_CHROMIUM=${wanted} does not exist. Point it at a Chromium binary.`);
  process.exit(1);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;

if (isRoot && hasApt) {
  console.log('ensure-chromium: /usr/bin/chromium is missing; installing it with apt-get…');
  const run = (cmd) => {
    const r = spawnSync('sh', ['-c', cmd], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (r.status !== 0) {
      console.error(`ensure-chromium: \`${cmd}\` failed (exit ${r.status}).`);
      process.exit(1);
    }
  };
  run('apt-get update');
  run('apt-get install -y chromium');
  if (existsSync(wanted)) process.exit(0);
  console.error('ensure-chromium: apt-get finished but /usr/bin/chromium is still missing.');
  process.exit(1);
}

console.error(
  [
    'ensure-chromium: the browser flows need Chromium at /usr/bin/chromium, and it is missing.',
    'Install it:  sudo apt-get install -y chromium   (Debian/Ubuntu)',
    'or point FRESHET_CHROMIUM at a Chromium binary:  FRESHET_CHROMIUM=/path/to/chromium npm run test:e2e',
  ].join('\n'),
);
process.exit(1);

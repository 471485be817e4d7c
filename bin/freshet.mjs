#!/usr/bin/env node
// `npx freshet ...`: runs the TypeScript runner (src/cli/main.ts) through tsx's loader, so no
// build step is needed after `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));

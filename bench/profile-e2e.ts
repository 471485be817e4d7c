// Runs one end-to-end workload through the simulator only (no other systems, no checks), for CPU
// profiles of what a user waits for:
//
//   npx esbuild bench/profile-e2e.ts --bundle --platform=node --format=esm --outfile=/tmp/e.mjs
//   node --cpu-prof --cpu-prof-dir=/tmp/prof /tmp/e.mjs e2e-agg-10k 0.5 2
import { createSimulation } from '../src/engine/index';
import { buildE2e, type E2eName } from './e2e-workloads';

const [name = 'e2e-agg-10k', scaleText = '1', runsText = '2'] = process.argv.slice(2);
const w = buildE2e(name as E2eName, Number(scaleText));
for (let r = 0; r < Number(runsText); r++) {
  const c0 = process.cpuUsage();
  const sim = createSimulation(w.script, { seed: 42, memoryBudgetBytes: 8 * 1024 ** 3 });
  const res = sim.runToEnd();
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1e6;
  const m = sim.metrics();
  const agg = m.operators.find((op) => op.kind === 'GroupAggregate');
  process.stdout.write(
    `${w.name} run ${r + 1}: ${res.status}, ${Math.round(w.rows / cpu).toLocaleString('en-US')} rows/cpu-s` +
      (agg ? `, aggregate state ${agg.stateRows} rows ${agg.stateBytes} bytes` : '') +
      '\n',
  );
}

// Runs one system on one workload repeatedly with nothing else in the process (no reference, no
// checks, no heap sampling), for CPU profiles:
//
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profile.ts aggregation freshet 5
//
// For line-level attribution, profile an unminified bundle instead (tsx's transform reports
// every function at line 1):
//   npx esbuild bench/profile.ts --bundle --platform=node --format=esm --outfile=/tmp/b.mjs
//   node --cpu-prof --cpu-prof-dir=/tmp/prof /tmp/b.mjs join freshet 5
import { performance } from 'node:perf_hooks';
import { freshetSystem } from './freshet';
import { ivmSystem } from './ivm';
import { buildWorkload, DEFAULT_SIZES, type WorkloadName } from './workloads';

const [name = 'aggregation', systemId = 'freshet', runsText = '5'] = process.argv.slice(2);
const system = systemId === 'ivm' ? ivmSystem : freshetSystem;
const w = buildWorkload(name as WorkloadName, 42, DEFAULT_SIZES);
for (let r = 0; r < Number(runsText); r++) {
  const runner = system.create(w, null);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (const b of w.batches) runner.push(b);
  const s = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1e6;
  const rate = (x: number): string => Math.round(w.rows / x).toLocaleString('en-US');
  process.stdout.write(
    `${system.id} ${w.name} run ${r + 1}: ${rate(s)} rows/s, ${rate(cpu)} rows/cpu-s\n`,
  );
}

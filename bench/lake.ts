// The talk's lake scenario (examples/lake-sources-*.sql, issue 14's goal): each script's chain
// simulated for one hour of virtual time (its `sim.duration` replaced), CPU seconds of one
// process against the goal of 20 s per hour. `--only lake` runs it alone; profile it with
//
//   npx esbuild bench/lake.ts --bundle --platform=node --format=esm --outfile=/tmp/lake.mjs
//   node --cpu-prof --cpu-prof-dir=/tmp/prof /tmp/lake.mjs flip27
import { readFileSync } from 'node:fs';
import { createSimulation } from '../src/engine/index';

export const LAKE_GOAL_CPU_SECONDS_PER_HOUR = 20;
export const LAKE_SCRIPTS = ['flip27', 'legacy'] as const;
export type LakeScript = (typeof LAKE_SCRIPTS)[number];

export interface LakeResult {
  script: LakeScript;
  virtualMinutes: number;
  cpuSeconds: number;
  status: string;
  checkpoints: number;
}

export function lakeScript(name: LakeScript, minutes: number): string {
  const text = readFileSync(new URL(`../examples/lake-sources-${name}.sql`, import.meta.url), 'utf8');
  const duration = /SET 'sim\.duration' = '[^']*';/;
  if (!duration.test(text)) throw new Error(`lake-sources-${name}.sql has no sim.duration to replace`);
  return text.replace(duration, `SET 'sim.duration' = '${minutes} min';`);
}

export function runLake(name: LakeScript, minutes = 60): LakeResult {
  const c0 = process.cpuUsage();
  const sim = createSimulation(lakeScript(name, minutes), { seed: 1, fileName: `lake-sources-${name}.sql` });
  const step = sim.runToEnd();
  const c = process.cpuUsage(c0);
  const m = sim.metrics();
  return {
    script: name,
    virtualMinutes: m.now / 60_000,
    cpuSeconds: (c.user + c.system) / 1e6,
    status: step.status,
    checkpoints: m.checkpoints.completed + m.checkpoints.failed,
  };
}

export function formatLake(results: LakeResult[]): string {
  const lines = ['', `Lake scenario (examples/lake-sources-*.sql), one hour of virtual time; goal under ${LAKE_GOAL_CPU_SECONDS_PER_HOUR} CPU-s:`, ''];
  lines.push('| script | virtual time | CPU seconds | per virtual hour | goal | status |', '|---|---|---|---|---|---|');
  for (const r of results) {
    const perHour = (r.cpuSeconds * 60) / r.virtualMinutes;
    lines.push(
      `| ${r.script} | ${r.virtualMinutes.toFixed(0)} min | ${r.cpuSeconds.toFixed(1)} | ${perHour.toFixed(1)} s | ${perHour <= LAKE_GOAL_CPU_SECONDS_PER_HOUR ? 'MET' : 'NOT MET'} | ${r.status} |`,
    );
  }
  return lines.join('\n') + '\n';
}

// Run directly (profiling): node lake.mjs [flip27|legacy] [minutes]
if (/\/lake\.(ts|mjs)$/.test(process.argv[1] ?? '')) {
  const [name = 'flip27', minutes = '60'] = process.argv.slice(2);
  process.stdout.write(formatLake([runLake(name as LakeScript, Number(minutes))]));
}

// The bench's report: plain data (what `--json` prints) and its readable table.
export interface SystemResult {
  id: string;
  label: string;
  /** Median over the measured runs, input rows per second. */
  rowsPerSec: number;
  seconds: number;
  runsRowsPerSec: number[];
  /** Median input rows per CPU second of the process (see RunStats.cpuSeconds). */
  rowsPerCpuSec: number;
  outputRecords: number;
  /** Highest heapUsed after any batch of any measured run, bytes. */
  peakHeap: number;
  /** Same, minus heapUsed before the first batch of that run (input data excluded). */
  peakHeapOverBaseline: number;
  /** Live heap after the run and a forced GC, minus the baseline (median), bytes. */
  retainedHeap: number;
  check: { netRows: number; digest: string; matchesReference: boolean; difference?: string };
}

export interface WorkloadResult {
  name: string;
  title: string;
  sql: string;
  rows: number;
  batches: number;
  batchSize: number;
  kinds: Record<string, number>;
  reference: { netRows: number; digest: string };
  systems: SystemResult[];
  /** Freshet rows/s over db-ivm rows/s (wall clock; what the goals judge). */
  ratio: number | null;
  /** The same ratio on CPU time. */
  ratioCpu: number | null;
  /**
   * Judged on rows per CPU-second: "on one core" means all the work the process did, GC helper
   * threads included, as one core would have to do it; it also holds steady when other processes
   * share the machine, where wall-clock rows/s do not.
   */
  goal: {
    rowsPerSec: number;
    rowsPerSecMet: boolean | null;
    peerFactor: number;
    peerFactorMet: boolean | null;
  };
  resultsAgree: boolean;
  /** Wall time the bench spent on this workload: generation, checks, warm-up and runs. */
  benchSeconds: number;
}

export interface Report {
  /** End-to-end workloads (bench/e2e.ts). */
  e2e: import('./e2e').E2eResult[];
  /** The hour-long lake scenario (bench/lake.ts). */
  lake: import('./lake').LakeResult[];
  /** Heap per GroupAggregate group (bench/group-bytes.ts). */
  groupBytes: import('./group-bytes').GroupBytes[];
  node: string;
  seed: number;
  scale: number;
  /** The end-to-end workloads' size factor (1 = 1M input rows). */
  e2eScale: number;
  runs: number;
  warmup: number;
  totalSeconds: number;
  cpus: number;
  /** One-minute load average when the bench started and when it ended. */
  loadAverage: [number, number];
  source: { commit: string; engineDirty: boolean };
  workloads: WorkloadResult[];
}

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const mb = (n: number): string => `${(n / 1048576).toFixed(0)} MB`;
const met = (b: boolean | null): string => (b === null ? 'n/a' : b ? 'MET' : 'NOT MET');
const short = (n: number): string =>
  n >= 1e6 ? `${(n / 1e6).toFixed(n % 1e6 ? 1 : 0)}M` : `${Math.round(n / 1e3)}k`;

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]): string =>
    r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  const out = [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const r of rows.slice(1)) out.push(line(r));
  return out.join('\n') + '\n';
}

export function formatReport(r: Report): string {
  let s = `\nFreshet runtime vs @tanstack/db-ivm, same process, Node ${r.node}, seed ${r.seed}`;
  s += `${r.scale === 1 ? '' : `, scale ${r.scale}`}; median of ${r.runs} measured run(s) after a correctness run and ${r.warmup} warm-up run(s)\n`;
  s += `Source ${r.source.commit}${r.source.engineDirty ? ' + local edits in src/engine/runtime or src/engine/expr' : ''}; `;
  s += `${r.cpus} cores, load average ${r.loadAverage[0].toFixed(1)} at start, ${r.loadAverage[1].toFixed(1)} at end\n`;
  if (Math.max(...r.loadAverage) > r.cpus * 0.75) {
    s += `WARNING: other processes were competing for the cores; wall-clock rows/s are low and noisy,\n`;
    s += `rows per CPU-second (rows/cpu-s) are the steadier figure. Rerun on a quiet machine for the record.\n`;
  }
  s += '\n';

  const rows: string[][] = [
    [
      'workload',
      'input rows',
      'system',
      'rows/cpu-s',
      'rows/s wall',
      'wall runs',
      'output recs',
      'peak heap',
      'peak - base',
      'retained',
    ],
  ];
  for (const w of r.workloads) {
    for (const x of w.systems) {
      rows.push([
        x === w.systems[0] ? w.title : '',
        x === w.systems[0] ? int(w.rows) : '',
        x.id,
        int(x.rowsPerCpuSec),
        int(x.rowsPerSec),
        x.runsRowsPerSec.map(short).join(' '),
        int(x.outputRecords),
        mb(x.peakHeap),
        mb(x.peakHeapOverBaseline),
        mb(x.retainedHeap),
      ]);
    }
  }
  s += table(rows);
  s +=
    'rows/cpu-s and rows/s are medians over the measured runs; peak heap = highest heapUsed after any\n';
  s +=
    'batch, peak - base = the same minus heapUsed before the first batch (input excluded), retained =\n';
  s += "heapUsed after the run and a forced GC minus that base (the operators' live state).\n\n";

  const x = (v: number | null): string => (v === null ? 'n/a' : `${v.toFixed(2)}x`);
  const goals: string[][] = [
    [
      'workload',
      'Freshet rows/cpu-s',
      'goal',
      'goal met',
      'Freshet/db-ivm',
      '(wall)',
      '>= 10x db-ivm',
    ],
  ];
  for (const w of r.workloads) {
    const f = w.systems.find((y) => y.id === 'freshet');
    goals.push([
      w.title,
      f ? int(f.rowsPerCpuSec) : 'n/a',
      short(w.goal.rowsPerSec),
      met(w.goal.rowsPerSecMet),
      x(w.ratioCpu),
      x(w.ratio),
      met(w.goal.peerFactorMet),
    ]);
  }
  s += table(goals);
  s +=
    'Goals are judged on rows per CPU-second of the process (all threads): the work one core would do.\n\n';

  s += 'Result check (final output as a multiset of rows, against a plain-loop reference):\n';
  for (const w of r.workloads) {
    const parts = w.systems.map(
      (x) =>
        `${x.id} ${int(x.check.netRows)} rows #${x.check.digest}${x.check.matchesReference ? '' : ` DIFFERS: ${x.check.difference ?? ''}`}`,
    );
    s += `  ${w.title}: ${w.resultsAgree ? 'SAME' : 'DIFFERENT'} (reference ${int(w.reference.netRows)} rows #${w.reference.digest}; ${parts.join('; ')})\n`;
  }
  s += '\nWorkloads:\n';
  for (const w of r.workloads) {
    const k = Object.entries(w.kinds)
      .filter(([, n]) => n > 0)
      .map(([kind, n]) => `${kind} ${int(n)}`)
      .join(', ');
    s += `  ${w.title}: ${w.sql}\n    ${w.batches} batches of ${w.batchSize}; input ${k}; ${w.benchSeconds.toFixed(0)} s in the bench\n`;
  }
  s += `\nTotal ${r.totalSeconds.toFixed(1)} s. Goals, not tests: rows/s on one core in Node; peak heap is heapUsed sampled after every batch.\n`;
  return s;
}

// `npm run bench`: rows per second of Freshet's runtime operators against @tanstack/db-ivm on the
// same generated workloads, in the same process. Goals, not tests (see issue 2, Benchmark).
//
//   npm run bench                      readable table
//   npm run bench -- --json            one JSON object on stdout
//   npm run bench -- --full            the full sizes (1M rows; tens of minutes on a busy machine)
//   options: --runs N (3..5 measured runs, default 3), --warmup N (default 1), --seed N,
//            --scale F (multiply every workload size; the default is quick: operators at
//            QUICK_OPERATOR_SCALE, end to end at QUICK_E2E_SCALE), --only stateless|aggregation|join[,..],
//            --system freshet|ivm (measure one side only, e.g. under --cpu-prof)
import { execSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fullGc, median, timedRun, type RunStats } from './harness';
import { freshetSystem } from './freshet';
import { ivmSystem } from './ivm';
import { formatE2e, runE2e, type E2eResult } from './e2e';
import { E2E_ALL, type E2eName } from './e2e-workloads';
import { formatGroupBytes, measureGroupBytes } from './group-bytes';
import { formatLake, LAKE_SCRIPTS, runLake, type LakeResult } from './lake';
import { referenceResult } from './reference';
import { formatReport, type Report, type SystemResult, type WorkloadResult } from './report';
import { MultisetSink, type System } from './system';
import {
  buildWorkload,
  DEFAULT_SIZES,
  inputFingerprint,
  type Sizes,
  type WorkloadName,
} from './workloads';

interface Options {
  json: boolean;
  runs: number;
  warmup: number;
  seed: number;
  /** Size factors of the operator workloads and of the end-to-end workloads (1 = full size). */
  scale: number;
  e2eScale: number;
  only: WorkloadName[];
  e2e: E2eName[];
  /** The hour-long lake scenario (bench/lake.ts). */
  lake: boolean;
  system: string | null;
}

const ALL: WorkloadName[] = ['stateless', 'aggregation', 'join'];
const PEER_FACTOR = 10;
const WARM_ENOUGH_S = 2;
/** Default sizes: the whole bench in a few minutes on 2 shared cores. db-ivm's aggregation
 * re-reduces every touched group per batch, so its time grows with rows x batches: at full size
 * it alone took 618 s under load. `--full` (or `--scale 1`) measures the 1M-row sizes. */
const QUICK_OPERATOR_SCALE = 0.1;
const QUICK_E2E_SCALE = 0.25;

function usage(message: string): never {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    json: false,
    runs: 3,
    warmup: 1,
    seed: 42,
    scale: QUICK_OPERATOR_SCALE,
    e2eScale: QUICK_E2E_SCALE,
    only: ALL,
    e2e: E2E_ALL,
    lake: true,
    system: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => argv[++i] ?? usage(`${a} needs a value`);
    const num = (): number => {
      const n = Number(value());
      if (!Number.isFinite(n) || n <= 0) usage(`${a} needs a positive number`);
      return n;
    };
    if (a === '--json') o.json = true;
    else if (a === '--runs') o.runs = Math.round(num());
    else if (a === '--warmup') {
      o.warmup = Number(value());
      if (!Number.isInteger(o.warmup) || o.warmup < 0) usage('--warmup needs a whole number');
    } else if (a === '--seed') o.seed = Math.round(num());
    else if (a === '--scale') o.scale = o.e2eScale = num();
    else if (a === '--full') o.scale = o.e2eScale = 1;
    else if (a === '--only') {
      const names = value().split(',');
      for (const n of names)
        if (!ALL.includes(n as WorkloadName) && !E2E_ALL.includes(n as E2eName) && n !== 'e2e' && n !== 'operators' && n !== 'lake')
          usage(`unknown workload ${n}`);
      // 'e2e' and 'operators' name the two groups.
      o.only = ALL.filter((n) => names.includes(n) || names.includes('operators'));
      o.e2e = E2E_ALL.filter((n) => names.includes(n) || names.includes('e2e'));
      o.lake = names.includes('lake');
    } else if (a === '--system') o.system = value();
    else usage(`unknown option ${a}`);
  }
  if (o.runs < 1) usage('--runs must be at least 1');
  return o;
}

/** The commit measured, and whether the engine's runtime or expression code had local edits. */
function sourceState(): { commit: string; engineDirty: boolean } {
  try {
    const git = (args: string): string =>
      execSync(`git ${args}`, { stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim();
    const commit = git('rev-parse --short HEAD');
    const dirty = git('status --porcelain -- src/engine/runtime src/engine/expr') !== '';
    return { commit, engineDirty: dirty };
  } catch {
    return { commit: 'unknown', engineDirty: false };
  }
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

function log(o: Options, message: string): void {
  if (!o.json) process.stderr.write(message + '\n');
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const sizes: Sizes = {
    statelessRows: Math.round(DEFAULT_SIZES.statelessRows * o.scale),
    aggregationRows: Math.round(DEFAULT_SIZES.aggregationRows * o.scale),
    joinRowsPerSide: Math.round(DEFAULT_SIZES.joinRowsPerSide * o.scale),
    batchSize: DEFAULT_SIZES.batchSize,
  };
  const systems: System[] = [freshetSystem, ivmSystem];
  const chosen = o.system === null ? systems : systems.filter((s) => s.id === o.system);
  if (chosen.length === 0) usage(`unknown system ${o.system} (freshet or ivm)`);

  const started = Date.now();
  const loadBefore = loadavg()[0]!;
  const workloads: WorkloadResult[] = [];
  for (const name of o.only) {
    const workloadStarted = Date.now();
    const w = buildWorkload(name, o.seed, sizes);
    log(
      o,
      `${w.title}: ${w.rows.toLocaleString('en-US')} rows in ${w.batches.length} batches of ${w.batchSize}`,
    );
    const fingerprint = inputFingerprint(w);
    let expected: MultisetSink | null = referenceResult(w);
    const reference = { netRows: expected.size(), digest: expected.digest() };

    // Correctness run, once per system; it doubles as the first warm-up. A system whose
    // correctness run took over WARM_ENOUGH_S has run its operators hot long enough and skips the
    // extra warm-ups (db-ivm's aggregation takes several seconds a run).
    const checks: SystemResult['check'][] = [];
    const checkSeconds: number[] = [];
    for (const s of chosen) {
      const sink = new MultisetSink();
      const runner = s.create(w, sink);
      const t0 = performance.now();
      for (const b of w.batches) runner.push(b);
      checkSeconds.push((performance.now() - t0) / 1000);
      const problem = expected.diff(sink);
      checks.push({
        netRows: sink.size(),
        digest: sink.digest(),
        matchesReference: problem === null,
        ...(problem === null ? {} : { difference: problem }),
      });
      if (inputFingerprint(w) !== fingerprint) throw new Error(`${s.label} mutated its input rows`);
    }
    expected = null;
    fullGc();
    for (let i = 0; i < o.warmup; i++) {
      chosen.forEach((s, j) => {
        if (checkSeconds[j]! <= WARM_ENOUGH_S) timedRun(s, w);
      });
    }

    // Measured runs, interleaved (and alternating who goes first) so drift hits both sides alike.
    const runs: RunStats[][] = chosen.map(() => []);
    for (let r = 0; r < o.runs; r++) {
      const order =
        r % 2 === 0 ? chosen.map((_, i) => i) : chosen.map((_, i) => chosen.length - 1 - i);
      for (const i of order) {
        const stats = timedRun(chosen[i]!, w);
        runs[i]!.push(stats);
        log(
          o,
          `  ${chosen[i]!.id.padEnd(8)} run ${r + 1}: ${fmt(stats.rowsPerCpuSec)} rows/cpu-s, ${fmt(stats.rowsPerSec)} rows/s wall`,
        );
      }
    }
    const results: SystemResult[] = chosen.map((s, i) => {
      const rs = runs[i]!;
      return {
        id: s.id,
        label: s.label,
        rowsPerSec: median(rs.map((x) => x.rowsPerSec)),
        seconds: median(rs.map((x) => x.seconds)),
        runsRowsPerSec: rs.map((x) => x.rowsPerSec),
        rowsPerCpuSec: median(rs.map((x) => x.rowsPerCpuSec)),
        outputRecords: rs[0]!.outputRecords,
        peakHeap: Math.max(...rs.map((x) => x.peakHeap)),
        peakHeapOverBaseline: Math.max(...rs.map((x) => x.peakHeap - x.baselineHeap)),
        retainedHeap: median(rs.map((x) => x.retainedHeap)),
        check: checks[i]!,
      };
    });
    const f = results.find((x) => x.id === 'freshet') ?? null;
    const peer = results.find((x) => x.id === 'ivm') ?? null;
    const ratio = f && peer ? f.rowsPerSec / peer.rowsPerSec : null;
    const ratioCpu = f && peer ? f.rowsPerCpuSec / peer.rowsPerCpuSec : null;
    workloads.push({
      name: w.name,
      title: w.title,
      sql: w.sql,
      rows: w.rows,
      batches: w.batches.length,
      batchSize: w.batchSize,
      kinds: w.kinds,
      reference,
      systems: results,
      ratio,
      ratioCpu,
      goal: {
        rowsPerSec: w.goalRowsPerSec,
        rowsPerSecMet: f ? f.rowsPerCpuSec >= w.goalRowsPerSec : null,
        peerFactor: PEER_FACTOR,
        peerFactorMet: ratioCpu === null ? null : ratioCpu >= PEER_FACTOR,
      },
      resultsAgree: results.every((x) => x.check.matchesReference),
      benchSeconds: (Date.now() - workloadStarted) / 1000,
    });
    fullGc();
  }

  // End to end through the simulator, against plain JS and DuckDB (issue 14).
  const e2e: E2eResult[] = [];
  if (o.system === null || o.system === 'freshet')
    for (const name of o.e2e) {
      e2e.push(await runE2e(name, { scale: o.e2eScale, seed: o.seed, runs: o.runs, batchSize: sizes.batchSize }, (m) => log(o, m)));
      fullGc();
    }

  // The lake scenario: one hour of virtual time per script, CPU seconds against the 20 s goal.
  const lake: LakeResult[] = [];
  if (o.lake && (o.system === null || o.system === 'freshet'))
    for (const script of LAKE_SCRIPTS) {
      log(o, `lake scenario ${script}: one hour of virtual time`);
      lake.push(runLake(script));
      fullGc();
    }

  const groupBytes = o.e2e.some((n) => n.startsWith('e2e-agg')) ? measureGroupBytes(Math.round(200_000 * Math.min(1, o.e2eScale))) : [];

  const report: Report = {
    node: process.version,
    seed: o.seed,
    scale: o.scale,
    e2eScale: o.e2eScale,
    runs: o.runs,
    warmup: o.warmup,
    totalSeconds: (Date.now() - started) / 1000,
    cpus: availableParallelism(),
    loadAverage: [loadBefore, loadavg()[0]!],
    source: sourceState(),
    workloads,
    e2e,
    lake,
    groupBytes,
  };
  if (o.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else process.stdout.write((workloads.length > 0 ? formatReport(report) : '') + (e2e.length > 0 ? formatE2e(e2e) : '') + (groupBytes.length > 0 ? formatGroupBytes(groupBytes) : '') + (lake.length > 0 ? formatLake(lake) : ''));
  // Throughput goals never fail the bench; a wrong result does, since then the comparison is void.
  const wrong = [...workloads, ...e2e].filter((w) => !w.resultsAgree).map((w) => w.name);
  if (wrong.length > 0) {
    process.stderr.write(`bench: results differ from the reference for ${wrong.join(', ')}\n`);
    process.exitCode = 1;
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});

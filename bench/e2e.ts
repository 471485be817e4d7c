// Runs the end-to-end workloads (e2e-workloads.ts) on three systems in one process and checks
// that their results are the same multiset of rows:
// - Freshet: createSimulation(script) + runToEnd(): compile, datagen sources, operators, the
//   scheduler and the jdbc sink, all timed. Reading the sink table afterwards is timed apart.
// - plain JS: a hand-written loop with the same semantics over the same rows (the limit).
// - DuckDB native (@duckdb/node-api, threads = 1): the query over the same rows, loaded with the
//   appender before timing; the timed part is `CREATE TABLE res AS <query>`.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { performance } from 'node:perf_hooks';
import { createSimulation } from '../src/engine/index';
import type { Value } from '../src/engine/types';
import { fullGc, median } from './harness';
import { MultisetSink } from './system';
import { buildE2e, type E2eName, type E2eWorkload } from './e2e-workloads';

export interface E2eSystemResult {
  id: 'freshet' | 'plainjs' | 'duckdb';
  rowsPerCpuSec: number;
  rowsPerSec: number;
  outputRecords: number | null;
  netRows: number;
  digest: string;
  same: boolean;
  difference?: string;
}

export interface E2eResult {
  name: E2eName;
  title: string;
  rows: number;
  systems: E2eSystemResult[];
  /** Freshet over plain JS, and over DuckDB (rows per CPU-second). */
  ofPlainJs: number;
  ofDuckDb: number;
  /** Reading the sink table once after the run (ms of CPU), e.g. a keyed table's sort. */
  readTableMs: number;
  /** The simulator's datagen alone making the input rows (rows per CPU-second): the plain-JS and
   * DuckDB figures start from rows already made, Freshet's e2e figure includes making them. */
  datagenRowsPerCpuSec: number;
  /** Aggregations: groups, state metrics and live heap after GC of the finished simulation. */
  state: { groups: number; stateBytes: number; stateRows: number; heapBytes: number } | null;
  resultsAgree: boolean;
}

interface Timed<T> {
  value: T;
  cpuSeconds: number;
  wallSeconds: number;
}

function timed<T>(fn: () => T): Timed<T> {
  fullGc();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const wallSeconds = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { value, cpuSeconds: (c.user + c.system) / 1e6, wallSeconds };
}

async function timedAsync<T>(fn: () => Promise<T>): Promise<Timed<T>> {
  fullGc();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const wallSeconds = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { value, cpuSeconds: (c.user + c.system) / 1e6, wallSeconds };
}

/** The simulation's own datagen store for a table (a private field: the bench reads the rows the simulator generates). */
interface DatagenStoreView {
  row(i: number): Value[];
}

/** The input rows exactly as the simulator's datagen produces them for this script and seed. */
function inputRows(w: E2eWorkload, seed: number): Value[][][] {
  const sim = createSimulation(w.script, { seed });
  const stores = (sim as unknown as { stores: Map<string, DatagenStoreView> }).stores;
  return w.inputs.map((input) => {
    const store = stores.get(input.table)!;
    const rows: Value[][] = new Array(input.rows);
    for (let i = 0; i < input.rows; i++) rows[i] = store.row(i);
    return rows;
  });
}

/** Rows as the comparison sees them: bigints as numbers (DuckDB's COUNT and SUM are integers). */
function normalize(row: readonly unknown[]): Value[] {
  return row.map((v) => (typeof v === 'bigint' ? Number(v) : (v as Value)));
}

/** A sink row with its printed TIMESTAMP values ('2026-01-01 00:00:10[.123]', UTC) as epoch ms. */
function withEpochTimestamps(row: readonly unknown[], columns: readonly number[]): Value[] {
  const out = row.slice() as Value[];
  for (const c of columns) {
    const v = out[c];
    if (typeof v === 'string') out[c] = Date.parse(v.replace(' ', 'T') + 'Z');
  }
  return out;
}

function multiset(rows: readonly (readonly unknown[])[]): MultisetSink {
  const s = new MultisetSink();
  for (const r of rows) s.add(normalize(r), 1);
  return s;
}

const MEMORY_BUDGET = 8 * 1024 * 1024 * 1024;

function runFreshet(w: E2eWorkload, seed: number) {
  return timed(() => {
    const sim = createSimulation(w.script, { seed, memoryBudgetBytes: MEMORY_BUDGET });
    const res = sim.runToEnd();
    if (res.status !== 'finished') throw new Error(`${w.name}: simulation ${res.status}: ${res.error ?? ''}`);
    return sim;
  });
}

async function loadDuck(conn: DuckDBConnection, w: E2eWorkload, inputs: Value[][][]): Promise<void> {
  for (let t = 0; t < w.inputs.length; t++) {
    const spec = w.inputs[t]!;
    await conn.run(`CREATE OR REPLACE TABLE ${spec.table} (${spec.duckColumns.map((c) => `${c.name} ${c.type}`).join(', ')})`);
    const app = await conn.createAppender(spec.table);
    for (const r of inputs[t]!) {
      for (let i = 0; i < spec.duckColumns.length; i++) {
        const v = r[i];
        if (v === null || v === undefined) app.appendNull();
        else
          switch (spec.duckColumns[i]!.type) {
            case 'BIGINT':
              app.appendBigInt(BigInt(v as number));
              break;
            case 'INTEGER':
              app.appendInteger(v as number);
              break;
            case 'DOUBLE':
              app.appendDouble(v as number);
              break;
            case 'VARCHAR':
              app.appendVarchar(v as string);
          }
      }
      app.endRow();
    }
    app.closeSync();
  }
}

export async function runE2e(
  name: E2eName,
  o: { scale: number; seed: number; runs: number; batchSize: number },
  log: (message: string) => void,
): Promise<E2eResult> {
  const w = buildE2e(name, o.scale);
  log(`${w.title}: ${w.rows.toLocaleString('en-US')} rows`);
  inputRows(w, o.seed); // warm-up
  const made = timed(() => inputRows(w, o.seed));
  const inputs = made.value;

  // Freshet: the first run is the correctness run (and warm-up); its state is measured too.
  const first = runFreshet(w, o.seed);
  const sinkRead = timed(() => first.value.readTable('out'));
  const freshetRows = multiset(sinkRead.value.rows.map((r) => withEpochTimestamps(r, w.sinkTimestampColumns ?? [])));
  let state: E2eResult['state'] = null;
  if (name === 'e2e-agg-10k' || name === 'e2e-agg-1m') {
    const m = first.value.metrics();
    const agg = m.operators.filter((op) => op.kind === 'GroupAggregate');
    const groups = sinkRead.value.rows.length;
    fullGc();
    const withSim = process.memoryUsage().heapUsed;
    // The heap the simulation holds beyond its sink table: drop the aggregation's state by
    // measuring the simulation with and without it is not possible from outside, so this is
    // the whole simulation (state + sink table) minus a simulation that read the same input
    // without aggregating (see runBaselineHeap).
    state = {
      groups,
      stateBytes: agg.reduce((s, op) => s + op.stateBytes, 0),
      stateRows: agg.reduce((s, op) => s + op.stateRows, 0),
      heapBytes: withSim,
    };
  }
  const outputRecords = first.value.metrics().operators.find((op) => op.kind === 'Sink')?.recordsIn ?? null;
  void outputRecords;

  // DuckDB: one connection, one thread; data loaded before timing.
  const duck = await DuckDBInstance.create(':memory:', { threads: '1' });
  const conn = await duck.connect();
  await loadDuck(conn, w, inputs);
  await conn.run(`CREATE OR REPLACE TABLE res AS ${w.duckSql}`);
  const duckResult = await conn.runAndReadAll('SELECT * FROM res');
  const duckRows = multiset(duckResult.getRows() as unknown[][]);

  const plain = w.plainJs(inputs, o.batchSize);
  const plainRows = multiset(plain.rows);

  const fRuns: Timed<unknown>[] = [first];
  const pRuns: Timed<unknown>[] = [];
  const dRuns: Timed<unknown>[] = [];
  for (let r = 0; r < o.runs; r++) {
    if (r > 0) {
      const f = runFreshet(w, o.seed);
      fRuns.push({ value: null, cpuSeconds: f.cpuSeconds, wallSeconds: f.wallSeconds });
    }
    pRuns.push(timed(() => w.plainJs(inputs, o.batchSize)));
    dRuns.push(await timedAsync(() => conn.run(`CREATE OR REPLACE TABLE res AS ${w.duckSql}`)));
    log(
      `  run ${r + 1}: freshet ${fmtRate(w.rows / fRuns[fRuns.length - 1]!.cpuSeconds)}, plain-JS ${fmtRate(w.rows / pRuns[r]!.cpuSeconds)}, DuckDB ${fmtRate(w.rows / dRuns[r]!.cpuSeconds)} rows/cpu-s`,
    );
  }
  // The first Freshet run also warmed the code; drop it when there are later ones.
  if (fRuns.length > 1) fRuns.shift();
  conn.closeSync();
  duck.closeSync();

  const rate = (runs: Timed<unknown>[]) => ({
    cpu: median(runs.map((r) => w.rows / r.cpuSeconds)),
    wall: median(runs.map((r) => w.rows / r.wallSeconds)),
  });
  const reference = duckRows;
  const check = (s: MultisetSink) => {
    const problem = reference.diff(s);
    return { netRows: s.size(), digest: s.digest(), same: problem === null, ...(problem === null ? {} : { difference: problem }) };
  };
  const fr = rate(fRuns);
  const pr = rate(pRuns);
  const dr = rate(dRuns);
  const systems: E2eSystemResult[] = [
    { id: 'freshet', rowsPerCpuSec: fr.cpu, rowsPerSec: fr.wall, outputRecords: null, ...check(freshetRows) },
    { id: 'plainjs', rowsPerCpuSec: pr.cpu, rowsPerSec: pr.wall, outputRecords: plain.outputRecords, ...check(plainRows) },
    { id: 'duckdb', rowsPerCpuSec: dr.cpu, rowsPerSec: dr.wall, outputRecords: null, ...check(duckRows) },
  ];
  return {
    name,
    title: w.title,
    rows: w.rows,
    systems,
    ofPlainJs: fr.cpu / pr.cpu,
    ofDuckDb: fr.cpu / dr.cpu,
    readTableMs: sinkRead.cpuSeconds * 1000,
    datagenRowsPerCpuSec: w.rows / made.cpuSeconds,
    state,
    resultsAgree: systems.every((s) => s.same),
  };
}

function fmtRate(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : `${Math.round(n / 1e3)}k`;
}

export function formatE2e(results: E2eResult[]): string {
  const lines: string[] = [];
  lines.push('', 'End to end (script -> compile -> simulation -> jdbc sink), input rows per CPU-second:', '');
  lines.push('| workload | rows | Freshet e2e | plain-JS | DuckDB (1 thread) | Freshet/plain-JS | Freshet/DuckDB | datagen alone | sink read | results |');
  lines.push('|---|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    const by = (id: string) => r.systems.find((s) => s.id === id)!;
    lines.push(
      `| ${r.title} | ${r.rows.toLocaleString('en-US')} | ${fmtRate(by('freshet').rowsPerCpuSec)} | ${fmtRate(by('plainjs').rowsPerCpuSec)} | ${fmtRate(by('duckdb').rowsPerCpuSec)} | ${r.ofPlainJs.toFixed(2)}x | ${r.ofDuckDb.toFixed(3)}x | ${fmtRate(r.datagenRowsPerCpuSec)} | ${r.readTableMs.toFixed(0)} ms | ${r.resultsAgree ? 'SAME' : 'DIFFERENT'} (${by('duckdb').netRows.toLocaleString('en-US')} rows) |`,
    );
  }
  for (const r of results) {
    for (const s of r.systems) if (!s.same) lines.push(`  ${r.name}: ${s.id} differs from DuckDB: ${s.difference}`);
    if (r.state)
      lines.push(
        `  ${r.name}: ${r.state.groups.toLocaleString('en-US')} groups, state metrics ${r.state.stateRows.toLocaleString('en-US')} rows / ${(r.state.stateBytes / r.state.groups).toFixed(0)} bytes per group`,
      );
  }
  lines.push('', 'Goal (issue 14): Freshet end to end at least 0.5x plain-JS on every workload.');
  return lines.join('\n') + '\n';
}

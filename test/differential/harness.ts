// The differential harness: one query, run by the Freshet engine over generated files and by
// DuckDB over the net input, final sink tables compared as multisets.
//
// - Engine side: a Flink SQL script per (case, seed): the inputs as `filesystem` tables (CSV with a
//   header, JSON lines, changelog-json), one sink, one INSERT (or, for pipeline cases, intermediate
//   tables and jobs before it). The seed varies the generated data, the simulator's seed (arrival
//   order, batch cuts), jitter, tick, source speed, parallelism, checkpointing and sink flushing.
// - Sinks: a case with `key` writes an upsert `jdbc` table with that PRIMARY KEY and the harness
//   reads the table; a case without a key writes a retract sink (SINKS.retract) and the harness
//   folds the sink's full changelog into a multiset, strictly (a retraction of a row that is not
//   there is a failure). `sink: 'append'` uses a jdbc table without a key (insert-only results).
// - DuckDB side: the net rows of every input (changelogs applied) loaded through Arrow IPC into
//   tables of the same names, then the same SELECT (or the case's DuckDB variant for dialect
//   differences).
// - Comparison: order-insensitive; DOUBLE within 1e-9 and FLOAT within 1e-6 (relative); DECIMAL rounded to
//   the sink column's scale; timestamps and dates compared as instants/days (and the engine's text
//   format checked); everything else exact.
// - Failover suite: upsert-sink cases again, with every unfinished job restored from its last
//   checkpoint in the middle of the run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulation as engineCreateSimulation, type FreshetSimulation, type SimulationOptions, type TableData } from '../../src/engine/index';
import { openDuck, unscaledDecimal, type Duck } from '../../src/cli/duckdb';
import { encodeDebezium, encodeFile, genDataset, netRows, type ColumnDef, type Dataset } from './gen';

export type { ColumnDef } from './gen';
export { cols } from './gen';

export interface DiffCase {
  name: string;
  /** Input tables the query reads (names of the generated dataset). */
  inputs: string[];
  /** Sink columns, in SELECT order. */
  sink: ColumnDef[];
  /** The sink's PRIMARY KEY: an upsert sink by this key. Absent: a retract sink (or `append`). */
  key?: string[];
  /** Override the sink kind: 'append' = jdbc without a key (insert-only results only). */
  sinkKind?: 'append' | 'retract';
  /** The query (SELECT / WITH ... SELECT / ... UNION ALL ...) in Flink SQL. */
  sql: string;
  /** The same query in DuckDB's dialect, when it differs. */
  duck?: string;
  /** Statements placed before the sink's INSERT: intermediate tables and the jobs that fill them. */
  setup?: string;
  /** Replaces `INSERT INTO diff_sink <sql>` on the engine side (e.g. an EXECUTE STATEMENT SET). */
  statements?: string;
  /** A multi-job case whose intermediate tables are exactly-once or idempotent: run it in the failover suite too. */
  failoverSafe?: boolean;
  /** Set when the engine is known to get this case wrong: the test is `it.fails`; name the bug. */
  knownIssue?: string;
}

export type SinkKind = 'upsert' | 'append' | 'retract';

/** jdbc buffer flushing per seed: the default, every row, and small buffers on a short interval (2 sink subtasks). */
function jdbcFlush(seed: number): string {
  const i = ((seed % 3) + 3) % 3;
  return [``, `, 'sink.buffer-flush.max-rows' = '1'`, `, 'sink.buffer-flush.max-rows' = '5', 'sink.buffer-flush.interval' = '200 ms', 'sink.parallelism' = '2'`][i]!;
}

/** The connector options of each sink kind: one line each, to change in one place. */
export const SINKS: Record<SinkKind, (table: string, seed: number) => string> = {
  upsert: (t, seed) => `'connector' = 'jdbc', 'url' = 'jdbc:mysql://localhost:3306/diff', 'table-name' = '${t}'${jdbcFlush(seed)}`,
  append: (t, seed) => `'connector' = 'jdbc', 'url' = 'jdbc:mysql://localhost:3306/diff', 'table-name' = '${t}'${jdbcFlush(seed)}`,
  retract: () => `'connector' = 'print'`,
};

export const SINK_TABLE = 'diff_sink';

/** Seeds every case runs with; `FRESHET_DIFF_SEEDS=1,2,3,4` widens a run. */
export const SEEDS: number[] = (process.env['FRESHET_DIFF_SEEDS'] ?? '1,2,3')
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => Number.isInteger(n));
// No seed would register no tests: every suite would pass with zero cases.
if (SEEDS.length === 0) throw new Error(`FRESHET_DIFF_SEEDS='${process.env['FRESHET_DIFF_SEEDS']}' holds no integer seed`);

/** Simulator settings per seed: parallelism, jitter, source speed and checkpointing vary with the seed. */
export function simSettings(seed: number): Record<string, string> {
  const i = ((seed % 3) + 3) % 3;
  return {
    // Source reads per tick: about 20, 2 (a trickle over many ticks) and 2000 (everything at once,
    // cut into up to 9 batches interleaved across sources).
    'parallelism.default': String([2, 1, 4][i]),
    'sim.jitter': String([0.5, 0.2, 0.9][i]),
    'sim.batch.splits': String([4, 2, 8][i]),
    'sim.cost.source.rps': String([100, 40, 2000][i]),
    'sim.changelog.max-entries': '1000000',
    'sim.tick': ['100 ms', '50 ms', '250 ms'][i]!,
    ...(i === 0 ? {} : { 'execution.checkpointing.interval': ['', '300 ms', '100 ms'][i]! }),
    // A TTL far beyond the run's virtual length must not change any result.
    ...(i === 2 ? { 'table.exec.state.ttl': '1 h' } : {}),
  };
}

export function sinkKindOf(c: DiffCase): SinkKind {
  if (c.key && c.key.length > 0) return 'upsert';
  return c.sinkKind ?? 'retract';
}

function quoteSql(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

function fileName(t: { name: string; format: string }): string {
  return `${t.name}.${t.format === 'csv' ? 'csv' : 'json'}`;
}

/** The Flink SQL script and its files for one case and seed. */
export function buildScript(c: DiffCase, seed: number, data: Dataset): { script: string; files: Record<string, string> } {
  const lines: string[] = [];
  for (const [k, v] of Object.entries(simSettings(seed))) lines.push(`SET ${quoteSql(k)} = ${quoteSql(v)};`);
  const files: Record<string, string> = {};
  for (const name of c.inputs) {
    const t = data[name];
    if (!t) throw new Error(`case ${c.name}: no generated table '${name}'`);
    const path = fileName(t);
    files[path] = encodeFile(t);
    // The same changelog in Debezium JSON, for cases that declare a debezium-json table over it.
    if (t.format === 'changelog-json') files[`${t.name}.debezium.json`] = encodeDebezium(t);
    const opts = [`'connector' = 'filesystem'`, `'path' = ${quoteSql(path)}`, `'format' = ${quoteSql(t.format)}`];
    if (t.format === 'csv') opts.push(`'csv.null-literal' = '\\N'`);
    const defs = t.columns.map((col) => `${col.name} ${col.type}`);
    if (t.watermark) defs.push(`WATERMARK FOR ${t.watermark.column} AS ${t.watermark.expr}`);
    lines.push(`CREATE TABLE ${t.name} (\n  ${defs.join(',\n  ')}\n) WITH (${opts.join(', ')});`);
  }
  const kind = sinkKindOf(c);
  const cols = c.sink.map((col) => `${col.name} ${col.type}`);
  if (kind === 'upsert') cols.push(`PRIMARY KEY (${c.key!.join(', ')}) NOT ENFORCED`);
  lines.push(`CREATE TABLE ${SINK_TABLE} (\n  ${cols.join(',\n  ')}\n) WITH (${SINKS[kind](SINK_TABLE, seed)});`);
  if (c.setup) lines.push(c.setup.trim());
  if (c.statements) lines.push(c.statements.trim());
  else lines.push(`INSERT INTO ${SINK_TABLE}\n${c.sql.trim().replace(/;\s*$/, '')};`);
  return { script: lines.join('\n') + '\n', files };
}

// ---- comparison ---------------------------------------------------------------------------

type ColClass = { k: 'float'; tol: number } | { k: 'decimal'; scale: number } | { k: 'int' } | { k: 'timestamp' } | { k: 'date' } | { k: 'bool' } | { k: 'string' };

function classOf(type: string): ColClass {
  const t = type.trim().toUpperCase();
  // FLOAT is 32-bit: compared at its own precision.
  if (/^(FLOAT|REAL)\b/.test(t)) return { k: 'float', tol: FLOAT_REL_TOL };
  if (/^DOUBLE\b/.test(t)) return { k: 'float', tol: REL_TOL };
  const dec = /^(DECIMAL|NUMERIC|DEC)\s*(?:\(\s*\d+\s*(?:,\s*(\d+)\s*)?\))?/.exec(t);
  if (dec) return { k: 'decimal', scale: Number(dec[2] ?? 0) };
  if (/^(TINYINT|SMALLINT|INT|INTEGER|BIGINT)\b/.test(t)) return { k: 'int' };
  if (/^TIMESTAMP/.test(t)) return { k: 'timestamp' };
  if (/^DATE\b/.test(t)) return { k: 'date' };
  if (/^BOOLEAN\b/.test(t)) return { k: 'bool' };
  return { k: 'string' };
}

const TS_TEXT = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/;
const DATE_TEXT = /^\d{4}-\d{2}-\d{2}$/;

/** A value's comparable form: an exact key, or a number compared with tolerance. */
type Norm = { exact: string } | { num: number; tol: number };

function normalize(v: unknown, cls: ColClass): Norm {
  if (v === null || v === undefined) return { exact: 'NULL' };
  switch (cls.k) {
    case 'float':
      if (typeof v === 'number' && Number.isFinite(v)) return { num: v, tol: cls.tol };
      return { exact: `f:${String(v)}` };
    case 'decimal': {
      // Exact: the unscaled value at the column's scale, from the number's shortest text or the
      // exact digits a wide DECIMAL comes as (both sides give values so).
      if (typeof v !== 'number' && typeof v !== 'string' && typeof v !== 'bigint') return { exact: `bad:${String(v)}` };
      try {
        return { exact: `d:${unscaledDecimal(v, cls.scale).toString()}` };
      } catch {
        return { exact: `bad:${String(v)}` };
      }
    }
    case 'int':
      if (typeof v === 'number' && Number.isInteger(v)) return { exact: `i:${v}` };
      if (typeof v === 'bigint') return { exact: `i:${v.toString()}` };
      if (typeof v === 'string' && /^-?\d+$/.test(v)) return { exact: `i:${BigInt(v).toString()}` };
      return { exact: `bad:${JSON.stringify(v)}` };
    case 'timestamp': {
      const m = typeof v === 'string' ? TS_TEXT.exec(v) : null;
      if (!m) return { exact: `bad-ts:${JSON.stringify(v)}` };
      return { exact: `t:${m.slice(1, 7).join('')}.${(m[7] ?? '').padEnd(3, '0')}` };
    }
    case 'date':
      return typeof v === 'string' && DATE_TEXT.test(v) ? { exact: `D:${v}` } : { exact: `bad-date:${JSON.stringify(v)}` };
    case 'bool':
      return typeof v === 'boolean' ? { exact: `b:${v}` } : { exact: `bad:${JSON.stringify(v)}` };
    case 'string':
      return typeof v === 'string' ? { exact: `s:${v}` } : { exact: `bad:${JSON.stringify(v)}` };
  }
}

export const REL_TOL = 1e-9;
export const FLOAT_REL_TOL = 1e-6;
export const ABS_TOL = 1e-9;

function close(a: number, b: number, rel: number): boolean {
  return Math.abs(a - b) <= Math.max(ABS_TOL, rel * Math.max(Math.abs(a), Math.abs(b)));
}

interface NormRow {
  key: string;
  nums: number[];
  tols: number[];
  raw: unknown[];
}

function normRow(row: readonly unknown[], classes: ColClass[]): NormRow {
  const parts: string[] = [];
  const nums: number[] = [];
  const tols: number[] = [];
  classes.forEach((cls, i) => {
    const n = normalize(row[i], cls);
    if ('num' in n) {
      parts.push('~');
      nums.push(n.num);
      tols.push(n.tol);
    } else parts.push(n.exact);
  });
  return { key: JSON.stringify(parts), nums, tols, raw: [...row] };
}

function cmpNums(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

export interface Mismatch {
  missing: unknown[][];
  unexpected: unknown[][];
}

/** Multiset difference of two row lists under the sink column types; null when equal. */
export function compareRows(expected: readonly unknown[][], actual: readonly unknown[][], columns: readonly ColumnDef[]): Mismatch | null {
  const classes = columns.map((c) => classOf(c.type));
  const group = (rows: readonly unknown[][]): Map<string, NormRow[]> => {
    const m = new Map<string, NormRow[]>();
    for (const r of rows) {
      const n = normRow(r, classes);
      const g = m.get(n.key);
      if (g) g.push(n);
      else m.set(n.key, [n]);
    }
    for (const g of m.values()) g.sort((a, b) => cmpNums(a.nums, b.nums));
    return m;
  };
  const e = group(expected);
  const a = group(actual);
  const missing: unknown[][] = [];
  const unexpected: unknown[][] = [];
  for (const [key, eg] of e) {
    const ag = a.get(key) ?? [];
    // Greedy match of the tolerance-compared numbers within one exact key.
    const used = new Array<boolean>(ag.length).fill(false);
    for (const er of eg) {
      const j = ag.findIndex((ar, idx) => !used[idx] && ar.nums.every((x, k) => close(x, er.nums[k]!, er.tols[k]!)));
      if (j < 0) missing.push(er.raw);
      else used[j] = true;
    }
    ag.forEach((ar, idx) => {
      if (!used[idx]) unexpected.push(ar.raw);
    });
  }
  for (const [key, ag] of a) if (!e.has(key)) for (const ar of ag) unexpected.push(ar.raw);
  return missing.length === 0 && unexpected.length === 0 ? null : { missing, unexpected };
}

export function describeMismatch(m: Mismatch, expectedCount: number, actualCount: number, limit = 12): string {
  const fmt = (rows: unknown[][]): string =>
    rows
      .slice(0, limit)
      .map((r) => '    ' + JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)))
      .join('\n') + (rows.length > limit ? `\n    ... ${rows.length - limit} more` : '');
  return [
    `expected ${expectedCount} rows (DuckDB), got ${actualCount} (engine)`,
    m.missing.length ? `  missing from the engine's sink (${m.missing.length}):\n${fmt(m.missing)}` : '',
    m.unexpected.length ? `  unexpected in the engine's sink (${m.unexpected.length}):\n${fmt(m.unexpected)}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

// ---- the engine ---------------------------------------------------------------------------

export type CreateSimulation = (script: string, options: SimulationOptions) => FreshetSimulation;

/** Folds a changelog into a multiset, strictly: retracting an absent row is reported. */
export function foldChangelog(entries: readonly { kind: string; row: unknown[] }[]): { rows: unknown[][]; errors: string[] } {
  const live = new Map<string, { row: unknown[]; n: number }>();
  const errors: string[] = [];
  entries.forEach((e, i) => {
    const k = JSON.stringify(e.row, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
    const cur = live.get(k);
    if (e.kind === '+I' || e.kind === '+U') {
      if (cur) cur.n++;
      else live.set(k, { row: e.row, n: 1 });
    } else if (e.kind === '-U' || e.kind === '-D') {
      if (!cur) errors.push(`change #${i + 1} ${e.kind} ${k} retracts a row the sink does not hold`);
      else if (--cur.n === 0) live.delete(k);
    } else errors.push(`change #${i + 1} has an unknown kind ${JSON.stringify(e.kind)}`);
  });
  const rows: unknown[][] = [];
  for (const { row, n } of live.values()) for (let i = 0; i < n; i++) rows.push([...row]);
  return { rows, errors };
}

export interface EngineRun {
  rows: unknown[][];
  /** Problems other than row differences: job failure, bad changelog, wrong columns. */
  problems: string[];
}

export interface RunOptions {
  /** Fail over (restore every unfinished job from its last completed checkpoint) at this virtual time. */
  failoverAtMs?: number;
}

export function runEngine(createSimulation: CreateSimulation, c: DiffCase, seed: number, data: Dataset, opts: RunOptions = {}): EngineRun {
  const { script, files } = buildScript(c, seed, data);
  const problems: string[] = [];
  const sim = createSimulation(script, { seed, files, fileName: `${c.name}.sql` });
  if (opts.failoverAtMs !== undefined) {
    const before = sim.runFor(opts.failoverAtMs);
    if (before.status === 'failed') problems.push(`simulation failed before the failover: ${before.error ?? ''}`);
    sim.restoreFromLastCheckpoint();
  }
  const step = sim.runToEnd(24 * 3_600_000);
  if (step.status !== 'finished') problems.push(`simulation ${step.status}${step.error ? `: ${step.error}` : ''} at ${step.now} ms`);
  const kind = sinkKindOf(c);
  let rows: unknown[][];
  if (kind === 'retract') {
    const entries = sim.changelog(SINK_TABLE, Number.MAX_SAFE_INTEGER);
    const total = sim.metrics().tables.find((t) => t.name === SINK_TABLE)?.changes;
    if (total !== undefined && total !== entries.length) problems.push(`the sink's changelog holds ${entries.length} of ${total} changes`);
    const folded = foldChangelog(entries);
    problems.push(...folded.errors.slice(0, 5));
    rows = folded.rows;
  } else {
    const table: TableData = sim.readTable(SINK_TABLE);
    const names = table.columns.map((col) => col.name.toLowerCase());
    const want = c.sink.map((col) => col.name.toLowerCase());
    if (JSON.stringify(names) !== JSON.stringify(want)) problems.push(`sink columns ${JSON.stringify(names)}, expected ${JSON.stringify(want)}`);
    rows = table.rows;
  }
  const badWidth = rows.find((r) => r.length !== c.sink.length);
  if (badWidth) problems.push(`a sink row has ${badWidth.length} values, the sink has ${c.sink.length} columns: ${JSON.stringify(badWidth)}`);
  return { rows, problems };
}

// ---- DuckDB -------------------------------------------------------------------------------

/** One DuckDB per test file; the dataset of a seed is loaded once and reused by every case. */
export class DuckSide {
  private duck: Duck | null = null;
  private loadedSeed: number | null = null;
  private readonly datasets = new Map<number, Dataset>();

  async open(): Promise<void> {
    this.duck = await openDuck();
  }

  close(): void {
    this.duck?.close();
    this.duck = null;
  }

  dataset(seed: number): Dataset {
    let d = this.datasets.get(seed);
    if (!d) {
      d = genDataset(seed);
      this.datasets.set(seed, d);
    }
    return d;
  }

  run(c: DiffCase, seed: number): unknown[][] {
    const duck = this.duck;
    if (!duck) throw new Error('DuckDB is not open');
    if (this.loadedSeed !== seed) {
      for (const t of Object.values(this.dataset(seed))) duck.loadTable(t.name, t.columns, netRows(t));
      this.loadedSeed = seed;
    }
    const result = duck.query(c.duck ?? c.sql);
    if (result.columns.length !== c.sink.length)
      throw new Error(`case ${c.name}: DuckDB returned ${result.columns.length} columns, the sink has ${c.sink.length}`);
    return result.rows;
  }
}

/** Virtual time a case's simulation takes to finish (for placing a failover). */
export function engineDuration(createSimulation: CreateSimulation, c: DiffCase, seed: number, data: Dataset): number {
  const { script, files } = buildScript(c, seed, data);
  const sim = createSimulation(script, { seed, files, fileName: `${c.name}.sql` });
  return sim.runToEnd(24 * 3_600_000).now;
}

// ---- registering cases --------------------------------------------------------------------

/** One DuckDB per describe block, opened before its tests and closed after. */
function duckPerSuite(): DuckSide {
  const duck = new DuckSide();
  beforeAll(() => duck.open());
  afterAll(() => duck.close());
  return duck;
}

/** Throws with the engine's problems, the row differences and the script, unless there are none. */
function assertSameRows(c: DiffCase, seed: number, data: Dataset, expected: unknown[][], got: EngineRun, context: string): void {
  const mismatch = compareRows(expected, got.rows, c.sink);
  const report = [...got.problems, mismatch ? describeMismatch(mismatch, expected.length, got.rows.length) : ''].filter(Boolean);
  if (report.length > 0) {
    const { script } = buildScript(c, seed, data);
    throw new Error(`case ${c.name} seed ${seed}${context}:\n${report.join('\n')}\n--- script ---\n${script}`);
  }
}

/** Registers one test per (case, seed) in the calling test file. */
export function defineDifferentialSuite(title: string, cases: readonly DiffCase[]): void {
  const names = new Set<string>();
  for (const c of cases) {
    if (names.has(c.name)) throw new Error(`duplicate case name ${c.name}`);
    names.add(c.name);
  }
  describe(title, () => {
    const duck = duckPerSuite();

    // Seed-major, so that DuckDB loads each seed's dataset once per file.
    for (const seed of SEEDS) {
      for (const c of cases) {
        // A known engine issue runs as it.fails; its DuckDB side must still work on its own.
        if (c.knownIssue)
          it(`${c.name} [seed ${seed}] DuckDB side`, () => {
            expect(duck.run(c, seed).length).toBeGreaterThan(0);
          });
        const test = c.knownIssue ? it.fails : it;
        test(`${c.name} [seed ${seed}]`, () => {
          const expected = duck.run(c, seed);
          if (process.env['FRESHET_DIFF_VERBOSE']) console.log(`${c.name} [seed ${seed}]: DuckDB ${expected.length} rows`);
          // A case whose DuckDB result is empty proves nothing.
          expect(expected.length, `case ${c.name} seed ${seed}: DuckDB result is empty`).toBeGreaterThan(0);
          const got = runEngine(engineCreateSimulation, c, seed, duck.dataset(seed));
          if (process.env['FRESHET_DIFF_VERBOSE']) console.log(`${c.name} [seed ${seed}]: engine ${got.rows.length} rows`);
          assertSameRows(c, seed, duck.dataset(seed), expected, got, '');
        });
      }
    }
  });
}

/**
 * Failover: each single-job case with an upsert (jdbc) sink runs, fails over at a seeded point
 * (every unfinished job restarts from its last completed checkpoint, or from the start), and runs
 * to the end. Upserts are idempotent, so the final table must still equal DuckDB's result.
 * (Retract and append sinks are at-least-once in Flink: a replay duplicates rows by design.)
 */
export function defineFailoverSuite(title: string, cases: readonly DiffCase[]): void {
  const eligible = cases.filter((c) => sinkKindOf(c) === 'upsert' && !c.knownIssue && ((!c.setup && !c.statements) || c.failoverSafe));
  describe(title, () => {
    const duck = duckPerSuite();
    for (const seed of SEEDS) {
      for (const c of eligible) {
        it(`${c.name} [seed ${seed}, failover]`, () => {
          const expected = duck.run(c, seed);
          const data = duck.dataset(seed);
          const total = engineDuration(engineCreateSimulation, c, seed, data);
          // Fail over somewhere in the run: 30% to 80% of it, varied by seed and case.
          const fraction = 0.3 + 0.5 * (((seed * 7919 + c.name.length * 104729) % 100) / 100);
          const at = Math.max(1, Math.floor(total * fraction));
          const got = runEngine(engineCreateSimulation, c, seed, data, { failoverAtMs: at });
          assertSameRows(c, seed, data, expected, got, `, failover at ${at} of ${total} ms`);
        });
      }
    }
  });
}

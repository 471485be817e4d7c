// The downstream impact of a repair (MERGE INTO, INSERT OVERWRITE), counted, not estimated:
// each repair runs on its own copy of the simulation at the current virtual time and is observed
// for `observeMs` after its jobs end; one more copy runs on without any repair to the same times.
// Every number is the repaired copy's minus the baseline's at the same virtual time, so changes
// other jobs make meanwhile (a streaming writer of the same table, a reader's own input) cancel
// out and what remains is what the repair caused. docs/simulation.md, "Repair impact".
import type { RepairComparison, RepairImpact, RepairReaderImpact, RepairTargetImpact } from '../api';
import type { SimulationRuntime } from './simulation';

/** Job ids runRepair gives the jobs it adds; a repair is never a reader of another repair. */
const REPAIR_JOB_PREFIX = 'repair-';

/** What one copy holds at one virtual time, for the tables and jobs a repair concerns. */
interface Measure {
  /** Per target table: its changelog count and its rows as a reader sees them (as JSON text, a multiset). */
  tables: Map<string, { changes: number; rows: Map<string, number> }>;
  /** Per `jobId/table`: records its sources of the table emitted, records its sink received. */
  readers: Map<string, { received: number; emitted: number }>;
}

interface Reader {
  jobId: string;
  jobName: string;
  table: string;
}

function rowMultiset(rows: readonly unknown[][]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) {
    // Row values are plain data (numbers, strings, booleans, null, bigint): a bigint's digits keep it exact.
    const key = JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

function measure(sim: SimulationRuntime, targets: readonly string[], readers: readonly Reader[]): Measure {
  const tables = new Map<string, { changes: number; rows: Map<string, number> }>();
  for (const t of targets) {
    const store = sim.stores.get(t.toLowerCase());
    tables.set(t, { changes: store ? store.changes(sim.now()) : 0, rows: rowMultiset(sim.readTable(t).rows) });
  }
  const out = new Map<string, { received: number; emitted: number }>();
  for (const r of readers) {
    const job = sim.jobs.find((j) => j.id === r.jobId);
    let received = 0;
    let emitted = 0;
    if (job) {
      const counters = job.graph.counters;
      job.plan.nodes.forEach((node, i) => {
        if (node.kind === 'Source' && node.table.toLowerCase() === r.table.toLowerCase()) received += counters.recordsOut[i] ?? 0;
        if (node.kind === 'Sink') emitted += counters.recordsIn[i] ?? 0;
      });
    }
    out.set(`${r.jobId}/${r.table}`, { received, emitted });
  }
  return { tables, readers: out };
}

/** Rows in `a` not in `b`, counting duplicates. */
function missingFrom(a: Map<string, number>, b: Map<string, number>): number {
  let n = 0;
  for (const [k, count] of a) n += Math.max(0, count - (b.get(k) ?? 0));
  return n;
}

/** The streaming jobs of the pipeline (not repairs) that read one of `targets`. */
function readersOf(sim: SimulationRuntime, targets: readonly string[]): Reader[] {
  const out: Reader[] = [];
  for (const job of sim.jobs) {
    if (job.id.startsWith(REPAIR_JOB_PREFIX)) continue;
    for (const t of targets)
      if (job.plan.nodes.some((n) => n.kind === 'Source' && n.table.toLowerCase() === t.toLowerCase()))
        out.push({ jobId: job.id, jobName: job.plan.name, table: t });
  }
  return out;
}

interface Repaired {
  impact: RepairImpact;
  targets: string[];
  readers: Reader[];
  endAt: number;
  after: Measure | null;
}

/**
 * Runs each of `texts` on its own copy of `sim` (which is not changed) and returns what each did;
 * `sameResult` says whether the finished ones left their targets with the same rows.
 */
export function compareRepairs(sim: SimulationRuntime, texts: readonly string[], observeMs: number): RepairComparison {
  const atMs = sim.now();
  const runs: Repaired[] = texts.map((text) => {
    const copy = sim.copyNow();
    const result = copy.runRepair(text);
    const targets = [...new Set(result.jobIds.map((id) => copy.jobs.find((j) => j.id === id)!.sinkTable))];
    const readers = readersOf(copy, targets);
    const impact: RepairImpact = { text, status: result.status, error: result.error, diagnostics: result.diagnostics, targets: [], readers: [] };
    if (result.status === 'rejected') return { impact, targets, readers, endAt: atMs, after: null };
    copy.runFor(observeMs);
    return { impact, targets, readers, endAt: copy.now(), after: measure(copy, targets, readers) };
  });
  // One baseline copy, advanced to each run's end time in turn.
  const measured = runs.filter((r) => r.after !== null).sort((a, b) => a.endAt - b.endAt);
  if (measured.length > 0) {
    const baseline = sim.copyNow();
    for (const run of measured) {
      baseline.runFor(run.endAt - baseline.now());
      const before = measure(baseline, run.targets, run.readers);
      const after = run.after!;
      run.impact.targets = run.targets.map((table): RepairTargetImpact => {
        const a = after.tables.get(table)!;
        const b = before.tables.get(table)!;
        return { table, rowsRemoved: missingFrom(b.rows, a.rows), rowsAdded: missingFrom(a.rows, b.rows), changes: a.changes - b.changes };
      });
      run.impact.readers = run.readers.map((r): RepairReaderImpact => {
        const key = `${r.jobId}/${r.table}`;
        const a = after.readers.get(key)!;
        const b = before.readers.get(key)!;
        return { ...r, received: a.received - b.received, emitted: a.emitted - b.emitted };
      });
    }
  }
  const finished = runs.filter((r) => r.impact.status === 'finished' && r.after !== null);
  let sameResult: boolean | null = null;
  if (finished.length >= 2) {
    const rowsOf = (r: Repaired): string =>
      JSON.stringify(r.targets.map((t) => [t.toLowerCase(), [...r.after!.tables.get(t)!.rows.entries()].sort()]).sort());
    sameResult = finished.every((r) => rowsOf(r) === rowsOf(finished[0]!));
  }
  return { atMs, observeMs, runs: runs.map((r) => r.impact), sameResult };
}

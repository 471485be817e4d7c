// Failover over the lake pipeline (lake-pipeline.ts): seeded random fault schedules restore every
// unfinished job from its last completed checkpoint at 1 to 3 points of the run (before, during
// and after the writers finish, while checkpoints are in flight, between a checkpoint's barrier
// and its completion). Flink's Iceberg sink is exactly-once: every table (upsert v2 and v3, keyed
// non-upsert, append, and the jdbc tables the bounded second jobs fill) must equal the fault-free
// run, and no checkpoint may be committed twice: per writer (flink.job-id, flink.operator-id) the
// snapshots' flink.max-committed-checkpoint-id strictly increases.
//
//   npx vitest run test/differential/lake-failover.test.ts          # 20 schedules
//   FRESHET_FAULTS=200 npx vitest run test/differential/lake-failover.test.ts
import { describe, expect, it } from 'vitest';
import { createSimulation, type FreshetSimulation } from '../../src/engine/index';
import { compareRows, describeMismatch } from './harness';
import { Rng } from './gen';
import { genLakeDataset } from './lake-gen';
import { LAKE_OUTPUTS, V3_LAKE_TABLES, lakeInvariantProblems, lakeScript } from './lake-pipeline';

/** Fault schedules in a run: 20 by default, `FRESHET_FAULTS=200` for a long run. */
const SCHEDULES = Math.max(1, Math.floor(Number(process.env['FRESHET_FAULTS'] ?? '20') || 20));
/** Data seeds the schedules cycle through (each also varies parallelism, tick and checkpoint interval). */
const DATA_SEEDS = [1, 2, 3, 4, 5];
/** Half the rows of the differential suite: enough commits, and 20 schedules stay fast. */
const SCALE = 0.5;

interface Run {
  sim: FreshetSimulation;
  script: string;
  endMs: number;
}

function start(seed: number): { sim: FreshetSimulation; script: string } {
  const { script, files } = lakeScript(seed, genLakeDataset(seed, SCALE));
  return { sim: createSimulation(script, { seed, files, fileName: `lake-${seed}.sql` }), script };
}

const faultFree = new Map<number, Run>();
function faultFreeRun(seed: number): Run {
  let run = faultFree.get(seed);
  if (!run) {
    const { sim, script } = start(seed);
    const end = sim.runToEnd(3_600_000);
    if (end.status !== 'finished') throw new Error(`seed ${seed}: the fault-free run ${end.status}: ${end.error ?? ''}`);
    run = { sim, script, endMs: end.now };
    faultFree.set(seed, run);
  }
  return run;
}

/** 1 to 3 fault times in (0, 1.1 x the fault-free run's length], ascending. */
function faultTimes(schedule: number, endMs: number): number[] {
  const r = new Rng(0x1ce_b000 + schedule);
  const n = r.int(1, 3);
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push(r.int(1, Math.floor(endMs * 1.1)));
  return times.sort((a, b) => a - b);
}

/** A lake table's commits that repeat or go back: a checkpoint committed twice. */
function commitProblems(sim: FreshetSimulation, table: string): string[] {
  const problems: string[] = [];
  const snaps = sim.lakeSnapshots(table);
  const lastId = new Map<string, bigint>();
  snaps.forEach((s, i) => {
    const writer = `${s.summary['flink.job-id']}/${s.summary['flink.operator-id']}`;
    const raw = s.summary['flink.max-committed-checkpoint-id'];
    if (raw === undefined) {
      problems.push(`${table}: snapshot ${i} has no flink.max-committed-checkpoint-id`);
      return;
    }
    const id = BigInt(raw);
    const prev = lastId.get(writer);
    if (prev !== undefined && id <= prev) problems.push(`${table}: snapshot ${i} commits checkpoint ${id} of ${writer} after ${prev}`);
    lastId.set(writer, id);
  });
  return problems;
}

describe('lake failover: random fault schedules, exactly-once lake sinks', () => {
  for (let schedule = 1; schedule <= SCHEDULES; schedule++) {
    const seed = DATA_SEEDS[(schedule - 1) % DATA_SEEDS.length]!;
    it(`schedule ${schedule} [data seed ${seed}]`, () => {
      const reference = faultFreeRun(seed);
      const times = faultTimes(schedule, reference.endMs);
      const { sim } = start(seed);
      const restored: string[] = [];
      for (const at of times) {
        const before = sim.runFor(at - sim.now());
        expect(before.status, `schedule ${schedule}: before the fault at ${at} ms`).not.toBe('failed');
        restored.push(`${at} ms: ${sim.restoreFromLastCheckpoint().join(',') || 'none'}`);
      }
      const end = sim.runToEnd(3_600_000);
      const context = `schedule ${schedule}, seed ${seed}, faults ${restored.join('; ')} (fault-free run ends at ${reference.endMs} ms)`;
      expect(end, context).toMatchObject({ status: 'finished', error: null });

      const report: string[] = [];
      for (const out of LAKE_OUTPUTS) {
        const want = reference.sim.readTable(out.table).rows;
        const got = sim.readTable(out.table).rows;
        const mismatch = compareRows(want, got, out.columns);
        if (mismatch) report.push(`${out.table}: ${describeMismatch(mismatch, want.length, got.length).replace('(DuckDB)', '(fault-free run)')}`);
        if (out.lake) {
          report.push(...commitProblems(sim, out.table));
          report.push(...lakeInvariantProblems(sim, out.table, V3_LAKE_TABLES.includes(out.table) ? 3 : 2));
          const pending = sim.metrics().tables.find((t) => t.name === out.table)?.lake?.pendingRows;
          if (pending !== 0) report.push(`${out.table}: ${pending} rows still wait for a commit`);
        }
      }
      if (report.length > 0) throw new Error(`${context}:\n${report.join('\n')}\n--- script ---\n${reference.script}`);
    });
  }
});

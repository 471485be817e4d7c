// Differential: the lake pipeline (lake-pipeline.ts) against DuckDB. CDC inputs in changelog-json
// and debezium-json flow into upsert Iceberg v2 and v3 tables, retracting aggregations into keyed
// non-upsert v2/v3 tables, an insert-only input into an append table; a second set of jobs reads
// the lake tables bounded into jdbc tables. With checkpoints every 50-200 ms each lake table gets
// dozens of commits carrying equality deletes, position deletes (v2) and deletion vectors (v3).
// Every lake table, read as merge-on-read of its current snapshot, and every downstream table
// must equal DuckDB's batch answer over the net inputs.
//
//   npx vitest run test/differential/lake.test.ts
//   FRESHET_DIFF_SEEDS=$(seq -s, 6 30) npx vitest run test/differential/lake.test.ts   # more seeds
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulation } from '../../src/engine/index';
import { openDuck, type Duck } from '../../src/cli/duckdb';
import { compareRows, describeMismatch } from './harness';
import { SCALE } from './gen';
import { genLakeDataset } from './lake-gen';
import { LAKE_OUTPUTS, PARTITIONED_LAKE_TABLES, V3_LAKE_TABLES, lakeDuckInputs, lakeInvariantProblems, lakeScript, lakeSettings } from './lake-pipeline';

/** Five seeds by default (each varies data, parallelism, speed, tick and checkpoint interval). */
const LAKE_SEEDS: number[] = (process.env['FRESHET_DIFF_SEEDS'] ?? '1,2,3,4,5')
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => Number.isInteger(n));
if (LAKE_SEEDS.length === 0) throw new Error(`FRESHET_DIFF_SEEDS='${process.env['FRESHET_DIFF_SEEDS']}' holds no integer seed`);

/** Sum of one summary counter over a lake table's snapshots. */
function summed(snapshots: readonly { summary: Record<string, string> }[], key: string): number {
  return snapshots.reduce((n, s) => n + Number(s.summary[key] ?? 0), 0);
}

describe('differential: CDC into Iceberg v2/v3 tables and bounded reads of them', () => {
  let duck: Duck | null = null;
  beforeAll(async () => {
    duck = await openDuck();
  });
  afterAll(() => duck?.close());

  for (const seed of LAKE_SEEDS) {
    it(`lake pipeline [seed ${seed}]`, () => {
      const data = genLakeDataset(seed, SCALE);
      const { script, files } = lakeScript(seed, data);
      for (const t of lakeDuckInputs(data)) duck!.loadTable(t.name, t.columns, t.rows);

      const sim = createSimulation(script, { seed, files, fileName: `lake-${seed}.sql` });
      const end = sim.runToEnd(3_600_000);
      expect(end, `seed ${seed}: the run ends`).toMatchObject({ status: 'finished', error: null });
      if (lakeSettings(seed)['execution.checkpointing.timeout']) expect(sim.metrics().checkpoints.failed, `seed ${seed}: failed checkpoints`).toBeGreaterThan(0);

      const report: string[] = [];
      for (const out of LAKE_OUTPUTS) {
        const expected = duck!.query(out.duck).rows;
        expect(expected.length, `${out.table}: DuckDB's answer is empty, which proves nothing`).toBeGreaterThan(0);
        const table = sim.readTable(out.table);
        expect(table.columns.map((c) => c.name.toLowerCase())).toEqual(out.columns.map((c) => c.name));
        const mismatch = compareRows(expected, table.rows, out.columns);
        if (mismatch) report.push(`${out.table}: ${describeMismatch(mismatch, expected.length, table.rows.length)}`);
      }
      if (report.length > 0) throw new Error(`seed ${seed}:\n${report.join('\n')}\n--- script ---\n${script}`);

      // The run exercised what it is meant to: many commits, each kind of delete file where the
      // format version has it, and none where it has not.
      for (const out of LAKE_OUTPUTS.filter((o) => o.lake)) {
        const snaps = sim.lakeSnapshots(out.table);
        const v3 = V3_LAKE_TABLES.includes(out.table);
        const ctx = `seed ${seed} ${out.table}`;
        expect(lakeInvariantProblems(sim, out.table, v3 ? 3 : 2), ctx).toEqual([]);
        // Filled by a bounded read of another lake table (a few quick commits), or by an
        // insert-only input whose repeated keys rarely share a checkpoint: no delete-kind quotas.
        if (out.table === 'lake_dws_region' || out.table === 'lake_events_dedup_v3') continue;
        expect(snaps.length, ctx).toBeGreaterThanOrEqual(2);
        if (out.table === 'lake_events') {
          expect(summed(snaps, 'added-delete-files'), ctx).toBe(0);
          expect(new Set(snaps.map((s) => s.operation)), ctx).toEqual(new Set(['append']));
          continue;
        }
        expect(summed(snaps, 'added-equality-delete-files'), ctx).toBeGreaterThan(0);
        if (v3) {
          expect(summed(snaps, 'added-dvs'), ctx).toBeGreaterThan(0);
          expect(summed(snaps, 'added-position-delete-files'), ctx).toBe(0);
        } else {
          expect(summed(snaps, 'added-position-delete-files'), ctx).toBeGreaterThan(0);
          expect(summed(snaps, 'added-dvs'), ctx).toBe(0);
        }
        // PARTITIONED BY gives identity partitions: one $partitions row per value.
        const partitions = sim.readTable(`${out.table}$partitions`);
        if (PARTITIONED_LAKE_TABLES.includes(out.table)) {
          expect(partitions.columns[0]!.name, ctx).toBe('partition');
          expect(partitions.rows.length, ctx).toBeGreaterThan(1);
        } else expect(partitions.rows.length, ctx).toBe(1);
        // The last snapshot's totals describe the table a reader sees.
        const last = snaps.at(-1)!;
        expect(Number(last.summary['total-data-files']), ctx).toBeGreaterThan(1);
        expect(Number(last.summary['total-delete-files']), ctx).toBeGreaterThan(0);
      }
    });
  }
});

// Maintenance triggered by the `flink-maintenance.*` table options: compaction, snapshot expiry
// and equality-delete conversion run after the commits that reach their triggers, commit
// snapshots visible in $snapshots, and change files, never rows.
import { describe, expect, it } from 'vitest';
import { compile, createSimulation } from '../../index';

function script(version: string, maintenance: string): string {
  return `SET 'execution.checkpointing.interval' = '2 s';
CREATE TABLE g (id BIGINT, v INT) WITH ('connector' = 'datagen', 'rows-per-second' = '20', 'number-of-rows' = '400',
  'fields.id.min' = '1', 'fields.id.max' = '30', 'fields.v.min' = '0', 'fields.v.max' = '9');
CREATE TABLE lake (id BIGINT, v INT, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'iceberg', 'catalog-name' = 'c',
  'format-version' = '${version}', 'write.upsert.enabled' = 'true'${maintenance});
INSERT INTO lake SELECT id, v FROM g;`;
}

const sorted = (rows: unknown[][]) => rows.map((r) => JSON.stringify(r)).sort();

function run(text: string, seed = 3) {
  const sim = createSimulation(text, { seed });
  expect(sim.runToEnd()).toMatchObject({ status: 'finished', error: null });
  const snapshots = sim.readTable('lake$snapshots');
  const op = snapshots.columns.findIndex((c) => c.name === 'operation');
  return { sim, rows: sorted(sim.readTable('lake').rows), operations: snapshots.rows.map((r) => r[op] as string), files: sim.readTable('lake$files').rows.length };
}

describe('table maintenance by table options', () => {
  it("compaction every 3 commits commits 'replace' snapshots and keeps the rows", () => {
    const plain = run(script('2', ''));
    const compacted = run(script('2', `, 'flink-maintenance.rewrite.enabled' = 'true', 'flink-maintenance.rewrite.schedule.commit-count' = '3', 'flink-maintenance.rewrite.min-input-files' = '2'`));
    expect(compacted.rows).toEqual(plain.rows);
    expect(plain.operations).not.toContain('replace');
    const replaces = compacted.operations.filter((o) => o === 'replace').length;
    expect(replaces).toBeGreaterThan(0);
    // One replace per three writer commits at most.
    expect(replaces).toBeLessThanOrEqual(Math.floor((compacted.operations.length - replaces) / 3));
    expect(compacted.files).toBeLessThan(plain.files);
  });

  it('expiry keeps the last snapshots; conversion turns v3 equality deletes into deletion vectors', () => {
    const expired = run(script('2', `, 'flink-maintenance.expire-snapshots.enabled' = 'true', 'flink-maintenance.expire-snapshots.schedule.commit-count' = '2', 'flink-maintenance.expire-snapshots.max-snapshot-age-seconds' = '0', 'flink-maintenance.expire-snapshots.retain-last' = '2'`));
    expect(expired.operations.length).toBeLessThanOrEqual(3);
    expect(expired.rows).toEqual(run(script('2', '')).rows);

    const converted = run(script('3', `, 'flink-maintenance.convert-equality-deletes.enabled' = 'true'`));
    expect(converted.rows).toEqual(run(script('3', '')).rows);
    const deleteFiles = converted.sim.readTable('lake$delete_files');
    const content = deleteFiles.columns.findIndex((c) => c.name === 'content');
    // Every equality delete (content 2) became part of a deletion vector (content 1, PUFFIN).
    expect(deleteFiles.rows.map((r) => r[content])).not.toContain(2);
    expect(converted.operations).toContain('delete');
  });

  it('a restored job with maintenance ends with the rows of the fault-free run', () => {
    const text = script('2', `, 'flink-maintenance.rewrite.enabled' = 'true', 'flink-maintenance.rewrite.schedule.commit-count' = '2', 'flink-maintenance.rewrite.min-input-files' = '2', 'flink-maintenance.expire-snapshots.enabled' = 'true', 'flink-maintenance.expire-snapshots.max-snapshot-age-seconds' = '0'`);
    const clean = run(text);
    for (const at of [5_300, 9_100, 14_700]) {
      const sim = createSimulation(text, { seed: 3 });
      sim.runFor(at);
      sim.restoreFromLastCheckpoint();
      expect(sim.runToEnd()).toMatchObject({ status: 'finished', error: null });
      expect(sorted(sim.readTable('lake').rows)).toEqual(clean.rows);
    }
  });

  it('bad maintenance values are errors at the option', () => {
    const d = compile(script('2', `, 'flink-maintenance.rewrite.schedule.commit-count' = '0'`)).diagnostics.filter((x) => x.severity === 'error');
    expect(d.map((x) => `${x.span.start.line}:${x.span.start.column} ${x.message}`)).toEqual([
      "5:112 table lake: option 'flink-maintenance.rewrite.schedule.commit-count' must be a whole number of at least 1, not '0'",
    ]);
  });
});

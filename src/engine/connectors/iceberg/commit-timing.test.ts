// Commit-on-checkpoint timing, observed tick by tick through the simulator's public API: a row
// written at virtual time t becomes visible exactly when the first checkpoint whose barrier passed
// at or after t completes (two-phase commit: the barrier closes the files, the completion commits
// them), never earlier and never later; the snapshot's committed_at is that completion tick; a
// bounded job commits the rest at its end; without checkpointing a streaming job never commits.
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../index';

const TICK_MS = 50;

function script(table: string, rows: number | null, interval: string | null): string {
  const bounded = rows === null ? `'fields.id.end' = '1000000'` : `'number-of-rows' = '${rows}', 'fields.id.end' = '${rows}'`;
  return `
${interval === null ? '' : `SET 'execution.checkpointing.interval' = '${interval}';`}
SET 'sim.tick' = '${TICK_MS} ms';
CREATE TABLE g (id BIGINT, v INT) WITH ('connector' = 'datagen', 'rows-per-second' = '40', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', ${bounded});
${table}
INSERT INTO lake SELECT id, v FROM g;`;
}

const TABLES: Record<string, string> = {
  'append v2': `CREATE TABLE lake (id BIGINT, v INT) WITH ('connector' = 'iceberg', 'catalog-name' = 'c');`,
  'upsert v2': `CREATE TABLE lake (id BIGINT, v INT, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'iceberg', 'catalog-name' = 'c', 'write.upsert.enabled' = 'true');`,
  'upsert v3': `CREATE TABLE lake (id BIGINT, v INT, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'iceberg', 'catalog-name' = 'c', 'format-version' = '3', 'write.upsert.enabled' = 'true');`,
};

/**
 * Records pending per row written: the lake metric `pendingRows` counts the records of open data
 * and delete files, and an upsert of a new key writes an equality delete of the key and the row.
 */
const RECORDS_PER_ROW: Record<string, number> = { 'append v2': 1, 'upsert v2': 2, 'upsert v3': 2 };

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** TIMESTAMP_LTZ(3) text of an epoch-ms instant as the engine formats it (UTC; no fraction when whole seconds). */
function timestampText(ms: number): string {
  const d = new Date(ms);
  const base = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return d.getUTCMilliseconds() === 0 ? base : `${base}.${pad(d.getUTCMilliseconds(), 3)}`;
}

interface Observation {
  now: number;
  /** Rows written so far: visible plus waiting for a commit (ids are unique, so this holds for upserts too). */
  written: number;
  visibleIds: number[];
}

describe('iceberg sink: commit-on-checkpoint timing', () => {
  for (const [kind, ddl] of Object.entries(TABLES)) {
    for (const interval of ['300 ms', '120 ms']) {
      it(`${kind}, checkpoints every ${interval}: rows become visible exactly at the completion of the first checkpoint after them`, () => {
        const sim = createSimulation(script(ddl, 200, interval), { seed: 7 });
        const seen: Observation[] = [];
        let completed = 0;
        let snapshots = 0;
        let commits = 0;
        for (let step = 0; step < 1000 && sim.status() !== 'finished'; step++) {
          const result = sim.step();
          expect(result.error).toBeNull();
          const metrics = sim.metrics();
          const lake = metrics.tables.find((t) => t.name === 'lake')!.lake!;
          const visibleIds = sim.readTable('lake').rows.map((r) => Number(r[0]));
          const now = result.now;
          seen.push({ now, written: visibleIds.length + lake.pendingRows / RECORDS_PER_ROW[kind]!, visibleIds });
          const snaps = sim.lakeSnapshots('lake');
          const previous = seen.at(-2);
          const ckpt = metrics.checkpoints;
          if (ckpt.completed > completed && result.status !== 'finished') {
            completed = ckpt.completed;
            // The completion is seen on the first tick at or after the checkpoint's end...
            expect(ckpt.lastCompletedAt!).toBeLessThanOrEqual(now);
            expect(ckpt.lastCompletedAt!).toBeGreaterThan(now - TICK_MS);
            // ... which commits one snapshot at that tick, holding every row written up to the
            // barrier (the tick the checkpoint was triggered, its end minus its duration) and none after.
            expect(snaps.length).toBe(snapshots + 1);
            const snap = snaps.at(-1)!;
            expect(snap.committedAt).toBe(now);
            expect(snap.summary['flink.max-committed-checkpoint-id']).toBe(String(completed));
            const barrierAt = ckpt.lastCompletedAt! - ckpt.lastDurationMs!;
            const atBarrier = seen.find((o) => o.now === barrierAt)!;
            expect(atBarrier, `an observation at the barrier (${barrierAt} ms)`).toBeDefined();
            expect(visibleIds.length).toBe(atBarrier.written);
            expect([...visibleIds].sort((a, b) => a - b)).toEqual(Array.from({ length: atBarrier.written }, (_, i) => i + 1));
            expect(seen.at(-1)!.written).toBeGreaterThan(visibleIds.length);
            commits++;
          } else if (result.status !== 'finished') {
            // No completion this tick: nothing new is visible and no snapshot is made.
            expect(snaps.length).toBe(snapshots);
            expect(visibleIds.length).toBe(previous?.visibleIds.length ?? 0);
          }
          snapshots = snaps.length;
        }
        expect(sim.status()).toBe('finished');
        expect(commits).toBeGreaterThanOrEqual(3);
        // The bounded job's end commits the rest at its last tick, as checkpoint Long.MAX_VALUE.
        const end = sim.now();
        const last = sim.lakeSnapshots('lake').at(-1)!;
        expect(last.committedAt).toBe(end);
        expect(last.summary['flink.max-committed-checkpoint-id']).toBe('9223372036854775807');
        expect(seen.at(-1)!.visibleIds.length).toBe(200);
        expect(sim.metrics().tables.find((t) => t.name === 'lake')!.lake!.pendingRows).toBe(0);
        // $snapshots shows the same commit times (epoch + virtual time) and ids, oldest first.
        const table = sim.readTable('lake$snapshots');
        const at = table.columns.findIndex((c) => c.name === 'committed_at');
        const id = table.columns.findIndex((c) => c.name === 'snapshot_id');
        const snaps = sim.lakeSnapshots('lake');
        expect(table.rows.map((r) => r[at])).toEqual(snaps.map((s) => timestampText(sim.epochMs + s.committedAt)));
        expect(table.rows.map((r) => Number(r[id]))).toEqual(snaps.map((s) => s.snapshotId));
      });
    }
  }

  it('without checkpointing a streaming job never commits; rows wait in open files', () => {
    const sim = createSimulation(script(TABLES['upsert v2']!, null, null), { seed: 2 });
    expect(sim.runFor(20_000).status).toBe('running');
    expect(sim.lakeSnapshots('lake')).toEqual([]);
    expect(sim.readTable('lake').rows).toEqual([]);
    expect(sim.metrics().tables.find((t) => t.name === 'lake')!.lake!.pendingRows).toBeGreaterThan(700);
  });

  it('a failover drops the rows no completed checkpoint covers; they are written again and committed once', () => {
    const sim = createSimulation(script(TABLES['append v2']!, 200, '300 ms'), { seed: 3 });
    sim.runFor(1_000);
    const committed = sim.readTable('lake').rows.length;
    expect(committed).toBeGreaterThan(0);
    expect(sim.metrics().tables.find((t) => t.name === 'lake')!.lake!.pendingRows).toBeGreaterThan(0);
    sim.restoreFromLastCheckpoint();
    expect(sim.metrics().tables.find((t) => t.name === 'lake')!.lake!.pendingRows).toBe(0);
    expect(sim.readTable('lake').rows.length).toBe(committed);
    expect(sim.runToEnd().status).toBe('finished');
    const ids = sim.readTable('lake').rows.map((r) => Number(r[0])).sort((a, b) => a - b);
    expect(ids).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
  });
});

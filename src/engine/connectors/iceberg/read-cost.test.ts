// The read cost of a bounded lake read: planning pays per manifest, merge-on-read per delete file
// opened for each data file it applies to (equality deletes apply to every older data file of
// their partition, position deletes to one) plus the delete rows it loads.
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../index';
import { boundedReadCost } from './read-cost';
import { planScan } from './scan';
import { dataFile, equalityDelete, ordersTable, positionDelete } from './testkit';

const COST = { manifestReadMs: 10, deleteFileOpenMs: 5, deleteRowsPerSecond: 1000 };

describe('bounded read cost', () => {
  it('an equality delete is opened once per older data file; a position delete once', () => {
    const t = ordersTable();
    const a = dataFile(t, [[1, 'a', 1]]);
    const b = dataFile(t, [[2, 'b', 2]]);
    t.commit({ commitTimeMs: 1000, addedFiles: [a] });
    t.commit({ commitTimeMs: 2000, addedFiles: [b] });
    const plain = boundedReadCost(planScan(t), COST, 1);
    expect(plain).toMatchObject({ deleteFileOpens: 0, mergeMs: 0, planningMs: plain.manifests * 10 });
    // One equality delete (2 rows) applies to both older data files.
    t.commit({ commitTimeMs: 3000, addedFiles: [equalityDelete(t, [1, 2])] });
    const eq = boundedReadCost(planScan(t), COST, 1);
    expect(eq.deleteFileOpens).toBe(2);
    expect(eq.equalityDeleteRowsLoaded).toBe(4);
    expect(eq.mergeMs).toBe(2 * 5 + (4 / 1000) * 1000);
    expect(eq.manifests).toBeGreaterThan(plain.manifests);
    // A position delete (1 row) applies to the one file it references.
    t.commit({ commitTimeMs: 4000, addedFiles: [positionDelete(t, a, [0])] });
    const pos = boundedReadCost(planScan(t), COST, 1);
    expect(pos.deleteFileOpens).toBe(3);
    expect(pos.positionDeleteRowsLoaded).toBe(1);
    // Parallel readers share the merge work, not the planning.
    const two = boundedReadCost(planScan(t), COST, 2);
    expect(two.totalMs).toBe(pos.planningMs + pos.mergeMs / 2);
  });

  it('a second job reading the lake table starts its rows that much later', () => {
    const script = (settings: string) => `SET 'execution.checkpointing.interval' = '1 s';
${settings}
CREATE TABLE g (id BIGINT, v INT) WITH ('connector' = 'datagen', 'rows-per-second' = '50', 'number-of-rows' = '500', 'fields.id.min' = '1', 'fields.id.max' = '40');
CREATE TABLE lake (id BIGINT, v INT, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'iceberg', 'catalog-name' = 'c', 'write.upsert.enabled' = 'true');
CREATE TABLE out (id BIGINT, v INT) WITH ('connector' = 'blackhole');
INSERT INTO lake SELECT * FROM g;
INSERT INTO out SELECT * FROM lake;`;
    const end = (settings: string) => {
      const sim = createSimulation(script(settings), { seed: 2 });
      expect(sim.runToEnd()).toMatchObject({ status: 'finished', error: null });
      return { now: sim.now(), manifests: sim.readTable('lake$manifests').rows.length };
    };
    const free = end(`SET 'sim.cost.iceberg.plan.manifest-read-ms' = '0';\nSET 'sim.cost.iceberg.read.delete-file-open-ms' = '0';`);
    const planningOnly = end(`SET 'sim.cost.iceberg.plan.manifest-read-ms' = '1000';\nSET 'sim.cost.iceberg.read.delete-file-open-ms' = '0';`);
    const merge = end(`SET 'sim.cost.iceberg.plan.manifest-read-ms' = '0';\nSET 'sim.cost.iceberg.read.delete-file-open-ms' = '1000';`);
    expect(planningOnly.now - free.now).toBeGreaterThanOrEqual(free.manifests * 1000 - 100);
    // Upsert commits wrote equality deletes, so merge-on-read opened some.
    expect(merge.now).toBeGreaterThan(free.now + 1000);
  });
});

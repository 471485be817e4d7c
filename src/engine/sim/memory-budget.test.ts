// The memory budget ends a runaway run with a sentence naming the operator and its state, and
// every table stays readable.
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../index';

const GROUPS = `
SET 'sim.memory.budget' = '2000000';
CREATE TABLE src (id BIGINT, v INT) WITH ('connector' = 'datagen', 'number-of-rows' = '50000', 'rows-per-second' = '100000',
  'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '50000');
CREATE TABLE out (id BIGINT, n BIGINT, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'jdbc', 'sink.buffer-flush.max-rows' = '0');
INSERT INTO out SELECT id, COUNT(*) FROM src GROUP BY id;
`;

const EXPLODING = `
SET 'sim.memory.budget' = '1048576';
CREATE TABLE a (k INT, x BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '3000', 'rows-per-second' = '100000', 'fields.k.min' = '1', 'fields.k.max' = '1');
CREATE TABLE b (k INT, y BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '3000', 'rows-per-second' = '100000', 'fields.k.min' = '1', 'fields.k.max' = '1');
CREATE TABLE out (x BIGINT, y BIGINT) WITH ('connector' = 'blackhole');
INSERT INTO out SELECT a.x, b.y FROM a JOIN b ON a.k = b.k;
`;

describe('memory budget', () => {
  it('a GROUP BY past the budget fails the job naming the aggregate and its state; tables stay readable', () => {
    const sim = createSimulation(GROUPS, { seed: 1 });
    const r = sim.runToEnd();
    expect(r.status).toBe('failed');
    expect(r.error).toMatch(/^job-1 \(INSERT INTO out\) failed: memory budget exceeded: operator GroupAggregate\(groupBy=\[id\].* holds [\d,]+ state rows \(~[\d.]+ MiB\); all jobs' state is ~[\d.]+ MiB, over the budget of 1\.9 MiB \(SET 'sim\.memory\.budget' to change it\)$/);
    expect(sim.readTable('out').rows.length).toBeGreaterThan(0);
    expect(sim.readTable('src').rows.length).toBeGreaterThan(0);
  });

  it('the same script without the setting runs under the host default', () => {
    const sim = createSimulation(GROUPS.replace("SET 'sim.memory.budget' = '2000000';", ''), { seed: 1, memoryBudgetBytes: 64 * 1024 * 1024 });
    expect(sim.runToEnd().status).toBe('finished');
    expect(sim.readTable('out').rows).toHaveLength(50_000);
    const small = createSimulation(GROUPS.replace("SET 'sim.memory.budget' = '2000000';", ''), { seed: 1, memoryBudgetBytes: 2_000_000 });
    expect(small.runToEnd().status).toBe('failed');
  });

  it('an exploding join stops at the budget within the batch, not at the end of the heap', () => {
    const sim = createSimulation(EXPLODING, { seed: 1 });
    const r = sim.runToEnd();
    expect(r.status).toBe('failed');
    expect(r.error).toMatch(/memory budget exceeded: operator Join\(.*\) emits more than 8,192 changes for one input batch/);
  });

  it('refuses a budget below 1 MiB', () => {
    expect(() => createSimulation(GROUPS.replace("'2000000'", "'1000'"), { seed: 1 })).toThrow(/'sim.memory.budget' must be a number of at least 1048576/);
  });
});

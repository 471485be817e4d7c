// The heap model: a merged changelog scan loads the equality deletes of every snapshot it plans,
// a sequential one those of one snapshot; over `taskmanager.memory.task.heap.size` the task
// fails with an OutOfMemoryError and the restart strategy decides what follows.
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../index';

const script = (mode: string, restart: string) => `
SET 'execution.checkpointing.interval' = '1 min';
SET 'taskmanager.memory.task.heap.size' = '2 mb';
SET 'sim.duration' = '11 min';
SET 'sim.tick' = '1 s';
${restart}
SET 'table.exec.iceberg.use-flip27-source' = 'false';
CREATE TABLE cdc (id INT, v INT) WITH ('connector' = 'datagen', 'rows-per-second' = '200', 'fields.id.min' = '1', 'fields.id.max' = '1000000');
CREATE TABLE ods (id INT, v INT, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'iceberg', 'catalog-name' = 'lake', 'write.upsert.enabled' = 'true');
CREATE TABLE out1 (id INT, v INT, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'jdbc', 'url' = 'jdbc:mysql://x/d', 'table-name' = 'out1');
INSERT INTO ods SELECT id, v FROM cdc;
INSERT INTO out1 SELECT id, v FROM ods /*+ OPTIONS('streaming' = 'true', 'streaming.changelog' = 'true', 'monitor-interval' = '10 min', 'scan.snapshot-mode' = '${mode}') */;`;

describe('heap model', () => {
  it('a merged scan over ten snapshots runs out of heap; the job restarts, then fails for good', () => {
    const sim = createSimulation(script('merged', `SET 'restart-strategy.type' = 'fixed-delay';\nSET 'restart-strategy.fixed-delay.attempts' = '2';\nSET 'restart-strategy.fixed-delay.delay' = '5 s';`), { seed: 1 });
    const end = sim.runToEnd();
    expect(end.status).toBe('failed');
    expect(end.error).toMatch(/job-2 \(INSERT INTO out1\) failed: java.lang.OutOfMemoryError: Java heap space \(TaskManager task heap: .* MiB needed, taskmanager.memory.task.heap.size is 2.0 MiB\) \(after 2 restarts\)/);
    const job2 = sim.metrics().jobs!.find((j) => j.id === 'job-2')!;
    expect(job2).toMatchObject({ status: 'failed', restarts: 2, heapMaxBytes: 2 * 1024 * 1024 });
    expect(job2.heapUsedBytes).toBeGreaterThan(job2.heapMaxBytes);
  });

  it('the same load scanned snapshot by snapshot stays within the heap', () => {
    const sim = createSimulation(script('sequential', ''), { seed: 1 });
    expect(sim.runToEnd()).toMatchObject({ status: 'running', error: null });
    const jobs = sim.metrics().jobs!;
    expect(jobs.every((j) => j.status === 'running' && j.restarts === 0 && j.heapUsedBytes <= j.heapMaxBytes)).toBe(true);
  });

  it('without a restart strategy (Freshet default: none) the first OutOfMemoryError fails the job', () => {
    const sim = createSimulation(script('merged', ''), { seed: 1 });
    expect(sim.runToEnd().error).toMatch(/OutOfMemoryError.*\)$/);
  });
});

// Faults on purpose (docs/simulation.md, "Faults on purpose"): a TaskManager failure at a chosen
// virtual time fails the job over per its restart strategy, and each sink reports what the
// replay did to it. The accounting is checked against the fault-free run: an exactly-once sink
// ends equal to it, an at-least-once sink ends with exactly `duplicatedRows` more rows.
import { describe, expect, it } from 'vitest';
import { compile, createSimulation, type FreshetSimulation } from '../index';
import { parseFault, parseFaultList } from './faults';

const PIPELINE = `
SET 'execution.checkpointing.interval' = '1 s';
SET 'sim.cost.source.rps' = '50';
CREATE TABLE src (id BIGINT, k INT, v INT) WITH (
  'connector' = 'datagen', 'number-of-rows' = '300', 'rows-per-second' = '40',
  'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '300',
  'fields.k.min' = '1', 'fields.k.max' = '6', 'fields.v.min' = '0', 'fields.v.max' = '100');
CREATE TABLE k_eo (id BIGINT, k INT, v INT) WITH ('connector' = 'kafka', 'topic' = 'k_eo', 'format' = 'json', 'sink.delivery-guarantee' = 'exactly-once');
CREATE TABLE k_alo (id BIGINT, k INT, v INT) WITH ('connector' = 'kafka', 'topic' = 'k_alo', 'format' = 'json');
CREATE TABLE j_key (k INT, n BIGINT, total INT, PRIMARY KEY (k) NOT ENFORCED) WITH ('connector' = 'jdbc', 'url' = 'jdbc:mysql://x/db', 'table-name' = 'j_key');
INSERT INTO k_eo SELECT id, k, v FROM src;
INSERT INTO k_alo SELECT id, k, v FROM src;
INSERT INTO j_key SELECT k, COUNT(*), SUM(v) FROM src GROUP BY k;
`;
const RESTARTS = `SET 'restart-strategy.type' = 'fixed-delay';\nSET 'restart-strategy.fixed-delay.delay' = '2 s';\nSET 'restart-strategy.fixed-delay.attempts' = '3';\n`;

const canon = (sim: FreshetSimulation, t: string) => sim.readTable(t).rows.map((r) => JSON.stringify(r)).sort();

function finished(script: string, faults: [number, string | null][] = []): FreshetSimulation {
  const sim = createSimulation(script, { seed: 7 });
  for (const [at, job] of faults) sim.injectFault(at, job);
  const r = sim.runToEnd();
  expect(r.status, r.error ?? '').toBe('finished');
  return sim;
}

describe('TaskManager faults', () => {
  it('parses DURATION[@JOB] and lists of them, and says what is wrong otherwise', () => {
    expect(parseFault('2 min')).toEqual({ atMs: 120_000, jobId: null });
    expect(parseFault(' 90s @ job-2 ')).toEqual({ atMs: 90_000, jobId: 'job-2' });
    expect(parseFaultList('30 s, 2min@job-1')).toEqual([
      { atMs: 30_000, jobId: null },
      { atMs: 120_000, jobId: 'job-1' },
    ]);
    expect(parseFault('soon@job-1')).toMatch(/DURATION\[@JOB\]/);
    expect(parseFaultList('1 s, later')).toMatch(/'later'/);
  });

  it('the SET key fails the named job over at that time, from its last completed checkpoint; other jobs run on', () => {
    const sim = finished(RESTARTS + `SET 'sim.fault.taskmanager' = '3500 ms@job-2';\n` + PIPELINE);
    const jobs = sim.metrics().jobs!;
    const job2 = jobs.find((j) => j.id === 'job-2')!;
    expect(job2.restarts).toBe(1);
    expect(job2.lastFailure).toBe('org.apache.flink.runtime.jobmaster.JobMasterException: TaskManager with id taskmanager-job-2 is no longer reachable (fault injected at 3.5 s)');
    expect(job2.failovers).toHaveLength(1);
    const [f] = job2.failovers!;
    expect(f!.failedAt).toBe(3500);
    expect(f!.restoredAt).toBe(5500);
    expect(f!.checkpointId).toBe(3);
    expect(f!.final).toBe(false);
    for (const other of jobs.filter((j) => j.id !== 'job-2')) {
      expect(other.restarts).toBe(0);
      expect(other.failovers).toEqual([]);
    }
  });

  it('exactly-once sinks end equal to the fault-free run; an at-least-once sink ends with exactly duplicatedRows more rows; a keyed sink overwrites', () => {
    const base = finished(RESTARTS + PIPELINE);
    const faulted = finished(RESTARTS + `SET 'sim.fault.taskmanager' = '3500 ms, 6 s@job-2';\n` + PIPELINE);
    const sinks = new Map(faulted.metrics().jobs!.map((j) => [j.sink!.table, j.sink!]));
    const eo = sinks.get('k_eo')!;
    expect(eo).toMatchObject({ guarantee: 'exactly-once', failovers: 1, replayedChanges: 0, duplicatedRows: 0 });
    expect(canon(faulted, 'k_eo')).toEqual(canon(base, 'k_eo'));

    const alo = sinks.get('k_alo')!;
    expect(alo).toMatchObject({ guarantee: 'at-least-once', idempotent: false, failovers: 2 });
    expect(alo.duplicatedRows).toBeGreaterThan(0);
    expect(faulted.readTable('k_alo').rows.length).toBe(base.readTable('k_alo').rows.length + alo.duplicatedRows);
    // Every row of the fault-free run is there (nothing lost), and only those rows.
    expect([...new Set(canon(faulted, 'k_alo'))]).toEqual([...new Set(canon(base, 'k_alo'))]);

    const keyed = sinks.get('j_key')!;
    expect(keyed).toMatchObject({ guarantee: 'at-least-once', idempotent: true, duplicatedRows: 0 });
    expect(canon(faulted, 'j_key')).toEqual(canon(base, 'j_key'));
  });

  it('injectFault schedules the same failure as the SET key (the runner and the studio use it)', () => {
    const viaSet = finished(RESTARTS + `SET 'sim.fault.taskmanager' = '3500 ms@job-2';\n` + PIPELINE);
    const viaApi = finished(RESTARTS + PIPELINE, [[3500, 'job-2']]);
    expect(viaApi.metrics().jobs).toEqual(viaSet.metrics().jobs);
    expect(() => createSimulation(PIPELINE).injectFault(1000, 'job-9')).toThrow(/no job 'job-9'/);
  });

  it('with no restart strategy the lost TaskManager fails the job for good, with the reason', () => {
    const sim = createSimulation(`SET 'sim.fault.taskmanager' = '2 s@job-1';\n` + PIPELINE, { seed: 7 });
    const r = sim.runToEnd();
    expect(r.status).toBe('failed');
    expect(r.error).toMatch(/^job-1 \(INSERT INTO k_eo\) failed: .*TaskManager with id taskmanager-job-1 is no longer reachable/);
    expect(sim.metrics().jobs![0]!.failovers).toEqual([expect.objectContaining({ failedAt: 2000, restoredAt: null, final: true })]);
  });

  it('a fault before the first completed checkpoint restores from the start', () => {
    const sim = finished(RESTARTS + `SET 'sim.fault.taskmanager' = '500 ms@job-2';\n` + PIPELINE);
    const job2 = sim.metrics().jobs!.find((j) => j.id === 'job-2')!;
    expect(job2.failovers![0]).toMatchObject({ failedAt: 500, checkpointId: null });
    expect(job2.sink!.duplicatedRows).toBeGreaterThan(0);
  });

  it('a bad value or an unknown job is an error at the SET', () => {
    for (const [value, message] of [
      ['2 min@job-7', /names job 'job-7', which the script does not have \(its jobs: job-1, job-2, job-3\)/],
      ['whenever', /DURATION\[@JOB\]/],
    ] as const) {
      const script = `SET 'sim.fault.taskmanager' = '${value}';\n` + PIPELINE;
      const r = compile(script);
      expect(r.ok).toBe(false);
      const d = r.diagnostics.find((x) => x.severity === 'error')!;
      expect(d.message).toMatch(message);
      expect(d.span.start.line).toBe(1);
    }
  });
});

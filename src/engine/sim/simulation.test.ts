import { describe, expect, it } from 'vitest';
import { SimulationRuntime } from './simulation';
import { aggCall, call, col, job, lit, scriptPlan, sinkNode, sourceNode, t, tableDef } from './testplan';

const INT = t('INT');
const STR = t('STRING');
const DEC = t('DECIMAL', 10, 2);
const BIG = t('BIGINT');
const BOOL = t('BOOLEAN');

const ordersCsv = ['id,customer,amount', '1,ann,5.00', '2,bob,20.50', '3,ann,30.25', '4,cid,12.00', '5,bob,1.50', '6,ann,40.00'].join('\n');

function ordersTable() {
  return tableDef('ods_orders', [['id', INT], ['customer', STR], ['amount', DEC]], { connector: 'filesystem', path: 'orders.csv', format: 'csv' });
}

/** ods_orders (csv) -> filter amount > 10 -> dwd_orders (kafka changelog) -> SUM per customer -> ads (jdbc). */
function chain(settings: Record<string, string> = {}, csv = ordersCsv, dwdOptions: Record<string, string> = {}) {
  const ods = ordersTable();
  const dwd = tableDef('dwd_orders', [['id', INT], ['customer', STR], ['amount', DEC]], {
    connector: 'kafka',
    topic: 'dwd_orders',
    format: 'json',
    partitions: '3',
    ...dwdOptions,
  });
  const ads = tableDef('ads_sales', [['customer', STR], ['total', DEC], ['cnt', BIG]], { connector: 'jdbc', 'table-name': 'ads_sales' }, ['customer']);
  const j1 = job('job-1', 'dwd_orders', ['ods_orders'], [
    sourceNode(ods),
    { kind: 'Calc', inputs: [1], schema: dwd.schema, filter: call('>', [col(2, DEC), lit(10, DEC)], BOOL), projections: [col(0, INT), col(1, STR), col(2, DEC)] },
    sinkNode(dwd, 2),
  ]);
  const j2 = job('job-2', 'ads_sales', ['dwd_orders'], [
    sourceNode(dwd),
    {
      kind: 'GroupAggregate',
      inputs: [1],
      schema: ads.schema,
      changelogMode: 'retract',
      groupKeys: [1],
      aggs: [aggCall('SUM', 2, DEC), aggCall('COUNT_STAR', null, BIG)],
      stateTtlMs: null,
      cleanupCondition: null,
    },
    sinkNode(ads, 2),
  ]);
  // Declared in reverse so the scheduler has to order them.
  const { plan, pipeline } = scriptPlan([ods, dwd, ads], [j2, j1], settings);
  return (seed: number, files: Record<string, string> = { 'orders.csv': csv }) => new SimulationRuntime({ plan, pipeline, seed, files });
}

describe('simulation scheduler', () => {
  it('runs a bounded chain to the end: filter -> kafka -> aggregate -> jdbc', () => {
    const sim = chain()(1);
    expect(sim.isBounded()).toBe(true);
    expect(sim.jobs.map((j) => j.id)).toEqual(['job-1', 'job-2']);
    const r = sim.runToEnd();
    expect(r).toMatchObject({ status: 'finished', error: null });
    expect(sim.readTable('ads_sales').rows).toEqual([
      ['ann', 70.25, 2],
      ['bob', 20.5, 1],
      ['cid', 12, 1],
    ]);
    expect(sim.readTable('dwd_orders').rows).toHaveLength(4);
    const m = sim.metrics();
    expect(m.tables.find((x) => x.name === 'ads_sales')).toMatchObject({ rows: 3, parseErrors: 0 });
    expect(m.tables.find((x) => x.name === 'ads_sales')!.freshnessMs).toBeGreaterThanOrEqual(0);
    expect(m.operators.find((o) => o.jobId === 'job-1' && o.kind === 'Calc')).toMatchObject({ recordsIn: 6, recordsOut: 4 });
    expect(m.sources.every((s) => s.lagRecords === 0)).toBe(true);
  });

  it('is deterministic for a seed; other seeds cut batches differently but end with the same tables', () => {
    // 20 records per second: reads span ticks, so the seed moves batch boundaries.
    const make = chain({ 'sim.jitter': '0.5', 'sim.cost.source.rps': '20' });
    const json = (seed: number) => {
      const sim = make(seed);
      sim.runToEnd();
      return JSON.stringify({ tables: sim.tableNames().map((n) => sim.readTable(n)), metrics: sim.metrics(), history: sim.metricsHistory() });
    };
    expect(json(3)).toBe(json(3));
    const topic = (seed: number) => {
      const sim = make(seed);
      sim.runToEnd();
      return JSON.stringify(sim.changelog('dwd_orders').map((e) => [e.time, e.row[0]]));
    };
    const tables = (seed: number) => {
      const sim = make(seed);
      sim.runToEnd();
      return JSON.stringify(sim.readTable('ads_sales'));
    };
    const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
    expect(new Set(seeds.map(topic)).size).toBeGreaterThan(1);
    expect(new Set(seeds.map(tables)).size).toBe(1);
  });

  it('fails the job at a malformed CSV row with path:line', () => {
    const sim = chain()(1, { 'orders.csv': ordersCsv + '\n7,dan,lots\n' });
    const r = sim.runToEnd();
    expect(r.status).toBe('failed');
    expect(r.error).toContain("orders.csv:8: column 'amount': cannot read 'lots' as DECIMAL(10, 2)");
  });

  it('applies backpressure: a slow operator leaves records in the source and lag grows', () => {
    const ods = tableDef('ods_fast', [['id', BIG], ['customer', STR]], {
      connector: 'datagen',
      'rows-per-second': '5000',
      'fields.customer.values': 'a,b,c',
    });
    const ads = tableDef('ads_counts', [['customer', STR], ['cnt', BIG]], { connector: 'jdbc' }, ['customer']);
    const j = job('job-1', 'ads_counts', ['ods_fast'], [
      sourceNode(ods),
      { kind: 'GroupAggregate', inputs: [1], schema: ads.schema, groupKeys: [1], aggs: [aggCall('COUNT_STAR', null, BIG)], stateTtlMs: null, cleanupCondition: null },
      sinkNode(ads, 2),
    ]);
    const run = (aggRps: string) => {
      const { plan, pipeline } = scriptPlan([ods, ads], [j], { 'sim.cost.aggregate.rps': aggRps });
      const sim = new SimulationRuntime({ plan, pipeline, seed: 1 });
      expect(sim.isBounded()).toBe(false);
      sim.runFor(10_000);
      return sim.metrics().sources[0]!;
    };
    const fast = run('200000');
    const slow = run('1000');
    expect(fast.lagRecords).toBeLessThan(1000);
    expect(slow.lagRecords).toBeGreaterThan(30_000);
    expect(slow.lagMs).toBeGreaterThan(5000);
  });

  it('key skew slows an aggregate: its busiest subtask sets the pace', () => {
    const run = (values: string) => {
      const ods = tableDef('ods_keys', [['id', BIG], ['k', STR]], { connector: 'datagen', 'rows-per-second': '3000', 'fields.k.values': values });
      const ads = tableDef('ads_k', [['k', STR], ['cnt', BIG]], { connector: 'jdbc' }, ['k']);
      const j = job('job-1', 'ads_k', ['ods_keys'], [
        sourceNode(ods),
        { kind: 'GroupAggregate', inputs: [1], schema: ads.schema, groupKeys: [1], aggs: [aggCall('COUNT_STAR', null, BIG)], stateTtlMs: null, cleanupCondition: null, parallelism: 4 },
        sinkNode(ads, 2),
      ]);
      const { plan, pipeline } = scriptPlan([ods, ads], [j], { 'sim.cost.aggregate.rps': '1000' });
      const sim = new SimulationRuntime({ plan, pipeline, seed: 1 });
      sim.runFor(20_000);
      return sim.metrics().sources[0]!.lagRecords;
    };
    const uniform = run('a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p');
    const skewed = run('hot');
    expect(skewed).toBeGreaterThan(uniform * 2);
  });

  it('checkpoints on the interval and a file sink commits on checkpoint completion', () => {
    const ods = tableDef('ods_gen', [['id', BIG]], { connector: 'datagen', 'rows-per-second': '10', 'fields.id.kind': 'sequence', 'fields.id.start': '1', 'fields.id.end': '100' });
    const out = tableDef('dwd_files', [['id', BIG]], { connector: 'filesystem', path: 'out/', format: 'csv' });
    const j = job('job-1', 'dwd_files', ['ods_gen'], [sourceNode(ods), sinkNode(out, 1)]);
    const { plan, pipeline } = scriptPlan([ods, out], [j], { 'execution.checkpointing.interval': '2 s' });
    const sim = new SimulationRuntime({ plan, pipeline, seed: 1 });
    sim.runFor(1900);
    expect(sim.readTable('dwd_files').rows).toHaveLength(0);
    sim.runFor(300);
    // The checkpoint triggered at 2 s completes 50 ms later, committing what was read by then.
    expect(sim.readTable('dwd_files').rows.length).toBe(21);
    expect(sim.metrics().checkpoints).toMatchObject({ completed: 1, failed: 0, lastDurationMs: 50 });
    sim.runToEnd();
    expect(sim.readTable('dwd_files').rows).toHaveLength(100);
    expect(sim.status()).toBe('finished');
  });

  it('without checkpointing a file sink commits at end of input', () => {
    const ods = tableDef('ods_gen', [['id', BIG]], { connector: 'datagen', 'rows-per-second': '10', 'number-of-rows': '30' });
    const out = tableDef('dwd_files', [['id', BIG]], { connector: 'filesystem', path: 'out/', format: 'json' });
    const j = job('job-1', 'dwd_files', ['ods_gen'], [sourceNode(ods), sinkNode(out, 1)]);
    const { plan, pipeline } = scriptPlan([ods, out], [j]);
    const sim = new SimulationRuntime({ plan, pipeline, seed: 1 });
    sim.runFor(2000);
    expect(sim.readTable('dwd_files').rows).toHaveLength(0);
    expect(sim.runToEnd().status).toBe('finished');
    expect(sim.readTable('dwd_files').rows).toHaveLength(30);
  });

  it('a checkpoint that takes longer than the timeout fails', () => {
    const ods = tableDef('ods_gen', [['id', BIG]], { connector: 'datagen', 'rows-per-second': '1000', 'fields.id.kind': 'sequence', 'fields.id.start': '1', 'fields.id.end': '100000' });
    const ads = tableDef('ads', [['id', BIG], ['cnt', BIG]], { connector: 'jdbc' }, ['id']);
    const j = job('job-1', 'ads', ['ods_gen'], [
      sourceNode(ods),
      { kind: 'GroupAggregate', inputs: [1], schema: ads.schema, groupKeys: [0], aggs: [aggCall('COUNT_STAR', null, BIG)], stateTtlMs: null, cleanupCondition: null },
      sinkNode(ads, 2),
    ]);
    const { plan, pipeline } = scriptPlan([ods, ads], [j], {
      'execution.checkpointing.interval': '1 s',
      'execution.checkpointing.timeout': '200 ms',
      'sim.cost.checkpoint.bytes-per-second': '10000',
    });
    const sim = new SimulationRuntime({ plan, pipeline, seed: 1 });
    sim.runFor(10_000);
    expect(sim.metrics().checkpoints.failed).toBeGreaterThan(0);
  });

  it('restoring from the last checkpoint ends with the same tables (exactly-once into jdbc)', () => {
    const make = chain({ 'execution.checkpointing.interval': '200 ms', 'sim.cost.source.rps': '5' }, ordersCsv, {
      'sink.delivery-guarantee': 'exactly-once',
    });
    const plain = make(5);
    plain.runToEnd();
    const withRestore = make(5);
    withRestore.runFor(500);
    expect(withRestore.metrics().checkpoints.completed).toBeGreaterThan(0);
    expect(withRestore.restoreFromLastCheckpoint().length).toBeGreaterThan(0);
    withRestore.runToEnd();
    expect(withRestore.status()).toBe('finished');
    expect(withRestore.readTable('ads_sales')).toEqual(plain.readTable('ads_sales'));
  });

  it('a restore without a completed checkpoint replays from the start', () => {
    const make = chain({ 'sim.cost.source.rps': '5' }, ordersCsv, { 'sink.delivery-guarantee': 'exactly-once' });
    const plain = make(2);
    plain.runToEnd();
    const r = make(2);
    r.runFor(300);
    r.restoreFromLastCheckpoint();
    r.runToEnd();
    expect(r.readTable('ads_sales')).toEqual(plain.readTable('ads_sales'));
  });

  it('an at-least-once kafka sink duplicates records after a restore (documented)', () => {
    const make = chain({ 'sim.cost.source.rps': '5' });
    const r = make(2);
    r.runFor(700);
    const before = r.readTable('dwd_orders').rows.length;
    expect(before).toBeGreaterThan(0);
    r.restoreFromLastCheckpoint();
    r.runToEnd();
    expect(r.readTable('dwd_orders').rows.length).toBe(4 + before);
  });

  it('reports unknown tables and bad settings plainly', () => {
    const sim = chain()(1);
    expect(() => sim.readTable('nope')).toThrow("unknown table 'nope'");
    expect(() => chain({ 'sim.tick': 'often' })(1)).toThrow(/sim.tick/);
  });

  it('keeps a bounded metrics history', () => {
    const ods = tableDef('ods_gen', [['id', BIG]], { connector: 'datagen', 'rows-per-second': '10' });
    const out = tableDef('sink', [['id', BIG]], { connector: 'blackhole' });
    const j = job('job-1', 'sink', ['ods_gen'], [sourceNode(ods), sinkNode(out, 1)]);
    const { plan, pipeline } = scriptPlan([ods, out], [j], { 'sim.metrics.max-samples': '10' });
    const sim = new SimulationRuntime({ plan, pipeline, seed: 1 });
    sim.runFor(60_000);
    const h = sim.metricsHistory();
    expect(h.length).toBeLessThanOrEqual(10);
    expect(h.length).toBeGreaterThan(3);
    expect(h[h.length - 1]!.operators[0]!.throughput).toBe(10);
  });
});

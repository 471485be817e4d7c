// Query fluctuation made visible: a serving table that applies a -U and its +U in separate
// flushes leaves the row missing in between; a dashboard polling it reads wrong results.
// DROP_ROW_KIND('kinds' = '-U') before the sink removes those windows.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSimulation } from './index';

const CSV = 'sku,qty\n' + Array.from({ length: 60 }, (_, i) => `s${i % 4},${1 + (i % 3)}`).join('\n') + '\n';

const script = (hint: string, flush: string) => `SET 'sim.cost.source.rps' = '20';
SET 'sim.jitter' = '0';
CREATE TABLE sales (sku STRING, qty INT) WITH ('connector' = 'filesystem', 'path' = 'sales.csv', 'format' = 'csv');
CREATE TABLE totals (sku STRING, total INT, PRIMARY KEY (sku) NOT ENFORCED)
  WITH ('connector' = 'jdbc', 'url' = 'jdbc:mysql://h/ads', 'table-name' = 'totals', 'sink.buffer-flush.max-rows' = '${flush}');
INSERT INTO totals ${hint} SELECT sku, SUM(qty) FROM sales GROUP BY sku;`;

function fluctuation(text: string) {
  const sim = createSimulation(text, { seed: 1, files: { 'sales.csv': CSV } });
  expect(sim.runToEnd(3_600_000).error).toBeNull();
  return { table: sim.readTable('totals').rows, f: sim.metrics().tables.find((t) => t.name === 'totals')!.fluctuation! };
}

describe('query fluctuation of a serving table', () => {
  it('every -U flushed apart from its +U is a window a dashboard can land in', () => {
    const { f } = fluctuation(script('', '1'));
    // 60 sales of 4 skus: 56 updates, each a -U flushed before its +U
    expect(f.windows).toBe(56);
    expect(f.pollIntervalMs).toBe(5000); // sim.dashboard.poll-interval, Grafana's min_refresh_interval
    expect(f.missingMs).toBeGreaterThanOrEqual(56 * 100);
    expect(f.wrongReads).toBeCloseTo(f.missingMs / 5000, 2);
  });

  it('DROP_ROW_KIND(-U) before the sink brings it to zero with the same final table', () => {
    const plain = fluctuation(script('', '1'));
    const dropped = fluctuation(script(`/*+ DROP_ROW_KIND('kinds' = '-U') */`, '1'));
    expect(dropped.f).toEqual({ windows: 0, missingMs: 0, wrongReads: 0, pollIntervalMs: 5000 });
    expect(dropped.table).toEqual(plain.table);
  });

  it('a buffer that reduces -U and +U of a key into one write has no window', () => {
    expect(fluctuation(script('', '100')).f.windows).toBe(0);
  });

  it('the bundled orders example reports it for its serving table', () => {
    const text = readFileSync(path.resolve(__dirname, '../../examples/orders-pipeline.sql'), 'utf8');
    const sim = createSimulation(text, { seed: 7 });
    sim.runFor(30_000);
    const ads = sim.metrics().tables.find((t) => t.name === 'ads_city_revenue')!;
    expect(ads.fluctuation).toBeDefined();
    expect(sim.metrics().tables.find((t) => t.name === 'src_order_events')!.fluctuation).toBeUndefined(); // an append topic
    expect(sim.metrics().tables.find((t) => t.name === 'ods_orders')!.fluctuation).toMatchObject({ windows: 0 }); // a keyed lake table;
  });

  it('upsert-kafka and lake tables report it too, and a reader of either never lands between a -U and its +U', () => {
    const sinks = {
      'upsert-kafka': `'connector' = 'upsert-kafka', 'topic' = 'totals', 'value.format' = 'json'`,
      iceberg: `'connector' = 'iceberg', 'catalog-name' = 'lake'`,
      'iceberg upsert': `'connector' = 'iceberg', 'catalog-name' = 'lake', 'write.upsert.enabled' = 'true'`,
    };
    for (const [name, options] of Object.entries(sinks)) {
      const text = `SET 'execution.checkpointing.interval' = '1 s';\n` + script('', '1').replace(/WITH \('connector' = 'jdbc'[^;]*\);/, `WITH (${options});`);
      const { f } = fluctuation(text);
      // upsert-kafka writes no -U (Flink's upsert mode has no UPDATE_BEFORE); a lake commit holds a
      // -U with its +U (one input record's output never straddles a checkpoint barrier)
      expect({ name, ...f }).toEqual({ name, windows: 0, missingMs: 0, wrongReads: 0, pollIntervalMs: 5000 });
    }
  });
});


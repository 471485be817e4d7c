// The runner as a user runs it: a child process, exit codes, stdout and stderr.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main';
import { createSimulation } from '../engine/index';

const root = path.resolve(__dirname, '../..');

function freshet(args: string[], viaBin = false) {
  const cmd = viaBin ? process.execPath : 'npx';
  const argv = viaBin ? [path.join(root, 'bin/freshet.mjs'), ...args] : ['tsx', 'src/cli/main.ts', ...args];
  const r = spawnSync(cmd, argv, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tempScript(text: string, extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'freshet-cli-'));
  for (const [name, content] of Object.entries(extra)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  const file = path.join(dir, 'script.sql');
  writeFileSync(file, text);
  return file;
}

describe('freshet run', () => {
  it('runs the CSV example to the end and prints one JSON object', () => {
    const r = freshet(['run', 'examples/csv-pipeline.sql', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['tables', 'metrics']);
    expect(out.tables.ads_city_sales).toEqual({
      columns: ['city', 'order_count', 'revenue'],
      rows: [
        ['Berlin', 4, 406.99],
        ['Lagos', 5, 2807.89],
        ['Lisbon', 4, 1588.5],
        ['Shanghai', 3, 1413.9],
      ],
    });
    expect(out.tables.ods_orders.rows[0]).toEqual([1001, 1, '  laptop ', 1299, 'PAID', '2026-01-01 08:01:12']);
    expect(out.metrics.tables.map((t: { name: string }) => t.name)).toContain('dwd_orders');
  });

  it('writes BIGINT and DECIMAL(38, s) with their exact digits, in --json and --query', () => {
    const file = tempScript(
      `CREATE TABLE t (id BIGINT, v DECIMAL(38, 10), small DECIMAL(10, 2)) WITH ('connector' = 'jdbc');
       INSERT INTO t VALUES (1800000000000000001, CAST('12345678901234567890.1234567891' AS DECIMAL(38, 10)), 1.5);`,
    );
    const r = freshet(['run', file, '--json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('"rows":[[1800000000000000001,12345678901234567890.1234567891,1.5]]');
    const q = freshet(['run', file, '--query', 'SELECT id + 1 AS id2, v * 2 AS v2 FROM t']);
    expect(q.code).toBe(0);
    expect(q.stdout.trim()).toBe('{"columns":["id2","v2"],"rows":[[1800000000000000002,24691357802469135780.2469135782]]}');
  });

  it('gives byte-identical output for the same script and seed (via bin/freshet.mjs)', () => {
    const a = freshet(['run', 'examples/orders-pipeline.sql', '--seed', '7', '--for', '30s', '--json'], true);
    const b = freshet(['run', 'examples/orders-pipeline.sql', '--seed', '7', '--for', '30s', '--json'], true);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const c = freshet(['run', 'examples/orders-pipeline.sql', '--seed', '8', '--for', '30s', '--json'], true);
    expect(c.stdout).not.toBe(a.stdout);
    expect(JSON.parse(a.stdout).metrics.now).toBe(30_000);
  });

  it('runs --query in DuckDB over the final tables', () => {
    const r = freshet(['run', 'examples/csv-pipeline.sql', '--query', 'SELECT city, order_count FROM ads_city_sales ORDER BY revenue DESC LIMIT 2']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ columns: ['city', 'order_count'], rows: [['Lagos', 5], ['Lisbon', 4]] });
  });

  it('prints a lake (iceberg) table\'s current rows and queries it in DuckDB', () => {
    const file = tempScript(
      `CREATE TABLE ods (id INT, sku STRING, qty INT) WITH ('connector' = 'filesystem', 'path' = 'o.csv', 'format' = 'csv');
CREATE TABLE dwd (sku STRING, total INT, PRIMARY KEY (sku) NOT ENFORCED) WITH ('connector' = 'iceberg', 'catalog-name' = 'lake', 'write.upsert.enabled' = 'true');
INSERT INTO dwd SELECT sku, SUM(qty) FROM ods GROUP BY sku;`,
      { 'o.csv': 'id,sku,qty\n1,a,1\n2,b,2\n3,a,3\n' },
    );
    const r = freshet(['run', file, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect([...out.tables.dwd.rows].sort()).toEqual([
      ['a', 4],
      ['b', 2],
    ]);
    expect(out.metrics.tables.find((t: { name: string }) => t.name === 'dwd').lake.snapshots).toBe(1);
    const q = freshet(['run', file, '--query', 'SELECT sku, total FROM dwd ORDER BY sku']);
    expect(q.code).toBe(0);
    expect(JSON.parse(q.stdout)).toEqual({ columns: ['sku', 'total'], rows: [['a', 4], ['b', 2]] });
  });

  it('--query sees a lake table\'s metadata tables ("dwd$snapshots", "dwd$files")', () => {
    const file = tempScript(
      `CREATE TABLE ods (id INT, sku STRING, qty INT) WITH ('connector' = 'filesystem', 'path' = 'o.csv', 'format' = 'csv');
CREATE TABLE dwd (sku STRING, total INT, PRIMARY KEY (sku) NOT ENFORCED) WITH ('connector' = 'iceberg', 'catalog-name' = 'lake', 'write.upsert.enabled' = 'true');
INSERT INTO dwd SELECT sku, SUM(qty) FROM ods GROUP BY sku;`,
      { 'o.csv': 'id,sku,qty\n1,a,1\n2,b,2\n3,a,3\n' },
    );
    const snapshots = freshet(['run', file, '--query', 'SELECT operation, parent_id FROM "dwd$snapshots"']);
    expect(snapshots.code).toBe(0);
    expect(JSON.parse(snapshots.stdout)).toEqual({ columns: ['operation', 'parent_id'], rows: [['overwrite', null]] });
    const files = freshet(['run', file, '--query', 'SELECT content, SUM(record_count) AS records FROM "dwd$files" GROUP BY content ORDER BY content']);
    expect(files.code).toBe(0);
    // Three data rows written (a=1, b=2, then a=4 after the update); the delete files hide a=1.
    const byContent = JSON.parse(files.stdout).rows as [number, number][];
    expect(byContent[0]).toEqual([0, 3]);
    expect(byContent.length).toBeGreaterThan(1);
  });

  it('prints a readable summary without --json', () => {
    const r = freshet(['run', 'examples/csv-pipeline.sql']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ads_city_sales (jdbc, ADS): 4 rows');
  });

  it('a bad script prints file:line:col: error: and exits 1', () => {
    const file = tempScript(`CREATE TABLE t (a INT) WITH ('connector' = 'datagen');\nINSERT INTO t SELECT nope FROM t;\n`);
    const r = freshet(['run', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:\\d+: error: `));
    expect(r.stderr).toContain('^');
    expect(r.stdout).toBe('');
  });

  it('reads a script that starts with a UTF-8 byte order mark', () => {
    const file = tempScript(`\uFEFFCREATE TABLE t (a INT) WITH ('connector' = 'datagen', 'number-of-rows' = '3');\n`);
    const r = freshet(['run', file, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).tables.t.rows).toHaveLength(3);
  });

  it('a NUL byte outside strings is a located error, not whitespace', () => {
    const file = tempScript(`CREATE TABLE t (a INT) WITH ('connector' = 'datagen');\nSELECT\u0000 1;\n`);
    const r = freshet(['run', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}:2:7: error: unexpected control character U+0000 (NUL)`);
  });

  it('a malformed CSV row fails with path:line and exit 1; paths resolve against the script', () => {
    const file = tempScript(
      `CREATE TABLE ods (id INT, name STRING) WITH ('connector' = 'filesystem', 'path' = 'data/x.csv', 'format' = 'csv');
       CREATE TABLE out (id INT, name STRING) WITH ('connector' = 'print');
       INSERT INTO out SELECT id, name FROM ods;`,
      { 'data/x.csv': 'id,name\n1,a\n2\n' },
    );
    const r = freshet(['run', file, '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('data/x.csv:3: expected 2 fields, found 1');
  });

  it("a CSV file's first line is data, as in Flink; a line naming the columns is skipped with a warning", async () => {
    const script = `CREATE TABLE ods (id INT, name STRING) WITH ('connector' = 'filesystem', 'path' = 'x.csv', 'format' = 'csv');
       CREATE TABLE out (id INT, name STRING) WITH ('connector' = 'print');
       INSERT INTO out SELECT id, name FROM ods;`;
    const run = async (csv: string) => {
      let out = '';
      let err = '';
      const code = await main(['run', tempScript(script, { 'x.csv': csv }), '--json'], { out: (t) => (out += t), err: (t) => (err += t) });
      return { code, err, rows: code === 0 ? (JSON.parse(out) as { tables: { out: { rows: unknown[][] } } }).tables.out.rows : null };
    };
    const noHeader = await run('1,a\n2,b\n');
    expect(noHeader).toEqual({ code: 0, err: '', rows: [['+I', 1, 'a'], ['+I', 2, 'b']] });
    const header = await run('id,name\n1,a\n');
    expect(header.rows).toEqual([['+I', 1, 'a']]);
    expect(header.err).toBe("x.csv:1: warning: line 1 names the columns (id,name); Freshet skips it as a header, but Flink's csv format has no header and reads it as a row\n");
  });

  it('an expression that fails a job points at itself: file:line:col, the job, a caret', async () => {
    const file = tempScript(
      `CREATE TABLE g (id BIGINT, v INT) WITH ('connector' = 'datagen', 'number-of-rows' = '5', 'fields.v.min' = '0', 'fields.v.max' = '0');
CREATE TABLE out (id BIGINT, r INT) WITH ('connector' = 'print');
INSERT INTO out SELECT id, 10 / v FROM g;`,
    );
    let err = '';
    const code = await main(['run', file], { out: () => {}, err: (t) => (err += t) });
    expect(code).toBe(1);
    expect(err).toBe(`${file}:3:28: error: job-1 (INSERT INTO out) failed: division by zero\nINSERT INTO out SELECT id, 10 / v FROM g;\n                           ^^^^^^\n`);
  });

  it('--repair applies a MERGE to the live tables after --for; its errors point into the repair file', async () => {
    const file = tempScript(
      `CREATE TABLE clicks (id INT) WITH ('connector' = 'datagen', 'rows-per-second' = '5');
CREATE TABLE sink_t (id INT) WITH ('connector' = 'blackhole');
CREATE TABLE dim (id INT, name STRING, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'jdbc', 'url' = 'jdbc:mysql://h/d', 'table-name' = 'dim');
INSERT INTO sink_t SELECT id FROM clicks;
INSERT INTO dim VALUES (1, 'a'), (2, 'b');
`,
      {
        'fix.sql': `MERGE INTO dim t USING (VALUES (2, 'B')) AS s (id, name) ON t.id = s.id WHEN MATCHED THEN UPDATE SET name = s.name;\n`,
        'bad.sql': `MERGE INTO dim t USING (VALUES (2, 'B')) AS s (id, name) ON t.id = s.id\nWHEN MATCHED THEN UPDATE SET nam = s.name;\n`,
      },
    );
    const dir = path.dirname(file);
    let out = '';
    let err = '';
    const code = await main(['run', file, '--for', '3s', '--repair', path.join(dir, 'fix.sql'), '--json'], { out: (t) => (out += t), err: (t) => (err += t) });
    expect(err.split('\n').filter((l) => l.includes('error'))).toEqual([]);
    expect(code).toBe(0);
    expect(JSON.parse(out).tables.dim.rows).toEqual([
      [1, 'a'],
      [2, 'B'],
    ]);
    err = '';
    const bad = path.join(dir, 'bad.sql');
    expect(await main(['run', file, '--for', '1s', '--repair', bad], { out: () => {}, err: (t) => (err += t) })).toBe(1);
    expect(err).toContain(`${bad}:2:30: error: unknown column 'nam' in table dim; did you mean 'name'?`);
  });

  it('--repair reports the downstream impact the engine measures for the same run', async () => {
    let out = '';
    const args = ['run', 'examples/repair-merge.sql', '--for', '30s', '--repair', 'examples/repair-merge.fix.sql'];
    expect(await main([...args, '--json'], { out: (t) => (out += t), err: () => {} })).toBe(0);
    const reported = JSON.parse(out).repairs;
    const sim = createSimulation(readFileSync('examples/repair-merge.sql', 'utf8'), { seed: 1 });
    sim.runFor(30_000);
    const measured = sim.compareRepairs([readFileSync('examples/repair-merge.fix.sql', 'utf8')]);
    expect(reported).toEqual([{ file: 'examples/repair-merge.fix.sql', atMs: 30_000, observeMs: 120_000, targets: measured.runs[0]!.targets, readers: measured.runs[0]!.readers }]);
    expect(reported[0].targets[0]).toMatchObject({ table: 'dwd_orders', changes: reported[0].targets[0].rowsAdded });
    expect(reported[0].readers[0].received).toBe(2 * reported[0].targets[0].rowsAdded);
    out = '';
    expect(await main(args, { out: (t) => (out += t), err: () => {} })).toBe(0);
    expect(out.split('\n').slice(0, 3)).toEqual([
      'repair examples/repair-merge.fix.sql at 30.0 s:',
      `  dwd_orders: ${reported[0].targets[0].rowsRemoved} rows removed, ${reported[0].targets[0].rowsAdded} added; ${reported[0].targets[0].changes} changes committed (sent to its streaming readers)`,
      `  job-2 (INSERT INTO ads_product_revenue) read ${reported[0].readers[0].received} changes of dwd_orders, its sink received ${reported[0].readers[0].emitted} (within 2.0 min)`,
    ]);
  });

  it('a bug in Freshet is one line and exit 70, never a stack trace', async () => {
    let err = '';
    const code = await main(['run', 'examples/csv-pipeline.sql'], {
      out: () => {
        throw new Error('boom');
      },
      err: (t) => (err += t),
    });
    expect(code).toBe(70);
    expect(err).toBe('freshet: internal error (a bug in Freshet, not in your script): boom\n');
  });

  it('bad usage exits 2 with the usage text', async () => {
    const spawned = freshet(['walk']);
    expect(spawned.code).toBe(2);
    expect(spawned.stderr).toContain('usage: freshet run');
    const cases = [[], ['run'], ['run', 'examples/csv-pipeline.sql', '--seed', 'x'], ['run', 'examples/csv-pipeline.sql', '--for', 'ever'], ['run', 'examples/csv-pipeline.sql', '--bogus'], ['run', 'a.sql', 'b.sql'], ['run', 'no/such/file.sql']];
    for (const args of cases) {
      let err = '';
      const code = await main(args, { out: () => {}, err: (t) => (err += t) });
      expect(code, args.join(' ')).toBe(2);
      expect(err).toContain('usage: freshet run');
    }
  });

  it('unbounded sources without --for or sim.duration exit 2 and say so', () => {
    const file = tempScript(
      `CREATE TABLE g (id BIGINT) WITH ('connector' = 'datagen');
       CREATE TABLE out (id BIGINT) WITH ('connector' = 'blackhole');
       INSERT INTO out SELECT id FROM g;`,
    );
    const r = freshet(['run', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unbounded sources \(g\).*--for/);
    expect(freshet(['run', file, '--for', '2s', '--json']).code).toBe(0);
  });

  describe('--fault DURATION[@JOB]', () => {
    const script = `SET 'execution.checkpointing.interval' = '1 s';
SET 'restart-strategy.type' = 'fixed-delay';
SET 'restart-strategy.fixed-delay.attempts' = '3';
SET 'sim.cost.source.rps' = '50';
CREATE TABLE src (id BIGINT, v INT) WITH ('connector' = 'datagen', 'number-of-rows' = '200', 'rows-per-second' = '40',
  'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '200');
CREATE TABLE k_eo (id BIGINT, v INT) WITH ('connector' = 'kafka', 'topic' = 'eo', 'properties.bootstrap.servers' = 'k:9092', 'format' = 'json', 'sink.delivery-guarantee' = 'exactly-once');
CREATE TABLE k_alo (id BIGINT, v INT) WITH ('connector' = 'kafka', 'topic' = 'alo', 'properties.bootstrap.servers' = 'k:9092', 'format' = 'json');
INSERT INTO k_eo SELECT id, v FROM src;
INSERT INTO k_alo SELECT id, v FROM src;
`;
    const run = async (...args: string[]) => {
      let out = '';
      let err = '';
      const code = await main(['run', tempScript(script), ...args], { out: (t) => (out += t), err: (t) => (err += t) });
      return { code, out, err };
    };

    it('fails the named job over at that time (repeatable) and prints what each sink saw', async () => {
      // At 4.5 s job-2 is waiting out its restart delay (a lost TaskManager cannot fail it again).
      const r = await run('--fault', '3500ms@job-2', '--fault=4500ms');
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/failover: job-1 failed 1 time, restarted 1 \(from checkpoint 4\); .*TaskManager with id taskmanager-job-1 is no longer reachable \(fault injected at 4.5 s\)/);
      expect(r.out).toMatch(/sink k_eo \(exactly-once\): no duplicates, none lost/);
      expect(r.out).toMatch(/failover: job-2 failed 1 time, restarted 1 \(from checkpoint 3\); .*\(fault injected at 3.5 s\)/);
      expect(r.out).toMatch(/sink k_alo \(at-least-once\): [1-9]\d* duplicated rows, none lost/);
    });

    it('--json carries the failovers and the sink accounting per job', async () => {
      const r = await run('--fault', '3500ms@job-2', '--json');
      expect(r.code).toBe(0);
      const jobs = JSON.parse(r.out).metrics.jobs as { id: string; failovers: unknown[]; sink: { duplicatedRows: number } }[];
      expect(jobs.find((j) => j.id === 'job-1')!.failovers).toEqual([]);
      expect(jobs.find((j) => j.id === 'job-2')!.failovers).toEqual([{ failedAt: 3500, cause: expect.stringMatching(/no longer reachable/), restoredAt: 4500, checkpointId: 3, final: false }]);
      const rows = JSON.parse(r.out).tables.k_alo.rows.length;
      expect(rows).toBe(200 + jobs.find((j) => j.id === 'job-2')!.sink.duplicatedRows);
    });

    it('a bad fault or an unknown job is bad usage (exit 2)', async () => {
      const bad = await run('--fault', 'soon');
      expect(bad.code).toBe(2);
      expect(bad.err).toMatch(/--fault: a fault is DURATION\[@JOB\], such as '2 min' or '90 s@job-2', not 'soon'/);
      const unknown = await run('--fault', '1s@job-9');
      expect(unknown.code).toBe(2);
      expect(unknown.err).toMatch(/--fault names job 'job-9', which .* does not have \(its jobs: job-1, job-2\)/);
    });
  });
});

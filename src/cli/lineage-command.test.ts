// `freshet lineage` as a user runs it: per-column lineage in text and JSON, one column traced
// upstream and downstream, located errors and exit codes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');

function freshet(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/freshet.mjs'), ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('freshet lineage', () => {
  it('prints each written column with its upstream columns, kind and job, and the row-deciding columns', () => {
    const r = freshet(['lineage', 'examples/orders-pipeline.sql']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('ads_city_revenue: written by job-3 (INSERT INTO ads_city_revenue)');
    expect(r.stdout).toMatch(/^ {2}revenue +<- +dwd_paid_orders\.amount +AGGREGATION +job-3$/m);
    expect(r.stdout).toMatch(/^ {2}paid_orders +<- +\(no source column\)$/m);
    expect(r.stdout).toMatch(/^ {2}\(rows\) +<- +dwd_paid_orders\.city +GROUP_BY +job-3$/m);
    expect(r.stdout).toMatch(/^ {2}city +<- +dim_users\.city +IDENTITY +job-2$/m);
    expect(r.stdout).toContain('src_order_events: no job writes it; read by job-1');
  });

  it('--json prints the graph; --column traces one column over every job', () => {
    const g = JSON.parse(freshet(['lineage', 'examples/orders-pipeline.sql', '--json']).stdout);
    expect(g.jobs.map((j: { id: string }) => j.id)).toEqual(['job-1', 'job-2', 'job-3']);
    expect(g.edges).toContainEqual(
      expect.objectContaining({ from: { table: 'dwd_paid_orders', column: 'amount' }, to: { table: 'ads_city_revenue', column: 'revenue' }, job: 'job-3', transformations: [{ type: 'DIRECT', subtype: 'AGGREGATION', masking: false }] }),
    );
    const t = freshet(['lineage', 'examples/orders-pipeline.sql', '--column', 'ADS_CITY_REVENUE.revenue']);
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/^ads_city_revenue\.revenue\n {2}upstream/);
    expect(t.stdout).toMatch(/^ {4}3 +src_order_events\.order_id +/m);
    expect(t.stdout).toContain('  downstream: none');
    expect(t.stdout).toMatch(/^ {4}dwd_paid_orders\.amount +-> +ads_city_revenue\.revenue +AGGREGATION +job-3: Source > Calc > GroupAggregate > Calc > Sink$/m);
    expect(t.stdout).toMatch(/^ {4}ods_orders\.status +-> +dwd_paid_orders \(rows\) +FILTER +job-2: Source > Calc > Join > Calc > Sink$/m);
    const j = JSON.parse(freshet(['lineage', 'examples/orders-pipeline.sql', '--json', '--column=src_order_events.status']).stdout);
    expect(j.column).toEqual({ table: 'src_order_events', column: 'status' });
    expect(j.downstream.columns.map((c: { table: string; column: string }) => `${c.table}.${c.column}`)).toContain('ads_city_revenue.city');
  });

  it('reports a bad script as run does (exit 1), an unknown column and bad usage with exit 2', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'freshet-lineage-'));
    const bad = path.join(dir, 'bad.sql');
    writeFileSync(bad, "CREATE TABLE t (a STRNG) WITH ('connector' = 'datagen');\n");
    const r = freshet(['lineage', bad]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${bad}:1:19: error: unknown type 'STRNG'`);
    const u = freshet(['lineage', 'examples/orders-pipeline.sql', '--column', 'ods_orders.nope']);
    expect(u.code).toBe(2);
    expect(u.stderr).toContain("has no column 'ods_orders.nope'");
    expect(freshet(['lineage', 'examples/orders-pipeline.sql', '--column', 'nodot']).code).toBe(2);
    expect(freshet(['lineage']).code).toBe(2);
    expect(freshet(['lineage', 'a.sql', 'b.sql']).code).toBe(2);
    expect(freshet(['lineage', '--help']).code).toBe(0);
  });
});

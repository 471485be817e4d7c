// `freshet export` as a user runs it: the SQL on stdout, the report on stderr, exit codes, the JSON
// report and the deploy bundle.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');

function freshet(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/freshet.mjs'), ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('freshet export', () => {
  it('prints Flink SQL on stdout and the report on stderr, exit 0', () => {
    const r = freshet(['export', 'examples/orders-pipeline.sql']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^-- Exported by Freshet from orders-pipeline\.sql for Flink 1\.20/);
    expect(r.stdout).not.toContain('sim.duration');
    expect(r.stderr).toMatch(/^examples\/orders-pipeline\.sql: exported for Flink 1\.20 \(LTS\).*: \d+ changes \(\d+ changed, \d+ approximated, \d+ lost\)/);
    expect(r.stderr).toContain("examples/orders-pipeline.sql:11 -> orders-pipeline.flink-1.20.sql:");
  });

  it('writes the JSON report and a deploy bundle for 2.x', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'freshet-export-'));
    const report = path.join(dir, 'report.json');
    const bundle = path.join(dir, 'bundle');
    const r = freshet(['export', 'examples/lake-sources-flip27.sql', '--target', 'flink-2.x', '--catalog', 'hive', '--report', report, '--bundle', bundle]);
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(report, 'utf8'));
    expect(json.target).toBe('flink-2.x');
    expect(json.report.some((e: { severity: string }) => e.severity === 'lost')).toBe(true);
    expect(json.placeholders.map((p: { name: string }) => p.name)).toEqual(['ICEBERG_WAREHOUSE', 'ICEBERG_HIVE_METASTORE_URI']);
    expect(readdirSync(bundle).sort()).toEqual(['README.md', 'config.yaml', 'lake-sources-flip27.sql', 'report.json']);
    expect(readFileSync(path.join(bundle, 'config.yaml'), 'utf8')).toContain('taskmanager.memory.task.heap.size: 64 mb');
    const readme = readFileSync(path.join(bundle, 'README.md'), 'utf8');
    expect(readme).toContain('`org.apache.iceberg:iceberg-flink-runtime-2.0:1.11.0`');
    expect(readme).toContain('`${ICEBERG_WAREHOUSE}`');
    expect(readFileSync(path.join(bundle, 'lake-sources-flip27.sql'), 'utf8')).toBe(r.stdout);
  });

  it('reports a bad script as run does (exit 1) and bad usage with exit 2', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'freshet-export-'));
    const bad = path.join(dir, 'bad.sql');
    writeFileSync(bad, "CREATE TABLE t (a STRNG) WITH ('connector' = 'datagen');\n");
    const r = freshet(['export', bad]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${bad}:1:19: error: unknown type 'STRNG'`);
    expect(freshet(['export', bad, '--target', 'flink-3']).code).toBe(2);
    expect(freshet(['export']).code).toBe(2);
  });
});

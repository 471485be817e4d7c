import { describe, expect, it } from 'vitest';
import * as engineApi from '../../engine/index';
import { EngineHost } from '../../workers/engineHost';
import { deleteJobEdit, deleteTableEdit, lakeOptions, namesInScript, paletteTableSpec, renamePositions } from './edits';
import { freshName } from './templates';
import { buildSeries, downsample } from '../panels/metricsSeries';

// The worker's object over the real engine: the same edit services the studio calls.
const host = new EngineHost(engineApi);

async function edit(script: string, request: Parameters<EngineHost['edit']>[1]): Promise<string> {
  const r = host.edit(script, request);
  if (!r.ok) throw new Error(r.message);
  return r.script;
}

describe('canvas script edits (the engine edit services through the worker host)', () => {
  it('adds palette tables with connector options and connects them column by column', async () => {
    let s = "SET 'execution.checkpointing.interval' = '30s';\n";
    const src = paletteTableSpec('ODS', 'datagen', namesInScript(s));
    expect(src.name).toBe('ods_gen_1');
    s = await edit(s, { op: 'addTable', spec: src });
    const dst = paletteTableSpec('ADS', 'jdbc', namesInScript(s));
    s = await edit(s, { op: 'addTable', spec: dst });
    expect(s).toContain("'connector' = 'datagen'");
    expect(s).toMatch(/CREATE TABLE ads_table_1 \([\s\S]*PRIMARY KEY \(id\) NOT ENFORCED[\s\S]*'connector' = 'jdbc'/);
    const r = host.edit(s, { op: 'connectTables', source: 'ods_gen_1', target: 'ads_table_1' });
    if (!r.ok) throw new Error(r.message);
    expect(r.script).toMatch(/INSERT INTO ads_table_1\s+SELECT\s+id,\s+name,\s+amount,\s+event_time\s+FROM ods_gen_1;/);
    // The selection is the new statement, for the editor to open.
    expect(r.script.slice(r.selection!.offset, r.selection!.offset + r.selection!.length)).toMatch(/^INSERT INTO ads_table_1[\s\S]*;$/);
    expect(engineApi.compile(r.script).ok).toBe(true);
  });

  it('adds an Iceberg table as asked: format version, key, upsert only where v2/v3 have a key', async () => {
    expect(lakeOptions({ formatVersion: 2, keyed: true })).toEqual({ 'format-version': '2', 'write.upsert.enabled': 'true' });
    expect(lakeOptions({ formatVersion: 3, keyed: true })).toEqual({ 'format-version': '3', 'write.upsert.enabled': 'true' });
    expect(lakeOptions({ formatVersion: 3, keyed: false })).toEqual({ 'format-version': '3' });
    expect(lakeOptions({ formatVersion: 1, keyed: true })).toEqual({ 'format-version': '1' });
    let s = "SET 'execution.checkpointing.interval' = '10s';\n";
    s = await edit(s, { op: 'addTable', spec: paletteTableSpec('ODS', 'datagen', namesInScript(s)) });
    s = await edit(s, { op: 'addTable', spec: paletteTableSpec('DWD', 'iceberg', namesInScript(s)) });
    expect(s).toMatch(/CREATE TABLE dwd_table_1 \([\s\S]*PRIMARY KEY \(id\) NOT ENFORCED[\s\S]*'format-version' = '2',\n {2}'write.upsert.enabled' = 'true'\n\);/);
    s = await edit(s, { op: 'addTable', spec: paletteTableSpec('ODS', 'iceberg', namesInScript(s), { formatVersion: 1, keyed: false }) });
    expect(s).toMatch(/CREATE TABLE ods_table_1 \(\n {2}id BIGINT,\n {2}name STRING,\n {2}amount DECIMAL\(10, 2\),\n {2}event_time TIMESTAMP\(3\)\n\) WITH \([\s\S]*'format-version' = '1'\n\);/);
    s = await edit(s, { op: 'connectTables', source: 'ods_gen_1', target: 'dwd_table_1' });
    expect(engineApi.compile(s).ok).toBe(true);
    // Run it: the lake table commits once per checkpoint, and its metadata tables are readable.
    expect(host.load(s, { seed: 1 }).ok).toBe(true);
    let now = 0;
    while (now < 25_000) now = host.step()!.now;
    const snaps = host.lakeSnapshots('dwd_table_1');
    expect(snaps.map((x) => x.committedAt)).toEqual([10_100, 20_100]);
    expect(host.metadataTableNames()).toContain('dwd_table_1$snapshots');
    expect(host.readTable('dwd_table_1$snapshots').rows).toHaveLength(2);
  });

  it('renames every reference, refuses a taken name, and keeps the node where it was', async () => {
    const s = 'CREATE TABLE ods_a (id BIGINT) WITH (\'connector\' = \'datagen\');\nCREATE TABLE ads_b (id BIGINT) WITH (\'connector\' = \'print\');\n' +
      "INSERT INTO ads_b SELECT ods_a.id FROM ods_a; -- ods_a stays in comments\n";
    const out = await edit(s, { op: 'renameTable', from: 'ods_a', to: 'ods_z' });
    expect(out).toContain('CREATE TABLE ods_z');
    expect(out).toContain('SELECT ods_z.id FROM ods_z;');
    expect(out).toContain('-- ods_a stays in comments');
    const clash = host.edit(s, { op: 'renameTable', from: 'ods_a', to: 'ads_b' });
    expect(clash.ok).toBe(false);
    expect(renamePositions({ 'table:ods_a': { x: 1, y: 2, layer: 'DWD' } }, 'ods_a', 'ods_z')).toEqual({
      'table:ods_a': { x: 1, y: 2, layer: 'DWD' },
      'table:ods_z': { x: 1, y: 2, layer: 'DWD' },
    });
  });

  it('deletes a table with its writers, reports its readers, and deletes them on request', async () => {
    const s = [
      "CREATE TABLE ods_a (id BIGINT) WITH ('connector' = 'datagen');",
      "CREATE TABLE dwd_b (id BIGINT) WITH ('connector' = 'print');",
      "CREATE TABLE ads_c (id BIGINT) WITH ('connector' = 'print');",
      'INSERT INTO dwd_b SELECT id FROM ods_a;',
      'INSERT INTO ads_c SELECT id FROM dwd_b;',
      '',
    ].join('\n');
    const kept = await deleteTableEdit(host, s, 'dwd_b', false);
    if (!kept.ok) throw new Error(kept.message);
    expect(kept.script).not.toContain('dwd_b (id');
    expect(kept.script).not.toContain('INSERT INTO dwd_b');
    expect(kept.readers?.map((r) => r.summary)).toEqual(['INSERT INTO ads_c']);
    const gone = await deleteTableEdit(host, s, 'dwd_b', true);
    if (!gone.ok) throw new Error(gone.message);
    expect(gone.script).not.toContain('dwd_b');
    const job = await deleteJobEdit(host, s, 'job-2');
    if (!job.ok) throw new Error(job.message);
    expect(job.script).not.toContain('INSERT INTO ads_c');
    expect(job.script).toContain('INSERT INTO dwd_b');
  });

  it('writes a per-job edit back with replaceStatement', async () => {
    const s = "CREATE TABLE a (id BIGINT) WITH ('connector' = 'datagen');\nCREATE TABLE b (id BIGINT) WITH ('connector' = 'print');\nINSERT INTO b SELECT id FROM a;\n";
    const range = host.jobStatementRange(s, 'job-1')!;
    expect(range.text).toBe('INSERT INTO b SELECT id FROM a');
    const out = await edit(s, { op: 'replaceStatement', range, text: 'INSERT INTO b SELECT id + 1 FROM a WHERE id > 2;' });
    expect(out).toContain('INSERT INTO b SELECT id + 1 FROM a WHERE id > 2;\n');
  });

  it('creates tables with fresh layer-prefixed names', () => {
    expect(freshName('ODS', ['ods_table_1'])).toBe('ods_table_2');
  });

  it('downsamples metrics history keeping the last point', () => {
    const xs = Array.from({ length: 1000 }, (_, i) => i);
    const d = downsample(xs, 100);
    expect(d.length).toBe(100);
    expect(d.at(-1)).toBe(999);
    const s = buildSeries(
      [0, 1, 2].map((i) => ({
        now: i * 1000,
        operators: [],
        sources: [],
        tables: i ? [{ name: 't', rows: i, freshnessMs: 500, changes: 0, parseErrors: 0 }] : [],
        checkpoints: { completed: 0, failed: 0, lastDurationMs: null, lastCompletedAt: null },
      })),
      (m) => m.tables.map((t) => [t.name, t.rows] as [string, number]),
    );
    expect(s).toEqual({ labels: ['t'], x: [0, 1, 2], ys: [[null, 1, 2]] });
  });
});

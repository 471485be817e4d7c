import { describe, expect, it } from 'vitest';
import type { TableInfo } from '../../engine/api';
import { insertSelectSql, removeSpan, renameIdentifier } from './edits';
import { appendStatement, createTableSql, freshName } from './templates';
import { buildSeries, downsample } from '../panels/metricsSeries';

const table = (name: string, cols: [string, string][]): TableInfo => ({
  name,
  layer: 'ODS',
  connector: 'kafka',
  columns: cols.map(([n, type]) => ({ name: n, type, nullable: true })),
  primaryKey: [],
  watermark: null,
  partitionedBy: [],
  options: {},
  comment: null,
  span: { start: { offset: 0, line: 1, column: 1 }, end: { offset: 0, line: 1, column: 1 } },
});

describe('canvas script edits', () => {
  it('writes INSERT ... SELECT mapping columns by name', () => {
    const src = table('ods_a', [['id', 'BIGINT'], ['amount', 'DOUBLE']]);
    const dst = table('ads_b', [['ID', 'BIGINT'], ['total', 'DECIMAL(10, 2)']]);
    expect(insertSelectSql(src, dst)).toBe('INSERT INTO ads_b\nSELECT id AS ID, CAST(NULL AS DECIMAL(10, 2)) AS total\nFROM ods_a;\n');
  });

  it('renames identifiers but not strings or comments', () => {
    const s = "CREATE TABLE ods_a (x INT) WITH ('topic' = 'ods_a'); -- ods_a\nINSERT INTO b SELECT * FROM ODS_A /*+ OPTIONS('a'='b') */;";
    expect(renameIdentifier(s, 'ods_a', 'ods_z')).toBe(
      "CREATE TABLE ods_z (x INT) WITH ('topic' = 'ods_a'); -- ods_a\nINSERT INTO b SELECT * FROM ods_z /*+ OPTIONS('a'='b') */;",
    );
  });

  it('removes a statement with its semicolon and blank line', () => {
    const s = 'SET a = 1;\n\nCREATE TABLE t (x INT);\n\nSELECT 1;';
    const start = s.indexOf('CREATE');
    const end = s.indexOf(';', start);
    const span = { start: { offset: start, line: 3, column: 1 }, end: { offset: end, line: 3, column: 23 } };
    expect(removeSpan(s, span)).toBe('SET a = 1;\n\nSELECT 1;');
  });

  it('creates tables with fresh layer-prefixed names', () => {
    expect(freshName('ODS', ['ods_table_1'])).toBe('ods_table_2');
    const sql = createTableSql('ads_table_1', 'jdbc');
    expect(sql).toContain("'connector' = 'jdbc'");
    expect(sql).toContain('PRIMARY KEY (id) NOT ENFORCED');
    expect(appendStatement('SET a = 1;\n\n\n', sql)).toBe(`SET a = 1;\n\n${sql}`);
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

// ROW_NUMBER() OVER as Flink plans it: Deduplicate for N = 1 ordered by a time attribute, Rank
// otherwise, from a subquery filter or QUALIFY; and the changelog each emits.
import { describe, expect, it } from 'vitest';
import { compile } from '../../index';

const DDL = `
CREATE TABLE ev (id INT, k STRING, v INT, ts TIMESTAMP(3), pt AS PROCTIME(), WATERMARK FOR ts AS ts) WITH ('connector' = 'datagen');
CREATE TABLE out4 (id INT, k STRING, v INT) WITH ('connector' = 'print');
CREATE TABLE append_out (id INT, k STRING, v INT) WITH ('connector' = 'filesystem', 'path' = 'o.csv', 'format' = 'csv');
`;
const result = (q: string, sink = 'out4') => compile(DDL + `INSERT INTO ${sink} ${q};`);
const errors = (q: string, sink?: string) => result(q, sink).diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
const ops = (q: string) => result(q).pipeline!.jobs[0]!.operators;

describe('ROW_NUMBER planning', () => {
  it('rn = 1 ordered by a time attribute is a Deduplicate: keep first (ASC) or last (DESC)', () => {
    const first = ops(`SELECT id, k, v FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY pt) AS rn FROM ev) WHERE rn = 1`);
    const d = first.find((o) => o.kind === 'Deduplicate')!;
    expect(d.label).toBe('Deduplicate(keep=[FirstRow], key=[k], order=[PROCTIME])');
    // Keep first on proctime never revisits a row: an append-only sink takes it.
    expect(d.changelogMode).toBe('insert-only');
    expect(errors(`SELECT id, k, v FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY pt) AS rn FROM ev) WHERE rn = 1`, 'append_out')).toEqual([]);
    const last = ops(`SELECT id, k, v FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY ts DESC) AS rn FROM ev) WHERE rn <= 1`);
    expect(last.find((o) => o.kind === 'Deduplicate')).toMatchObject({ label: 'Deduplicate(keep=[LastRow], key=[k], order=[ROWTIME])', changelogMode: 'retract' });
    expect(errors(`SELECT id, k, v FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY ts DESC) AS rn FROM ev) WHERE rn = 1`, 'append_out').join()).toMatch(/doesn't support consuming update changes/);
  });

  it('any other bound or order is a Rank with retractions; QUALIFY works the same way', () => {
    const r = ops(`SELECT id, k, v FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY v DESC) AS rn FROM ev) t WHERE t.rn < 4`).find((o) => o.kind === 'Rank')!;
    expect(r.label).toMatch(/^Rank\(strategy=\[RetractStrategy\], rankType=\[ROW_NUMBER\], rankRange=\[rankStart=1, rankEnd=3\], partitionBy=\[k\], orderBy=\[v DESC\]/);
    expect(r.changelogMode).toBe('retract');
    expect(ops(`SELECT id, k, v FROM ev QUALIFY ROW_NUMBER() OVER (PARTITION BY k ORDER BY v) BETWEEN 1 AND 5`).find((o) => o.kind === 'Rank')!.label).toContain('rankEnd=5');
    expect(ops(`SELECT id, k, v FROM ev QUALIFY ROW_NUMBER() OVER (PARTITION BY k ORDER BY ts DESC) = 1`).map((o) => o.kind)).toContain('Deduplicate');
  });

  it('says what Flink cannot run', () => {
    expect(errors(`SELECT id, k, v FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY v) AS rn FROM ev)`).join()).toMatch(/without a filter on its result/);
    expect(errors(`SELECT id, k, v FROM ev QUALIFY ROW_NUMBER() OVER (PARTITION BY k ORDER BY v) > 2`).join()).toMatch(/QUALIFY other than an upper bound/);
    expect(errors(`SELECT id, k, FIRST_VALUE(v) OVER (PARTITION BY k ORDER BY ts) FROM ev`).join()).toMatch(/not supported yet: FIRST_VALUE\(\.\.\.\) OVER/);
    expect(errors(`SELECT id, k, v FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY UPPER(k) ORDER BY v) AS rn FROM ev) WHERE rn = 1`).join()).toMatch(/an expression in the PARTITION BY/);
  });
});

describe('window Top-N', () => {
  it('partitioned by window_start and window_end of a window aggregation or TVF: a WindowRank, insert-only', () => {
    const q = `SELECT id, k, v FROM (
      SELECT id, k, v, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY v DESC) AS rn FROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
    ) WHERE rn <= 3`;
    const r = ops(q).find((o) => o.kind === 'WindowRank')!;
    expect(r.changelogMode).toBe('insert-only');
    expect(errors(q, 'append_out')).toEqual([]);
    // Only window_start: a regular Rank.
    expect(ops(q.replace('PARTITION BY window_start, window_end', 'PARTITION BY window_start')).map((o) => o.kind)).toContain('Rank');
  });
});

// Issue 13: BIGINT exact over 64 bits, DECIMAL(p, s) exact to p = 38 with Flink's precision and
// rounding rules, out-of-range input as parse errors. Each case failed before exact numbers.
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../index';

function run(script: string, files: Record<string, string> = {}) {
  const sim = createSimulation(script, { seed: 1, files });
  const r = sim.runToEnd();
  return { sim, r };
}

const ID_A = '1800000000000000001';
const ID_B = '1800000000000000002';

describe('BIGINT beyond 2^53', () => {
  it('snowflake ids stay distinct in GROUP BY and JOIN (CSV and JSON sources)', () => {
    const script = `
      CREATE TABLE orders (id BIGINT, amount INT) WITH ('connector' = 'filesystem', 'path' = 'o.csv', 'format' = 'csv');
      CREATE TABLE pays (order_id BIGINT, paid INT) WITH ('connector' = 'filesystem', 'path' = 'p.json', 'format' = 'json');
      CREATE TABLE by_id (id BIGINT, n BIGINT, total INT, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'jdbc');
      CREATE TABLE joined (id BIGINT, amount INT, paid INT) WITH ('connector' = 'jdbc');
      INSERT INTO by_id SELECT id, COUNT(*), SUM(amount) FROM orders GROUP BY id;
      INSERT INTO joined SELECT o.id, o.amount, p.paid FROM orders o JOIN pays p ON o.id = p.order_id;`;
    const { sim, r } = run(script, {
      'o.csv': `id,amount\n${ID_A},10\n${ID_B},20\n${ID_A},5\n`,
      'p.json': `{"order_id": ${ID_B}, "paid": 20}\n{"order_id": "${ID_A}", "paid": 15}\n`,
    });
    expect(r.status).toBe('finished');
    const groups = sim.readTable('by_id').rows.map((row) => row.map(String));
    expect(groups.sort()).toEqual([
      [ID_A, '2', '15'],
      [ID_B, '1', '20'],
    ]);
    const joined = sim.readTable('joined').rows.map((row) => row.map(String));
    expect(joined.sort()).toEqual([
      [ID_A, '10', '15'],
      [ID_A, '5', '15'],
      [ID_B, '20', '20'],
    ]);
    // The API gives a BIGINT beyond 2^53 as a bigint, never a rounded number.
    expect(sim.readTable('by_id').rows.map((row) => row[0])).toContain(BigInt(ID_A));
  });

  it('joins and compares across numeric types in their common type', () => {
    const { sim, r } = run(
      `
      CREATE TABLE a (id BIGINT) WITH ('connector' = 'filesystem', 'path' = 'a.csv', 'format' = 'csv');
      CREATE TABLE b (ref DECIMAL(38, 2), tag STRING) WITH ('connector' = 'filesystem', 'path' = 'b.csv', 'format' = 'csv');
      CREATE TABLE t (id BIGINT, tag STRING, same BOOLEAN) WITH ('connector' = 'jdbc');
      INSERT INTO t SELECT a.id, b.tag, a.id = b.ref FROM a JOIN b ON a.id = b.ref;`,
      { 'a.csv': `id
${ID_A}
${ID_B}
`, 'b.csv': `ref,tag
${ID_A}.00,x
${ID_B}.01,y
` },
    );
    expect(r.status).toBe('finished');
    expect(sim.readTable('t').rows).toEqual([[BigInt(ID_A), 'x', true]]);
  });

  it('arithmetic is exact and overflow wraps as Java long (Flink has no overflow check)', () => {
    const { sim, r } = run(`
      CREATE TABLE t (a BIGINT, b BIGINT, c BIGINT, d BIGINT, e BIGINT) WITH ('connector' = 'jdbc');
      INSERT INTO t VALUES (9007199254740993 + 2, 9223372036854775807 + 1, 3037000500 * 3037000500, -9223372036854775807 - 2, 9223372036854775807 / 2);`);
    expect(r.status).toBe('finished');
    expect(sim.readTable('t').rows).toEqual([[9007199254740995n, -9223372036854775808n, -9223372036709301616n, 9223372036854775807n, 4611686018427387903n]]);
  });

  it('SUM, MIN and MAX of BIGINT are exact; SUM wraps at 64 bits as LongSumAggFunction does', () => {
    const { sim, r } = run(
      `
      CREATE TABLE s (id BIGINT) WITH ('connector' = 'filesystem', 'path' = 's.csv', 'format' = 'csv');
      CREATE TABLE t (k INT, total BIGINT, lo BIGINT, hi BIGINT, PRIMARY KEY (k) NOT ENFORCED) WITH ('connector' = 'jdbc');
      INSERT INTO t SELECT 1, SUM(id), MIN(id), MAX(id) FROM s;`,
      { 's.csv': `id\n${ID_A}\n${ID_B}\n4611686018427387904\n4611686018427387904\n` },
    );
    expect(r.status).toBe('finished');
    // 3600000000000000003 + 2^63 wraps to 3600000000000000003 - 2^63.
    expect(sim.readTable('t').rows).toEqual([[1, 3600000000000000003n - 2n ** 63n, BigInt(ID_A), 4611686018427387904n]]);
  });

  it('a value beyond the long range is a parse error, counted with ignore-parse-errors', () => {
    const script = (ignore: boolean) => `
      CREATE TABLE s (id BIGINT) WITH ('connector' = 'filesystem', 'path' = 's.csv', 'format' = 'csv'${ignore ? ", 'csv.ignore-parse-errors' = 'true'" : ''});
      CREATE TABLE t (id BIGINT) WITH ('connector' = 'jdbc');
      INSERT INTO t SELECT id FROM s;`;
    const files = { 's.csv': 'id\n9223372036854775807\n9223372036854775808\n' };
    expect(run(script(false), files).r.error).toContain("'9223372036854775808' is out of the range of BIGINT");
    const ok = run(script(true), files);
    expect(ok.sim.readTable('t').rows).toEqual([[9223372036854775807n]]);
    expect(ok.sim.metrics().tables.find((t) => t.name === 's')!.parseErrors).toBe(1);
  });
});

describe('DECIMAL(p, s) exact to 38 digits', () => {
  it('DECIMAL(38, 10) sums exactly; wide values come out as exact text', () => {
    const { sim, r } = run(
      `
      CREATE TABLE s (k INT, v DECIMAL(38, 10)) WITH ('connector' = 'filesystem', 'path' = 's.json', 'format' = 'json');
      CREATE TABLE t (k INT, total DECIMAL(38, 10), avg_v DECIMAL(38, 10), hi DECIMAL(38, 10), PRIMARY KEY (k) NOT ENFORCED) WITH ('connector' = 'jdbc');
      INSERT INTO t SELECT k, SUM(v), AVG(v), MAX(v) FROM s GROUP BY k;`,
      {
        's.json': [
          '{"k": 1, "v": 12345678901234567890.1234567891}',
          '{"k": 1, "v": "0.0000000009"}',
          '{"k": 1, "v": 1234567.8901234567}',
          '{"k": 2, "v": 0.1}',
          '{"k": 2, "v": 0.2}',
        ].join('\n'),
      },
    );
    expect(r.status).toBe('finished');
    const rows = sim.readTable('t').rows.sort((a, b) => Number(a[0]) - Number(b[0]));
    expect(rows).toEqual([
      [1, '12345678901235802458.0135802467', '4115226300411934152.6711934156', '12345678901234567890.1234567891'],
      [2, 0.3, 0.15, 0.2],
    ]);
  });

  it('arithmetic follows Flink: exact, HALF_UP to the result scale, NULL beyond 38 digits', () => {
    const { sim, r } = run(`
      CREATE TABLE t (a DECIMAL(38, 10), b DECIMAL(38, 6), c DECIMAL(38, 2), d DECIMAL(38, 0)) WITH ('connector' = 'jdbc');
      INSERT INTO t VALUES (
        CAST('12345678901234567890.1234567891' AS DECIMAL(38, 10)) - CAST('0.0000000001' AS DECIMAL(38, 10)),
        CAST(1 AS DECIMAL(10, 0)) / CAST(3 AS DECIMAL(10, 0)),
        CAST('99999999999999999999.995' AS DECIMAL(38, 3)) * 1,
        CAST('99999999999999999999999999999999999999' AS DECIMAL(38, 0)) + 1);`);
    expect(r.status).toBe('finished');
    const [row] = sim.readTable('t').rows;
    expect(row![0]).toBe('12345678901234567890.1234567890');
    expect(row![1]).toBe(0.333333);
    expect(row![2]).toBe('100000000000000000000.00');
    expect(row![3]).toBe(null);
  });

  it('CAST rounds HALF_UP and gives NULL when the value does not fit p digits', () => {
    const { sim, r } = run(`
      CREATE TABLE t (a DECIMAL(10, 2), b DECIMAL(10, 2), c DECIMAL(10, 0), d DECIMAL(10, 2), e DECIMAL(5, 2)) WITH ('connector' = 'jdbc');
      INSERT INTO t VALUES (CAST('123456789012345.678' AS DECIMAL(10, 2)), CAST(1.005 AS DECIMAL(10, 2)), CAST(-2.5 AS DECIMAL(10, 0)), CAST('-0.005' AS DECIMAL(10, 2)), CAST(999.995 AS DECIMAL(5, 2)));`);
    expect(r.status).toBe('finished');
    expect(sim.readTable('t').rows).toEqual([[null, 1.01, -3, -0.01, null]]);
  });

  it('a value that does not fit DECIMAL(p, s) on read is a parse error: fails, or is counted and skipped', () => {
    const script = (ignore: boolean) => `
      CREATE TABLE s (v DECIMAL(10, 2)) WITH ('connector' = 'filesystem', 'path' = 's.csv', 'format' = 'csv'${ignore ? ", 'csv.ignore-parse-errors' = 'true'" : ''});
      CREATE TABLE t (v DECIMAL(10, 2)) WITH ('connector' = 'jdbc');
      INSERT INTO t SELECT v FROM s;`;
    const files = { 's.csv': 'v\n12.345\n123456789012345.678\n1e400\n' };
    const failed = run(script(false), files);
    expect(failed.r.status).toBe('failed');
    expect(failed.r.error).toContain("s.csv:3: column 'v': '123456789012345.678' is out of the range of DECIMAL(10, 2)");
    const ok = run(script(true), files);
    expect(ok.sim.readTable('t').rows).toEqual([[12.35]]);
    expect(ok.sim.metrics().tables.find((t) => t.name === 's')!.parseErrors).toBe(2);
  });
});

describe('out-of-range input is a parse error, never a value', () => {
  it('JSON 1e308 into DECIMAL, epoch 1e20 into TIMESTAMP, year 10000 into DATE', () => {
    const script = `
      CREATE TABLE s (v DECIMAL(38, 2), ts TIMESTAMP(3), d DATE) WITH ('connector' = 'filesystem', 'path' = 's.json', 'format' = 'json', 'json.ignore-parse-errors' = 'true');
      CREATE TABLE t (v DECIMAL(38, 2), ts TIMESTAMP(3), d DATE) WITH ('connector' = 'jdbc');
      INSERT INTO t SELECT v, ts, d FROM s;`;
    const { sim, r } = run(script, {
      's.json': [
        '{"v": 1.5, "ts": 0, "d": "2024-01-02"}',
        '{"v": 1e308, "ts": 0, "d": "2024-01-02"}',
        '{"v": 1, "ts": 1e20, "d": "2024-01-02"}',
        '{"v": 1, "ts": 0, "d": "10000-01-01"}',
        '{"v": 1, "ts": "-0001-01-01 00:00:00", "d": "2024-01-02"}',
      ].join('\n'),
    });
    expect(r.status).toBe('finished');
    expect(sim.readTable('t').rows).toEqual([[1.5, '1970-01-01 00:00:00', '2024-01-02']]);
    expect(sim.metrics().tables.find((t) => t.name === 's')!.parseErrors).toBe(4);
  });
});

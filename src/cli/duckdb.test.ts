import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duckTypeOf, openDuck, parseTimestampMicros, runDuckQuery, unscaledDecimal, type Duck } from './duckdb';

const COLUMNS = [
  { name: 'id', type: 'BIGINT' },
  { name: 'qty', type: 'INT' },
  { name: 'small', type: 'SMALLINT' },
  { name: 'tiny', type: 'TINYINT' },
  { name: 'amount', type: 'DECIMAL(10, 2)' },
  { name: 'ratio', type: 'DOUBLE' },
  { name: 'f', type: 'FLOAT' },
  { name: 'name', type: 'STRING' },
  { name: 'code', type: 'VARCHAR(8)' },
  { name: 'ts', type: 'TIMESTAMP(3)' },
  { name: 'day', type: 'DATE' },
  { name: 'ok', type: 'BOOLEAN' },
  { name: 'ltz', type: 'TIMESTAMP_LTZ(3)' },
];

const ROWS: unknown[][] = [
  [1, 3, 7, -1, 12.34, 0.5, 1.5, 'alpha', 'A1', '2026-01-01 00:00:00', '2026-01-01', true, '2026-01-01 10:00:00.5'],
  [2, -4, -7, 127, -0.05, -2.25, -0.25, '', 'B', '2024-02-29 23:59:59.999', '2024-02-29', false, '1970-01-01 00:00:00'],
  [null, null, null, null, null, null, null, null, null, null, null, null, null],
  [9007199254740993n, 2147483647, 32767, -128, '99999999.99', 1e300, 0, `it's, "quoted"`, 'Z', '1969-12-31 23:59:59.001', '1900-03-01', true, null],
];

describe('cli/duckdb', () => {
  let duck: Duck;
  beforeAll(async () => {
    duck = await openDuck();
    duck.loadTable('t', COLUMNS, ROWS);
  });
  afterAll(() => duck.close());

  it('maps Flink types to DuckDB types', () => {
    expect(duckTypeOf('DECIMAL(10, 2)')).toBe('DECIMAL(10, 2)');
    expect(duckTypeOf('timestamp(3)')).toBe('TIMESTAMP');
    expect(duckTypeOf('TIMESTAMP(3) WITH LOCAL TIME ZONE')).toBe('TIMESTAMPTZ');
    expect(duckTypeOf('INT NOT NULL')).toBe('INTEGER');
    expect(duckTypeOf('VARCHAR(20)')).toBe('VARCHAR');
    expect(duckTypeOf('ARRAY<INT>')).toBe('VARCHAR');
    expect(duckTypeOf('INTERVAL')).toBe('VARCHAR');
  });

  it('converts decimals and timestamps exactly', () => {
    expect(unscaledDecimal(12.34, 2)).toBe(1234n);
    expect(unscaledDecimal('-0.005', 2)).toBe(-1n);
    expect(unscaledDecimal('1.004', 2)).toBe(100n);
    expect(unscaledDecimal(7, 3)).toBe(7000n);
    expect(parseTimestampMicros('1970-01-01 00:00:01.5')).toBe(1_500_000n);
    expect(parseTimestampMicros('1969-12-31 23:59:59')).toBe(-1_000_000n);
  });

  it('loads every type with the declared DuckDB type', () => {
    const r = duck.query(
      `SELECT typeof(id), typeof(qty), typeof(small), typeof(tiny), typeof(amount), typeof(ratio), typeof(f), typeof(name),
              typeof(code), typeof(ts), typeof(day), typeof(ok), typeof(ltz) FROM t LIMIT 1`,
    );
    expect(r.rows[0]).toEqual([
      'BIGINT',
      'INTEGER',
      'SMALLINT',
      'TINYINT',
      'DECIMAL(10,2)',
      'DOUBLE',
      'FLOAT',
      'VARCHAR',
      'VARCHAR',
      'TIMESTAMP',
      'DATE',
      'BOOLEAN',
      'TIMESTAMP WITH TIME ZONE',
    ]);
  });

  it('round-trips values and NULLs', () => {
    const r = duck.query('SELECT * FROM t ORDER BY id NULLS LAST');
    expect(r.columns).toEqual(COLUMNS.map((c) => c.name));
    expect(r.rows).toEqual([
      [1, 3, 7, -1, 12.34, 0.5, 1.5, 'alpha', 'A1', '2026-01-01 00:00:00', '2026-01-01', true, '2026-01-01 10:00:00.500'],
      [2, -4, -7, 127, -0.05, -2.25, -0.25, '', 'B', '2024-02-29 23:59:59.999', '2024-02-29', false, '1970-01-01 00:00:00'],
      [9007199254740993n, 2147483647, 32767, -128, 99999999.99, 1e300, 0, `it's, "quoted"`, 'Z', '1969-12-31 23:59:59.001', '1900-03-01', true, null],
      [null, null, null, null, null, null, null, null, null, null, null, null, null],
    ]);
  });

  it('normalizes query results: BigInt, HUGEINT, DECIMAL, dates and timestamps', () => {
    const r = duck.query(
      `SELECT count(*) AS n, count(qty) AS nq, sum(amount) AS s, sum(qty) AS sq, min(ts) AS mn, max(day) AS mx,
              sum(id) AS big, CAST(1.5 AS DECIMAL(4, 1)) AS d, 1::HUGEINT AS h, 'Infinity'::DOUBLE AS inf
       FROM t`,
    );
    expect(r.columns).toEqual(['n', 'nq', 's', 'sq', 'mn', 'mx', 'big', 'd', 'h', 'inf']);
    expect(r.rows).toEqual([[4, 3, 100000012.28, 2147483646, '1969-12-31 23:59:59.001', '2026-01-01', '9007199254740996', 1.5, 1, 'Infinity']]);
  });

  it('runs a grouped query with NULL keys', () => {
    const r = duck.query(`SELECT ok, count(*) AS c FROM t GROUP BY ok ORDER BY ok NULLS FIRST`);
    expect(r.rows).toEqual([
      [null, 1],
      [false, 1],
      [true, 2],
    ]);
  });

  it('loads columns of types without a DuckDB counterpart as text', () => {
    duck.loadTable('odd', [{ name: 'iv', type: 'INTERVAL' }, { name: 'arr', type: 'ARRAY<INT>' }], [[60000, [1, 2]], [null, null]]);
    expect(duck.query('SELECT * FROM odd').rows).toEqual([
      ['60000', '[1,2]'],
      [null, null],
    ]);
  });

  it('replaces a table on reload and accepts empty tables', () => {
    duck.loadTable('t2', [{ name: 'x', type: 'INT' }], [[1], [2]]);
    duck.loadTable('t2', [{ name: 'x', type: 'INT' }], []);
    expect(duck.query('SELECT count(*) FROM t2').rows).toEqual([[0]]);
  });

  it('keeps BIGINT and DECIMAL(38, s) exact both ways (a number when exact as one, else bigint / exact text)', () => {
    duck.loadTable('wide', [{ name: 'id', type: 'BIGINT' }, { name: 'v', type: 'DECIMAL(38, 10)' }], [
      [1800000000000000001n, '12345678901234567890.1234567891'],
      [5, 0.1],
      [-9223372036854775808n, '-0.0000000001'],
    ]);
    const r = duck.query('SELECT id, v, v * 2 AS w FROM wide ORDER BY id');
    expect(r.rows).toEqual([
      [-9223372036854775808n, -1e-10, -2e-10],
      [5, 0.1, 0.2],
      [1800000000000000001n, '12345678901234567890.1234567891', '24691357802469135780.2469135782'],
    ]);
  });

  it('runDuckQuery loads, queries and closes', async () => {
    const r = await runDuckQuery(
      {
        a: { columns: [{ name: 'k', type: 'STRING' }, { name: 'v', type: 'DECIMAL(5, 1)' }], rows: [['x', 1.1], ['y', 2], ['x', null]] },
        b: { columns: [{ name: 'k', type: 'STRING' }, { name: 'at', type: 'TIMESTAMP(3)' }], rows: [['x', '2026-01-01 12:00:00']] },
      },
      `SELECT a.k, sum(a.v) AS s, max(b.at) AS at FROM a LEFT JOIN b ON a.k = b.k GROUP BY a.k ORDER BY a.k`,
    );
    expect(r).toEqual({
      columns: ['k', 's', 'at'],
      types: ['', 'DECIMAL', ''],
      rows: [
        ['x', 1.1, '2026-01-01 12:00:00'],
        ['y', 2, null],
      ],
    });
  });
});

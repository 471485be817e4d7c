import { describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import { castSelect, duckType, plainNumberText, referencedTables, tableDataToIPC } from './arrowLoad';

describe('Arrow loading for DuckDB', () => {
  it('writes engine rows as an Arrow IPC stream with nulls kept', () => {
    const ipc = tableDataToIPC({
      columns: [
        { name: 'id', type: 'BIGINT', nullable: false },
        { name: 'amount', type: 'DECIMAL(10, 2)', nullable: true },
        { name: 'ok', type: 'BOOLEAN', nullable: true },
        { name: 'ts', type: 'TIMESTAMP(3)', nullable: true },
      ],
      rows: [
        [1, 9.5, true, '2026-01-01 00:00:01'],
        [2, null, null, null],
      ],
    });
    const t = tableFromIPC(ipc);
    expect(t.numRows).toBe(2);
    expect(t.getChild('c0')!.toArray()).toEqual(new BigInt64Array([1n, 2n]));
    expect(t.getChild('c1')!.get(1)).toBeNull();
    expect(t.getChild('c2')!.get(0)).toBe(true);
    expect(t.getChild('c3')!.get(0)).toBe('2026-01-01 00:00:01');
  });

  it('keeps BIGINT beyond 2^53 and DECIMAL(38, s) exact: Int64 and exact decimal text', () => {
    const ipc = tableDataToIPC({
      columns: [
        { name: 'id', type: 'BIGINT', nullable: true },
        { name: 'v', type: 'DECIMAL(38, 10)', nullable: true },
      ],
      rows: [
        [1800000000000000001n, '12345678901234567890.1234567891'],
        [-5, 1e-7],
        [null, null],
      ],
    });
    const t = tableFromIPC(ipc);
    expect(t.getChild('c0')!.get(0)).toBe(1800000000000000001n);
    expect(t.getChild('c0')!.get(1)).toBe(-5n);
    expect(t.getChild('c0')!.get(2)).toBeNull();
    expect(t.getChild('c1')!.get(0)).toBe('12345678901234567890.1234567891');
    expect(t.getChild('c1')!.get(1)).toBe('0.0000001');
    expect(plainNumberText(-1.5e21)).toBe('-1500000000000000000000');
  });

  it('maps Flink types to DuckDB casts', () => {
    expect(duckType('DECIMAL(10, 2)')).toBe('DECIMAL(10, 2)');
    expect(duckType('TIMESTAMP(3)')).toBe('TIMESTAMP');
    expect(duckType('INT NOT NULL')).toBe('INTEGER');
    expect(duckType('VARCHAR(20)')).toBe('VARCHAR');
    expect(castSelect('raw', [{ name: 'n', type: 'BIGINT', nullable: false }])).toBe('SELECT CAST(c0 AS BIGINT) AS "n" FROM "raw"');
  });

  it('finds the tables a query names, ignoring strings and comments', () => {
    const known = ['ads_sales', 'dwd_orders', 'ods_orders'];
    expect(referencedTables("SELECT * FROM ads_sales a JOIN DWD_ORDERS d ON a.x = d.x -- ods_orders\n WHERE s = 'ods_orders'", known)).toEqual([
      'ads_sales',
      'dwd_orders',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import { castSelect, duckType, referencedTables, tableDataToIPC } from './arrowLoad';

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
    expect(t.getChild('c0')!.toArray()).toEqual(new Float64Array([1, 2]));
    expect(t.getChild('c1')!.get(1)).toBeNull();
    expect(t.getChild('c2')!.get(0)).toBe(true);
    expect(t.getChild('c3')!.get(0)).toBe('2026-01-01 00:00:01');
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

// The harness itself: generator invariants, changelog folding, multiset comparison, scripts.
import { describe, expect, it } from 'vitest';
import { encodeFile, genDataset, netRows, type InputTable } from './gen';
import { buildScript, cols, compareRows, foldChangelog, type DiffCase } from './harness';

describe('differential harness: generator', () => {
  it('is deterministic per seed and differs across seeds', () => {
    expect(JSON.stringify(genDataset(7))).toBe(JSON.stringify(genDataset(7)));
    expect(JSON.stringify(genDataset(7))).not.toBe(JSON.stringify(genDataset(8)));
  });

  it('produces NULLs, empty strings, negatives and duplicates', () => {
    const orders = genDataset(1)['orders']!.rows!;
    const col = (i: number) => orders.map((r) => r[i]);
    expect(col(1)).toContain(null);
    expect(col(2)).toContain('');
    expect(col(2)).toContain(null);
    expect(col(3).some((v) => typeof v === 'number' && v < 0)).toBe(true);
    expect(col(4).some((v) => typeof v === 'number' && v < 0)).toBe(true);
    const keys = orders.map((r) => JSON.stringify(r));
    expect(new Set(keys).size).toBeLessThan(keys.length);
  });

  it('changelogs only retract rows that exist, with -U directly followed by +U', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      for (const t of Object.values(genDataset(seed))) {
        if (!t.changes) continue;
        const live = new Map<string, number>();
        t.changes.forEach((c, i) => {
          const k = JSON.stringify(c.row);
          if (c.op === '+I' || c.op === '+U') live.set(k, (live.get(k) ?? 0) + 1);
          else {
            expect(live.get(k) ?? 0, `${t.name} seed ${seed} change ${i}`).toBeGreaterThan(0);
            live.set(k, live.get(k)! - 1);
          }
          if (c.op === '-U') expect(t.changes![i + 1]?.op).toBe('+U');
        });
        const kinds = new Set(t.changes.map((c) => c.op));
        expect([...kinds].sort()).toEqual(['+I', '+U', '-D', '-U']);
        expect(netRows(t).length).toBe([...live.values()].reduce((a, b) => a + b, 0));
      }
    }
  });

  it('encodes CSV with a header, quoting and a NULL literal distinct from the empty string', () => {
    const t: InputTable = {
      name: 't',
      format: 'csv',
      columns: cols('a STRING', 'b INT'),
      rows: [
        ['', 1],
        [null, null],
        ['x, "y"', 2],
        [' pad ', 3],
      ],
    };
    expect(encodeFile(t)).toBe('a,b\n,1\n\\N,\\N\n"x, ""y""",2\n" pad ",3\n');
  });

  it('encodes changelog-json lines', () => {
    const t: InputTable = {
      name: 't',
      format: 'changelog-json',
      columns: cols('a STRING', 'b INT'),
      changes: [
        { op: '+I', row: ['x', 1] },
        { op: '-D', row: ['x', 1] },
      ],
    };
    expect(encodeFile(t)).toBe('{"op":"+I","data":{"a":"x","b":1}}\n{"op":"-D","data":{"a":"x","b":1}}\n');
    expect(netRows(t)).toEqual([]);
  });
});

describe('differential harness: comparison', () => {
  const C = cols('k STRING', 'n BIGINT', 'd DECIMAL(10, 2)', 'x DOUBLE', 'ts TIMESTAMP(3)', 'day DATE', 'b BOOLEAN');

  it('ignores order and compares as multisets', () => {
    const a = [
      ['a', 1, 1.5, 0.1, '2026-01-01 00:00:00', '2026-01-01', true],
      ['a', 1, 1.5, 0.1, '2026-01-01 00:00:00', '2026-01-01', true],
      [null, null, null, null, null, null, null],
    ];
    expect(compareRows(a, [a[2]!, a[0]!, a[1]!], C)).toBeNull();
    const m = compareRows(a, [a[0]!, a[2]!], C);
    expect(m?.missing).toEqual([a[0]]);
    expect(m?.unexpected).toEqual([]);
  });

  it('tolerates float error, rounds decimals to scale, and is strict otherwise', () => {
    const e = [['a', 1, 0.3, 0.1 + 0.2, '2026-01-01 00:00:00.5', '2026-01-01', false]];
    expect(compareRows(e, [['a', 1, 0.30000000000000004, 0.3, '2026-01-01 00:00:00.500', '2026-01-01', false]], C)).toBeNull();
    expect(compareRows(e, [['a', 1, 0.31, 0.3, '2026-01-01 00:00:00.5', '2026-01-01', false]], C)).not.toBeNull();
    expect(compareRows(e, [['a', 1, 0.3, 0.3001, '2026-01-01 00:00:00.5', '2026-01-01', false]], C)).not.toBeNull();
    expect(compareRows(e, [['a', '1', 0.3, 0.3, '2026-01-01 00:00:00.5', '2026-01-01', false]], C)).toBeNull();
    expect(compareRows(e, [['a ', 1, 0.3, 0.3, '2026-01-01 00:00:00.5', '2026-01-01', false]], C)).not.toBeNull();
    expect(compareRows(e, [['a', 1, 0.3, 0.3, 1767225600500, '2026-01-01', false]], C)).not.toBeNull();
    expect(compareRows(e, [['a', 1, 0.3, 0.3, '2026-01-01 00:00:00.5', '2026-01-01', null]], C)).not.toBeNull();
    expect(compareRows(e, [['a', 1, 0.3, 0.3, '2026-01-01 00:00:00.5', '2026-01-01', 'false']], C)).not.toBeNull();
  });

  it('compares FLOAT at single precision and DOUBLE at double precision', () => {
    const F = cols('f FLOAT', 'd DOUBLE');
    expect(compareRows([[0.1, 0.1]], [[Math.fround(0.1), 0.1]], F)).toBeNull();
    expect(compareRows([[0.1, 0.1]], [[0.1, Math.fround(0.1)]], F)).not.toBeNull();
    expect(compareRows([[0.1, 0.1]], [[0.1001, 0.1]], F)).not.toBeNull();
  });

  it('folds a changelog strictly', () => {
    const ok = foldChangelog([
      { kind: '+I', row: [1] },
      { kind: '+I', row: [1] },
      { kind: '-U', row: [1] },
      { kind: '+U', row: [2] },
      { kind: '-D', row: [2] },
    ]);
    expect(ok).toEqual({ rows: [[1]], errors: [] });
    const bad = foldChangelog([{ kind: '-D', row: [3] }]);
    expect(bad.errors[0]).toMatch(/retracts a row the sink does not hold/);
  });

  it('builds a script with filesystem inputs and the sink of the case', () => {
    const c: DiffCase = {
      name: 'x',
      inputs: ['orders', 'payments'],
      sink: cols('k STRING', 'n BIGINT'),
      key: ['k'],
      sql: 'SELECT status, COUNT(*) FROM orders GROUP BY status',
    };
    const { script, files } = buildScript(c, 1, genDataset(1));
    expect(Object.keys(files).sort()).toEqual(['orders.csv', 'payments.debezium.json', 'payments.json']);
    expect(script).toContain(`'connector' = 'filesystem', 'path' = 'orders.csv', 'format' = 'csv', 'csv.null-literal' = '\\N'`);
    expect(script).toContain(`'format' = 'changelog-json'`);
    expect(script).toContain('PRIMARY KEY (k) NOT ENFORCED');
    expect(script).toMatch(/INSERT INTO diff_sink\nSELECT status/);
  });
});

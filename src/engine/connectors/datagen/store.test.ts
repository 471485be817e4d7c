import { describe, expect, it } from 'vitest';
import { DatagenTable } from './store';
import { ConnectorError } from '../../errors';
import { readerSpec, storeContext, t, tableDef } from '../testkit';

const EPOCH = Date.UTC(2026, 0, 1);

function gen(options: Record<string, string>, seed = 1) {
  const def = tableDef(
    'ods_orders',
    [
      ['id', t('BIGINT')],
      ['status', t('STRING')],
      ['amount', t('DECIMAL', 10, 2)],
      ['qty', t('INT')],
      ['note', t('STRING')],
      ['ok', t('BOOLEAN')],
      ['ts', t('TIMESTAMP', 3)],
    ],
    { connector: 'datagen', ...options },
  );
  return new DatagenTable(storeContext(def, {}, seed));
}

describe('datagen', () => {
  it('follows Flink options: sequence, min/max, length, values, max-past', () => {
    const g = gen({
      'rows-per-second': '10',
      'fields.id.kind': 'sequence',
      'fields.id.start': '100',
      'fields.id.end': '104',
      'fields.status.values': 'CREATED, PAID,SHIPPED',
      'fields.amount.min': '1',
      'fields.amount.max': '5',
      'fields.qty.min': '1',
      'fields.qty.max': '3',
      'fields.note.length': '6',
      'fields.ts.max-past': '5 s',
    });
    expect(g.total).toBe(5);
    expect(g.bounded()).toBe(true);
    const r = g.createReader(readerSpec());
    // 10 rows per second: row i arrives at i * 100 ms.
    expect(r.available(0)).toBe(1);
    expect(r.available(250)).toBe(3);
    const { changes, originTime } = r.read(100, 10_000);
    expect(changes.map((c) => c.row[0])).toEqual([100, 101, 102, 103, 104]);
    expect(originTime).toBe(400);
    expect(r.isFinished(10_000)).toBe(true);
    for (const [i, c] of changes.entries()) {
      const [, status, amount, qty, note, ok, ts] = c.row as [number, string, number, number, string, boolean, number];
      expect(['CREATED', 'PAID', 'SHIPPED']).toContain(status);
      expect(amount).toBeGreaterThanOrEqual(1);
      expect(amount).toBeLessThanOrEqual(5);
      expect(Math.round(amount * 100) / 100).toBe(amount);
      expect([1, 2, 3]).toContain(qty);
      expect(note).toMatch(/^[0-9a-f]{6}$/);
      expect(typeof ok).toBe('boolean');
      expect(ts).toBeLessThanOrEqual(EPOCH + i * 100);
      expect(ts).toBeGreaterThanOrEqual(EPOCH + i * 100 - 5000);
    }
  });

  it('strings default to Flink length 100; number-of-rows bounds the table', () => {
    const g = gen({ 'number-of-rows': '3' });
    expect(g.total).toBe(3);
    expect((g.row(0)[4] as string).length).toBe(100);
    expect(gen({}).bounded()).toBe(false);
  });

  it('rows depend on seed and index only, never on how they are read', () => {
    const a = gen({ 'number-of-rows': '50' }, 5);
    const b = gen({ 'number-of-rows': '50' }, 5);
    const ra = a.createReader(readerSpec());
    const rb = b.createReader(readerSpec());
    const xs = ra.read(50, 1e9).changes;
    const ys = [...rb.read(7, 1e9).changes, ...rb.read(13, 1e9).changes, ...rb.read(100, 1e9).changes];
    expect(ys).toEqual(xs);
    expect(gen({ 'number-of-rows': '50' }, 6).row(0)).not.toEqual(a.row(0));
    expect(a.visibleRows(1e9).rows).toEqual(xs.map((c) => c.row));
  });

  it('null-rate produces NULLs', () => {
    const g = gen({ 'fields.qty.null-rate': '1' });
    expect(g.row(3)[3]).toBeNull();
  });

  it('rejects bad options with plain messages', () => {
    expect(() => gen({ 'fields.id.kind': 'sequence', 'fields.id.start': '1' })).toThrow(ConnectorError);
    expect(() => gen({ 'fields.id.kind': 'sometimes' })).toThrow(/'random' or 'sequence'/);
    expect(() => gen({ 'fields.qty.min': '5', 'fields.qty.max': '1' })).toThrow(/below/);
    expect(() => gen({ 'rows-per-second': 'lots' })).toThrow(/rows-per-second/);
  });

  it('reports lag and restores positions', () => {
    const g = gen({ 'rows-per-second': '100' });
    const r = g.createReader(readerSpec());
    r.read(10, 1000);
    expect(r.available(1000)).toBe(91);
    expect(r.oldestUnread(1000)).toBe(100);
    const snap = r.snapshot();
    r.read(50, 1000);
    r.restore(snap);
    expect(r.available(1000)).toBe(91);
  });
});

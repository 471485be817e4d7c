import { describe, expect, it } from 'vitest';
import {
  DV_BLOB_FIXED_BYTES,
  compressionFactor,
  deletionVectorBytes,
  encodedRowBytes,
  fileSizeBytes,
  SNAPPY_FACTOR,
  utf8Length,
  ZSTD_FACTOR,
} from './file-size';
import { IcebergTaskWriter } from './task-writer';
import { ins, ordersTable } from './testkit';
import type { Column } from '../../types';

const columns: Column[] = [
  { name: 'id', type: { name: 'BIGINT', nullable: false } },
  { name: 'name', type: { name: 'STRING', nullable: true } },
  { name: 'ok', type: { name: 'BOOLEAN', nullable: true } },
];

describe('file size model', () => {
  it('ZSTD is 30% smaller than snappy (the talk); snappy is the Silesia ratio 2.073', () => {
    expect(ZSTD_FACTOR / SNAPPY_FACTOR).toBeCloseTo(0.7, 10);
    expect(compressionFactor('snappy')).toBeCloseTo(1 / 2.073, 10);
    expect(compressionFactor('uncompressed')).toBe(1);
  });

  it('encodes rows as Parquet PLAIN or Avro binary', () => {
    expect(encodedRowBytes('parquet', columns, [1, 'héllo', true])).toBeCloseTo(8 + 4 + 6 + 0.125);
    expect(encodedRowBytes('parquet', columns, [1, null, null])).toBe(8);
    // Avro: id zig-zag varint 1 byte; name union 1 + length varint 1 + 6; ok union 1 + 1.
    expect(encodedRowBytes('avro', columns, [1, 'héllo', true])).toBe(1 + 1 + 1 + 6 + 1 + 1);
    expect(utf8Length('😀')).toBe(4);
  });

  it("a table's codec changes its files' sizes", () => {
    const size = (codec: string) => {
      const t = ordersTable({ 'write.parquet.compression-codec': codec });
      const w = new IcebergTaskWriter(t);
      for (let i = 0; i < 1000; i++) w.write(ins(i, 'name-' + i, i * 1.5));
      return w.complete().dataFiles[0]!.sizeBytes;
    };
    const fixed = fileSizeBytes('parquet', 'uncompressed', 3, 0);
    expect((size('zstd') - fixed) / (size('snappy') - fixed)).toBeCloseTo(0.7, 2);
    expect(size('uncompressed')).toBeGreaterThan(size('gzip'));
  });

  it('sizes deletion vectors as Roaring containers', () => {
    expect(deletionVectorBytes([])).toBe(DV_BLOB_FIXED_BYTES);
    expect(deletionVectorBytes([1, 2, 3])).toBe(DV_BLOB_FIXED_BYTES + 8 + 6);
    const dense = Array.from({ length: 5000 }, (_, i) => i);
    expect(deletionVectorBytes(dense)).toBe(DV_BLOB_FIXED_BYTES + 8 + 8192);
  });
});

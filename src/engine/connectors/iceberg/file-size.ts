// The size model of lake files. A file's size is its rows' encoded bytes times the codec's
// compression factor, plus a fixed overhead; docs/iceberg.md cites every constant below.
//
//   encoded bytes (parquet, orc) = per value, Parquet's PLAIN encoding: BOOLEAN 1 bit, INT-like
//       and FLOAT 4, BIGINT/DOUBLE/TIMESTAMP 8, DECIMAL 4/8/16 by precision, strings 4 + UTF-8
//       bytes, NULL 0 (definition levels, dictionary and RLE encodings are not modelled)
//   encoded bytes (avro) = Avro's binary encoding: 1 union byte per nullable column, zig-zag
//       varints for ints and longs (timestamps as Iceberg's microseconds), 4/8 for float/double,
//       varint length + UTF-8 bytes for strings
//   file bytes = ceil(encoded bytes x compression factor) + magic bytes + footer per column
import type { Column, DataType, Row, Value } from '../../types';
import type { DataFileFormat } from './table-properties';

/** Compressed/uncompressed size per codec: 1 / the ratio on the Silesia corpus (zstd README). */
export const SNAPPY_FACTOR = 1 / 2.073;
export const LZ4_FACTOR = 1 / 2.101;
export const LZO_FACTOR = 1 / 2.106;
/** zlib level 1 (the sourced figure; gzip's default level 6 compresses somewhat better). */
export const GZIP_FACTOR = 1 / 2.743;
export const BROTLI_FACTOR = 1 / 2.702;
/** The source talk: Parquet + ZSTD stored ~30% less than Parquet + snappy. */
export const ZSTD_FACTOR = SNAPPY_FACTOR * 0.7;
export const UNCOMPRESSED_FACTOR = 1;

export const COMPRESSION_FACTORS: Readonly<Record<string, number>> = {
  zstd: ZSTD_FACTOR,
  snappy: SNAPPY_FACTOR,
  gzip: GZIP_FACTOR,
  zlib: GZIP_FACTOR,
  // No sourced ratio for bzip2 and xz: they are sized as gzip.
  bzip2: GZIP_FACTOR,
  xz: GZIP_FACTOR,
  lz4: LZ4_FACTOR,
  lzo: LZO_FACTOR,
  brotli: BROTLI_FACTOR,
  uncompressed: UNCOMPRESSED_FACTOR,
  none: UNCOMPRESSED_FACTOR,
};

/** Leading and trailing magic plus the footer length: Parquet 'PAR1' + 4 + 'PAR1' (12 bytes). */
export const FILE_MAGIC_BYTES: Readonly<Record<DataFileFormat, number>> = {
  parquet: 12,
  orc: 3 + 1,
  avro: 4 + 16,
};
/** A Freshet estimate of footer (Parquet/ORC) or embedded schema (Avro) bytes per column. */
export const FOOTER_BYTES_PER_COLUMN = 64;

export function compressionFactor(codec: string): number {
  return COMPRESSION_FACTORS[codec] ?? UNCOMPRESSED_FACTOR;
}

export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function varintBytes(zigzag: number): number {
  let n = 1;
  let v = zigzag;
  while (v >= 128) {
    v = Math.floor(v / 128);
    n++;
  }
  return n;
}

function zigzagBytes(v: number): number {
  const i = Math.trunc(v);
  return varintBytes(i >= 0 ? i * 2 : -i * 2 - 1);
}

function plainBytes(type: DataType, v: Value): number {
  if (v === null) return 0;
  switch (type.name) {
    case 'BOOLEAN':
      return 0.125;
    case 'TINYINT':
    case 'SMALLINT':
    case 'INT':
    case 'FLOAT':
    case 'DATE':
      return 4;
    case 'DECIMAL': {
      const p = type.precision ?? 10;
      return p <= 9 ? 4 : p <= 18 ? 8 : 16;
    }
    case 'STRING':
    case 'VARCHAR':
    case 'CHAR':
      return 4 + utf8Length(String(v));
    default:
      return typeof v === 'string' ? 4 + utf8Length(v) : 8;
  }
}

function avroBytes(type: DataType, v: Value): number {
  const union = type.nullable ? 1 : 0;
  if (v === null) return union;
  switch (type.name) {
    case 'BOOLEAN':
      return union + 1;
    case 'FLOAT':
      return union + 4;
    case 'DOUBLE':
      return union + 8;
    case 'TIMESTAMP':
    case 'TIMESTAMP_LTZ':
      return union + zigzagBytes(Number(v) * 1000);
    case 'DECIMAL':
      return union + 1 + ((type.precision ?? 10) <= 18 ? 8 : 16);
    case 'STRING':
    case 'VARCHAR':
    case 'CHAR': {
      const len = utf8Length(String(v));
      return union + varintBytes(len * 2) + len;
    }
    default:
      return typeof v === 'number' ? union + zigzagBytes(v) : union + 1 + utf8Length(String(v));
  }
}

/** Encoded (uncompressed) bytes of one row of `columns` in `format`. */
export function encodedRowBytes(
  format: DataFileFormat,
  columns: readonly Column[],
  row: Row,
): number {
  let bytes = 0;
  if (format === 'avro')
    for (let i = 0; i < columns.length; i++) bytes += avroBytes(columns[i]!.type, row[i] ?? null);
  else
    for (let i = 0; i < columns.length; i++) bytes += plainBytes(columns[i]!.type, row[i] ?? null);
  return bytes;
}

/** The size of a file holding rows whose encoded bytes sum to `encodedBytes`. */
export function fileSizeBytes(
  format: DataFileFormat,
  codec: string,
  columnCount: number,
  encodedBytes: number,
): number {
  return (
    Math.ceil(encodedBytes * compressionFactor(codec)) +
    FILE_MAGIC_BYTES[format] +
    FOOTER_BYTES_PER_COLUMN * columnCount
  );
}

/** Position delete rows are (file_path STRING, pos BIGINT), written in the delete format. */
export function positionDeleteRowBytes(format: DataFileFormat, dataFilePath: string): number {
  const pathBytes = utf8Length(dataFilePath);
  return format === 'avro' ? varintBytes(pathBytes * 2) + pathBytes + 4 : 4 + pathBytes + 8;
}

// Deletion vectors (Puffin `deletion-vector-v1` blobs): 4-byte length, 4-byte magic, the portable
// 64-bit Roaring bitmap (8-byte bitmap count; per 32-bit key 4 bytes key + a 32-bit Roaring
// bitmap: 4 cookie, 4 container count, 8 per container header and offset, then 2 bytes per
// position in an array container or 8 KiB for a bitmap container of more than 4096), 4-byte CRC.
export const DV_BLOB_FIXED_BYTES = 4 + 4 + 8 + 4 + 4 + 4 + 4;
export const ROARING_CONTAINER_HEADER_BYTES = 8;
export const ROARING_ARRAY_CONTAINER_MAX = 4096;
export const ROARING_BITMAP_CONTAINER_BYTES = 8192;
/** Puffin file framing: magic 'PFA1' at both ends, footer length and flags, plus a Freshet estimate
 *  of 200 bytes of footer JSON per blob. */
export const PUFFIN_FILE_FIXED_BYTES = 4 + 4 + 4 + 4 + 4;
export const PUFFIN_FOOTER_BYTES_PER_BLOB = 200;

/** The serialized size of a DV over ascending `positions`. */
export function deletionVectorBytes(positions: readonly number[]): number {
  let bytes = DV_BLOB_FIXED_BYTES;
  let i = 0;
  while (i < positions.length) {
    const container = Math.floor(positions[i]! / 65536);
    let count = 0;
    while (i < positions.length && Math.floor(positions[i]! / 65536) === container) {
      count++;
      i++;
    }
    bytes +=
      ROARING_CONTAINER_HEADER_BYTES +
      (count > ROARING_ARRAY_CONTAINER_MAX ? ROARING_BITMAP_CONTAINER_BYTES : 2 * count);
  }
  return bytes;
}

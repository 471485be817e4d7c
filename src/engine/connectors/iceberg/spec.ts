// The `iceberg` connector's options: the Flink connector's catalog options (kept for export, no
// effect on a simulation), the table properties the lake model acts on, and Flink's read options
// (as OPTIONS hints). Its store is store.ts; the model is documented in docs/iceberg.md.
import type { ConnectorSpec } from '../spec';
import { scanParallelism, sinkParallelism } from '../spec';

export const ICEBERG_SPEC: ConnectorSpec = {
  name: 'iceberg',
  doc: 'An Iceberg lake table (format v1 append-only, v2 row-level deletes, v3 deletion vectors): rows become visible when a checkpoint completes (one snapshot per commit), reads are merge-on-read of a snapshot.',
  source: true,
  sink: true,
  supported: true,
  requiresPrimaryKey: false,
  usesFormat: false,
  // v1 tables are append-only (no delete files); v2 and v3 take every change.
  sinkChanges: (options) => ((options['format-version'] ?? '').trim() === '1' ? 'insert-only' : 'any'),
  commitsOnCheckpoint: true,
  options: [
    { key: 'catalog-name', type: 'string', required: true, doc: 'User-specified catalog name.', effect: 'none', fallback: 'the table lives in an in-memory catalog of the simulation' },
    { key: 'catalog-type', type: 'enum', default: 'hive', values: ['hive', 'hadoop', 'rest'], required: false, doc: 'Catalog type: hive, hadoop or rest.', effect: 'none' },
    { key: 'catalog-impl', type: 'string', required: false, doc: 'Fully-qualified class name of a custom catalog implementation.', effect: 'none' },
    { key: 'catalog-database', type: 'string', required: false, doc: 'Database name managed in the Iceberg catalog; defaults to the Flink database.', effect: 'none' },
    { key: 'catalog-table', type: 'string', required: false, doc: 'Table name managed in the Iceberg catalog; defaults to the Flink table name.', effect: 'none' },
    { key: 'warehouse', type: 'string', required: false, doc: 'Warehouse location of the catalog (hadoop catalogs).', effect: 'none' },
    { key: 'uri', type: 'string', required: false, doc: 'Metastore / REST catalog uri.', effect: 'none' },
    { key: 'clients', type: 'int', default: '2', required: false, doc: 'Hive metastore client pool size.', effect: 'none' },
    { key: 'format-version', type: 'enum', default: '2', values: ['1', '2', '3'], required: false, doc: 'Iceberg table format version: 1 (append-only), 2 (row-level deletes, merge-on-read) or 3 (deletion vectors).' },
    { key: 'write.upsert.enabled', type: 'boolean', default: 'false', required: false, doc: 'Upsert mode (v2/v3 with a primary key): every +I/+U writes an equality delete on the key and the row.' },
    { key: 'write.format.default', type: 'enum', default: 'parquet', values: ['parquet', 'orc', 'avro'], required: false, doc: 'Data file format; sets the file size model.' },
    { key: 'write.delete.format.default', type: 'enum', values: ['parquet', 'orc', 'avro'], required: false, doc: 'Delete file format; defaults to the data file format.' },
    { key: 'write.parquet.compression-codec', type: 'enum', default: 'zstd', values: ['zstd', 'snappy', 'gzip', 'lz4', 'brotli', 'uncompressed'], required: false, doc: 'Parquet compression codec; sets the compression factor of the file size model.' },
    { key: 'write.orc.compression-codec', type: 'enum', default: 'zlib', values: ['zstd', 'snappy', 'zlib', 'lz4', 'lzo', 'none'], required: false, doc: 'ORC compression codec.' },
    { key: 'write.avro.compression-codec', type: 'enum', default: 'gzip', values: ['zstd', 'snappy', 'gzip', 'bzip2', 'xz', 'uncompressed'], required: false, doc: 'Avro compression codec.' },
    { key: 'write.target-file-size-bytes', type: 'long', default: '536870912', required: false, doc: 'Data files roll at this size (checked every 1000 rows).' },
    { key: 'write.delete.target-file-size-bytes', type: 'long', default: '67108864', required: false, doc: 'Delete files roll at this size.' },
    { key: 'write.distribution-mode', type: 'enum', default: 'none', values: ['none', 'hash', 'range'], required: false, doc: 'How rows are shuffled to the writers; Freshet keys rows by the equality fields whatever the mode.', effect: 'unsimulated' },
    { key: 'commit.manifest-merge.enabled', type: 'boolean', default: 'true', required: false, doc: 'Merge small manifests on commit.' },
    { key: 'commit.manifest.min-count-to-merge', type: 'int', default: '100', required: false, doc: 'Manifests a commit merges at least.' },
    { key: 'history.expire.max-snapshot-age-ms', type: 'long', default: '432000000', required: false, doc: 'Snapshot expiry: snapshots older than this may be expired.' },
    { key: 'history.expire.min-snapshots-to-keep', type: 'int', default: '1', required: false, doc: 'Snapshot expiry keeps at least this many snapshots.' },
    { key: 'flink.max-continuous-empty-commits', type: 'int', default: '10', required: false, doc: 'The committer commits an empty snapshot after this many checkpoints without files.' },
    { key: 'snapshot-id', type: 'long', required: false, doc: 'Read option: read this snapshot (time travel).' },
    { key: 'as-of-timestamp', type: 'long', required: false, doc: 'Read option: read the snapshot current at this time (epoch ms; below the epoch, ms of virtual time).' },
    { key: 'start-snapshot-id', type: 'long', required: false, doc: 'Read option: incremental read of the appends after this snapshot (exclusive).' },
    { key: 'end-snapshot-id', type: 'long', required: false, doc: 'Read option: incremental read up to this snapshot (inclusive); defaults to the current one.' },
    { key: 'streaming', type: 'boolean', default: 'false', required: false, doc: 'Read option: continuous (streaming) read; not supported yet, reads are bounded.', effect: 'unsimulated' },
    sinkParallelism,
    scanParallelism,
  ],
};

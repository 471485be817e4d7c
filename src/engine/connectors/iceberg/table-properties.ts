// Table properties the model reads, with Iceberg's names and defaults (Iceberg
// `core/.../TableProperties.java`, Flink's `IcebergFilesCommitter`). Every other property is kept
// verbatim in the table metadata and has no effect here.
import { ConnectorError } from '../../errors';
import type { FileFormat } from './content-file';

export type FormatVersion = 1 | 2 | 3;
export type DataFileFormat = Exclude<FileFormat, 'puffin'>;

export const FORMAT_VERSION = 'format-version';
/** Iceberg 1.4+ creates v2 tables by default. */
export const FORMAT_VERSION_DEFAULT: FormatVersion = 2;
export const DEFAULT_FILE_FORMAT = 'write.format.default';
export const DELETE_DEFAULT_FILE_FORMAT = 'write.delete.format.default';
export const PARQUET_COMPRESSION = 'write.parquet.compression-codec';
/** Iceberg 1.4+ writes `zstd` into new tables' properties (PARQUET_COMPRESSION_DEFAULT_SINCE_1_4_0). */
export const PARQUET_COMPRESSION_DEFAULT = 'zstd';
export const ORC_COMPRESSION = 'write.orc.compression-codec';
export const ORC_COMPRESSION_DEFAULT = 'zlib';
export const AVRO_COMPRESSION = 'write.avro.compression-codec';
export const AVRO_COMPRESSION_DEFAULT = 'gzip';
export const TARGET_FILE_SIZE_BYTES = 'write.target-file-size-bytes';
export const TARGET_FILE_SIZE_BYTES_DEFAULT = 512 * 1024 * 1024;
export const DELETE_TARGET_FILE_SIZE_BYTES = 'write.delete.target-file-size-bytes';
export const DELETE_TARGET_FILE_SIZE_BYTES_DEFAULT = 64 * 1024 * 1024;
export const UPSERT_ENABLED = 'write.upsert.enabled';
export const MANIFEST_MERGE_ENABLED = 'commit.manifest-merge.enabled';
export const MANIFEST_MIN_MERGE_COUNT = 'commit.manifest.min-count-to-merge';
export const MANIFEST_MIN_MERGE_COUNT_DEFAULT = 100;
export const MAX_SNAPSHOT_AGE_MS = 'history.expire.max-snapshot-age-ms';
export const MAX_SNAPSHOT_AGE_MS_DEFAULT = 5 * 24 * 60 * 60 * 1000;
export const MIN_SNAPSHOTS_TO_KEEP = 'history.expire.min-snapshots-to-keep';
export const MIN_SNAPSHOTS_TO_KEEP_DEFAULT = 1;
/** Flink's committer commits an empty snapshot after this many checkpoints without files. */
export const MAX_CONTINUOUS_EMPTY_COMMITS = 'flink.max-continuous-empty-commits';
export const MAX_CONTINUOUS_EMPTY_COMMITS_DEFAULT = 10;

const CODECS: Record<DataFileFormat, readonly string[]> = {
  parquet: ['zstd', 'snappy', 'gzip', 'lz4', 'brotli', 'uncompressed'],
  orc: ['zstd', 'snappy', 'zlib', 'lz4', 'lzo', 'none'],
  avro: ['zstd', 'snappy', 'gzip', 'bzip2', 'xz', 'uncompressed'],
};

/** The properties the model acts on, parsed once per table. */
export interface WriteSettings {
  formatVersion: FormatVersion;
  dataFormat: DataFileFormat;
  deleteFormat: DataFileFormat;
  /** The codec of `dataFormat`, lower case. */
  codec: string;
  deleteCodec: string;
  targetFileSizeBytes: number;
  deleteTargetFileSizeBytes: number;
  upsert: boolean;
  manifestMergeEnabled: boolean;
  manifestMinMergeCount: number;
  maxSnapshotAgeMs: number;
  minSnapshotsToKeep: number;
  maxContinuousEmptyCommits: number;
}

export function readWriteSettings(
  table: string,
  props: Readonly<Record<string, string>>,
): WriteSettings {
  const fail = (option: string, message: string): never => {
    throw new ConnectorError({ table, option, message: `table '${table}': ${message}` });
  };
  const raw = (key: string): string | undefined => props[key]?.trim();
  const int = (key: string, dflt: number, min: number): number => {
    const v = raw(key);
    if (v === undefined) return dflt;
    if (!/^-?\d+$/.test(v) || Number(v) < min)
      fail(key, `'${key}' must be an integer >= ${min}, got '${v}'`);
    return Number(v);
  };
  const bool = (key: string, dflt: boolean): boolean => {
    const v = raw(key)?.toLowerCase();
    if (v === undefined) return dflt;
    if (v !== 'true' && v !== 'false') fail(key, `'${key}' must be 'true' or 'false', got '${v}'`);
    return v === 'true';
  };
  const format = (key: string, dflt: DataFileFormat): DataFileFormat => {
    const v = raw(key)?.toLowerCase() ?? dflt;
    if (v !== 'parquet' && v !== 'orc' && v !== 'avro')
      fail(key, `'${key}' must be parquet, orc or avro, got '${v}'`);
    return v as DataFileFormat;
  };
  const codecOf = (fmt: DataFileFormat): string => {
    const key =
      fmt === 'parquet' ? PARQUET_COMPRESSION : fmt === 'orc' ? ORC_COMPRESSION : AVRO_COMPRESSION;
    const dflt =
      fmt === 'parquet'
        ? PARQUET_COMPRESSION_DEFAULT
        : fmt === 'orc'
          ? ORC_COMPRESSION_DEFAULT
          : AVRO_COMPRESSION_DEFAULT;
    const v = raw(key)?.toLowerCase() ?? dflt;
    if (!CODECS[fmt].includes(v))
      fail(key, `'${key}' must be one of ${CODECS[fmt].join(', ')}, got '${v}'`);
    return v;
  };
  const versionText = raw(FORMAT_VERSION) ?? String(FORMAT_VERSION_DEFAULT);
  if (versionText !== '1' && versionText !== '2' && versionText !== '3') {
    fail(FORMAT_VERSION, `'${FORMAT_VERSION}' must be 1, 2 or 3, got '${versionText}'`);
  }
  const formatVersion = Number(versionText) as FormatVersion;
  const dataFormat = format(DEFAULT_FILE_FORMAT, 'parquet');
  const deleteFormat = format(DELETE_DEFAULT_FILE_FORMAT, dataFormat);
  const upsert = bool(UPSERT_ENABLED, false);
  if (upsert && formatVersion === 1)
    fail(
      UPSERT_ENABLED,
      `'${UPSERT_ENABLED}' needs format-version 2 or 3: v1 tables are append-only`,
    );
  return {
    formatVersion,
    dataFormat,
    deleteFormat,
    codec: codecOf(dataFormat),
    deleteCodec: codecOf(deleteFormat),
    targetFileSizeBytes: int(TARGET_FILE_SIZE_BYTES, TARGET_FILE_SIZE_BYTES_DEFAULT, 1),
    deleteTargetFileSizeBytes: int(
      DELETE_TARGET_FILE_SIZE_BYTES,
      DELETE_TARGET_FILE_SIZE_BYTES_DEFAULT,
      1,
    ),
    upsert,
    manifestMergeEnabled: bool(MANIFEST_MERGE_ENABLED, true),
    manifestMinMergeCount: int(MANIFEST_MIN_MERGE_COUNT, MANIFEST_MIN_MERGE_COUNT_DEFAULT, 2),
    maxSnapshotAgeMs: int(MAX_SNAPSHOT_AGE_MS, MAX_SNAPSHOT_AGE_MS_DEFAULT, 0),
    minSnapshotsToKeep: int(MIN_SNAPSHOTS_TO_KEEP, MIN_SNAPSHOTS_TO_KEEP_DEFAULT, 1),
    maxContinuousEmptyCommits: int(
      MAX_CONTINUOUS_EMPTY_COMMITS,
      MAX_CONTINUOUS_EMPTY_COMMITS_DEFAULT,
      1,
    ),
  };
}

// The files a lake table tracks: data files and the three kinds of row-level deletes (Iceberg
// spec "Manifests > Data File Fields" and "Delete Formats"). Files are immutable once written;
// their sequence numbers live on the manifest entry that tracks them (manifest.ts), never here.
import type { Row, Value } from '../../types';
import type { StateKey } from '../../runtime/keys';

/** `content` as the spec numbers it: 0 data, 1 position deletes (files or DVs), 2 equality deletes. */
export const FileContent = {
  DATA: 0,
  POSITION_DELETES: 1,
  EQUALITY_DELETES: 2,
} as const;
export type FileContent = (typeof FileContent)[keyof typeof FileContent];

/** `puffin` holds deletion vectors; the others are `write.format.default` values. */
export type FileFormat = 'parquet' | 'orc' | 'avro' | 'puffin';

interface FileBase {
  /** Full location, unique in the table: a path is never reused after it was removed. */
  readonly path: string;
  readonly format: FileFormat;
  readonly specId: number;
  /** The partition tuple (one value per partition field; empty when unpartitioned). */
  readonly partition: readonly Value[];
  /** `rowKey(partition)`: files are in the same partition when spec id and this key are equal. */
  readonly partitionKey: string;
  /** Rows in a data file, deletes in a delete file, the cardinality of a DV. */
  readonly recordCount: number;
  /** From the size model (file-size.ts). For a DV: the size of the Puffin file holding it. */
  readonly sizeBytes: number;
}

export interface DataFile extends FileBase {
  readonly content: typeof FileContent.DATA;
  /** The rows in file order: a row's position is its index. */
  readonly rows: readonly Row[];
}

/**
 * A v2 position delete file or a v3 deletion vector. Flink's delta writers use file-scoped
 * position deletes, so every position delete here references exactly one data file
 * (`referenced_data_file` is set, as the spec requires for DVs and allows for position files).
 */
export interface PositionDeleteFile extends FileBase {
  readonly content: typeof FileContent.POSITION_DELETES;
  readonly kind: 'position' | 'dv';
  readonly referencedDataFile: string;
  /** Deleted row positions in the referenced file, ascending, distinct. */
  readonly positions: readonly number[];
  /** DVs only: where the blob sits in its Puffin file (spec: required for DVs). */
  readonly contentOffset: number | null;
  readonly contentSizeBytes: number | null;
}

export interface EqualityDeleteFile extends FileBase {
  readonly content: typeof FileContent.EQUALITY_DELETES;
  /** Schema field ids of the delete columns (`equality_ids`). */
  readonly equalityFieldIds: readonly number[];
  /** The delete rows as written: the key columns only (upsert) or whole rows (retract deletes). */
  readonly rows: readonly Row[];
  /** The equality key of each delete row, encoded as runtime/keys.ts encodes state keys. */
  readonly keys: readonly StateKey[];
}

export type DeleteFile = PositionDeleteFile | EqualityDeleteFile;
export type ContentFile = DataFile | DeleteFile;

export function isDeletionVector(file: ContentFile): file is PositionDeleteFile {
  return file.content === FileContent.POSITION_DELETES && file.kind === 'dv';
}

/** The `content` column of `$files`/`$manifests` and the spec's manifest `content`. */
export function fileContentName(
  file: ContentFile,
): 'data' | 'position deletes' | 'deletion vector' | 'equality deletes' {
  if (file.content === FileContent.DATA) return 'data';
  if (file.content === FileContent.EQUALITY_DELETES) return 'equality deletes';
  return file.kind === 'dv' ? 'deletion vector' : 'position deletes';
}

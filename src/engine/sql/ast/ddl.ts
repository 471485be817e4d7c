// CREATE TABLE and CREATE VIEW in the syntax tree: options, columns, keys, watermarks.
import type { DataType, Span } from '../../types';
import type { Expr } from './expressions';
import type { Ident, QualifiedName } from './names';
import type { Query } from './query';

export interface TableOption {
  key: string;
  value: string;
  keySpan: Span;
  valueSpan: Span;
  span: Span;
}

interface ColumnDefBase {
  kind: 'ColumnDef';
  name: Ident;
  /** `NOT NULL` was written. */
  notNull: boolean;
  /** Inline `PRIMARY KEY NOT ENFORCED`. */
  primaryKey: boolean;
  comment?: string;
  span: Span;
}

/** `amount DECIMAL(10, 2) NOT NULL COMMENT '...'`. `type.nullable` is false iff notNull. */
export interface PhysicalColumnDef extends ColumnDefBase {
  columnKind: 'physical';
  type: DataType;
  typeSpan: Span;
}

/** `proc_time AS PROCTIME()`: a computed column; its type comes from the expression. */
export interface ComputedColumnDef extends ColumnDefBase {
  columnKind: 'computed';
  expr: Expr;
}

/** `ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL`. */
export interface MetadataColumnDef extends ColumnDefBase {
  columnKind: 'metadata';
  type: DataType;
  typeSpan: Span;
  /** The `FROM 'key'` part; absent means the column name is the metadata key. */
  metadataKey?: string;
  virtual: boolean;
}

export type ColumnDef = PhysicalColumnDef | ComputedColumnDef | MetadataColumnDef;

/** Table-level `PRIMARY KEY (a, b) NOT ENFORCED`. */
export interface PrimaryKeyDef {
  columns: Ident[];
  span: Span;
}

/** `WATERMARK FOR ts AS ts - INTERVAL '5' SECOND`. */
export interface WatermarkDef {
  column: Ident;
  expr: Expr;
  span: Span;
}

export interface CreateTableStmt {
  kind: 'CreateTable';
  name: QualifiedName;
  /** `CREATE TEMPORARY TABLE`. */
  temporary: boolean;
  ifNotExists: boolean;
  columns: ColumnDef[];
  /** Table-level primary key; inline ones are on the column (`ColumnDef.primaryKey`). */
  primaryKey?: PrimaryKeyDef;
  watermark?: WatermarkDef;
  comment?: string;
  partitionedBy: Ident[];
  options: TableOption[];
  /**
   * `LIKE source [(options)]`. After parsing, the source's columns, key, watermark, partitions
   * and options are merged into this statement (sql/table-like.ts); this keeps what was written.
   */
  like?: TableLike;
  span: Span;
}

export type LikeFeature = 'ALL' | 'CONSTRAINTS' | 'GENERATED' | 'METADATA' | 'OPTIONS' | 'PARTITIONS' | 'WATERMARKS';
export type LikeStrategy = 'INCLUDING' | 'EXCLUDING' | 'OVERWRITING';

export interface TableLike {
  source: QualifiedName;
  options: { strategy: LikeStrategy; feature: LikeFeature; span: Span }[];
  span: Span;
}

/** `CREATE [TEMPORARY] VIEW [IF NOT EXISTS] v [(a, b)] AS query`. */
export interface CreateViewStmt {
  kind: 'CreateView';
  name: QualifiedName;
  temporary: boolean;
  ifNotExists: boolean;
  columns?: Ident[];
  query: Query;
  span: Span;
}

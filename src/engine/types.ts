// Core data model shared by every layer of the engine. Plain data only: everything here can be
// posted to a worker and written as JSON.

/** A position range in a script, 1-based lines and columns, end exclusive. */
export interface Span {
  start: Pos;
  end: Pos;
}
export interface Pos {
  /** 0-based character offset into the script. */
  offset: number;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  severity: Severity;
  /** A plain sentence a data engineer understands. */
  message: string;
  span: Span;
  /** Stable code such as `parse`, `unknown-table`, `type-mismatch`, `changelog-mode`. */
  code: string;
}

// ---- SQL types ----------------------------------------------------------------------------

export type TypeName =
  | 'BOOLEAN'
  | 'TINYINT'
  | 'SMALLINT'
  | 'INT'
  | 'BIGINT'
  | 'FLOAT'
  | 'DOUBLE'
  | 'DECIMAL'
  | 'STRING'
  | 'VARCHAR'
  | 'CHAR'
  | 'DATE'
  | 'TIMESTAMP'
  | 'TIMESTAMP_LTZ'
  | 'INTERVAL'
  | 'NULL';

export interface DataType {
  name: TypeName;
  /** DECIMAL precision, TIMESTAMP precision, VARCHAR/CHAR length. */
  precision?: number;
  /** DECIMAL scale. */
  scale?: number;
  nullable: boolean;
  /**
   * A time attribute (Flink's TimeIndicatorType, `TIMESTAMP(3) *ROWTIME*` / `*PROCTIME*`): the
   * table's watermark column or a `PROCTIME()` computed column, passed through unchanged. Any
   * expression over it, a regular join or a group aggregation makes it a plain timestamp again.
   */
  timeAttribute?: 'rowtime' | 'proctime';
}

/**
 * Runtime values. One representation per SQL type, chosen for speed in the hot loop:
 * - BOOLEAN: boolean
 * - TINYINT, SMALLINT, INT, FLOAT, DOUBLE: number
 * - BIGINT, DECIMAL(p, s): exact (common/decimal.ts): a number while the value has at most 15
 *   significant digits or is an integer within +-(2^53 - 1), else a bigint (BIGINT: the value;
 *   DECIMAL: the unscaled value at the type's scale). See docs/decisions.md.
 * - STRING, VARCHAR, CHAR: string
 * - DATE: number, days since 1970-01-01
 * - TIMESTAMP, TIMESTAMP_LTZ: number, milliseconds since 1970-01-01 00:00:00 UTC
 * - INTERVAL: number, milliseconds
 * - NULL: null
 */
export type Value = boolean | number | bigint | string | null;
export type Row = Value[];

/** Flink's row kinds. Numeric so that batches stay compact. */
export const RowKind = {
  INSERT: 0,
  UPDATE_BEFORE: 1,
  UPDATE_AFTER: 2,
  DELETE: 3,
} as const;
export type RowKind = (typeof RowKind)[keyof typeof RowKind];
export const ROW_KIND_SHORT = ['+I', '-U', '+U', '-D'] as const;
export type RowKindShort = (typeof ROW_KIND_SHORT)[number];

/** +I and +U add a row; -U and -D retract one. */
export function isAccumulate(kind: RowKind): boolean {
  return kind === RowKind.INSERT || kind === RowKind.UPDATE_AFTER;
}

export interface Change {
  kind: RowKind;
  row: Row;
}
/** Operators process a batch at a time. */
export type Batch = Change[];

/** What kinds of changes a stream may carry, as Flink's planner infers it. */
export type ChangelogMode = 'insert-only' | 'retract' | 'upsert';

export interface Column {
  name: string;
  type: DataType;
}

export interface Schema {
  columns: Column[];
}

export type Layer = 'ODS' | 'DWD' | 'DWS' | 'DIM' | 'ADS' | 'OTHER';

export function layerOf(tableName: string): Layer {
  const lower = tableName.toLowerCase();
  for (const layer of ['ods', 'dwd', 'dws', 'dim', 'ads'] as const) {
    if (lower.startsWith(layer + '_')) return layer.toUpperCase() as Layer;
  }
  return 'OTHER';
}

export function typeToString(t: DataType): string {
  switch (t.name) {
    case 'DECIMAL':
      return `DECIMAL(${t.precision ?? 10}, ${t.scale ?? 0})`;
    case 'VARCHAR':
    case 'CHAR':
      return t.precision === undefined ? t.name : `${t.name}(${t.precision})`;
    case 'TIMESTAMP':
    case 'TIMESTAMP_LTZ':
      return t.precision === undefined ? t.name : `${t.name}(${t.precision})`;
    default:
      return t.name;
  }
}

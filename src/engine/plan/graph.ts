// The physical plan: what the planner hands to the runtime. One JobPlan per INSERT (or per
// statement-set member). Nodes are small discriminated-union records in topological order
// (inputs before consumers, the Sink last); ids are unique within a job.
import type { HintInfo, TableInfo } from '../api';
import type { BoundExpr } from '../expr/ir';
import type { ChangelogMode, Row, Schema, Span } from '../types';

interface NodeBase {
  id: number;
  inputs: number[];
  /** Output row layout. */
  schema: Schema;
  changelogMode: ChangelogMode;
  /** Column positions that identify a row for upsert/retract consumers, if known. */
  uniqueKey: number[] | null;
  parallelism: number;
  hints: HintInfo[];
  /** Flink-style description for the UI. */
  label: string;
}

/** Reads a table; output row = the table's columns in declared order. */
export interface SourceNode extends NodeBase {
  kind: 'Source';
  table: string;
  /** Options from an `OPTIONS(...)` hint, merged over the table's WITH options. */
  optionOverrides: Record<string, string>;
  /**
   * What was pushed into the scan (plan/source-reuse.ts), for connectors that take it: the
   * columns read and a filter over the table's row (the reader drops rows failing it; the Calc
   * above still filters). The output row keeps the table's layout. Absent: every column, no filter.
   */
  pushdown?: { projection: number[]; filter: BoundExpr | null };
  /** How many table references of the job this one source serves (source reuse); absent = 1. */
  reads?: number;
}

/** `INSERT ... VALUES`: a bounded insert-only stream of constant rows. */
export interface ValuesNode extends NodeBase {
  kind: 'Values';
  rows: Row[];
}

/** Filter then project. `filter` and `projections` read the input row. */
export interface CalcNode extends NodeBase {
  kind: 'Calc';
  filter: BoundExpr | null;
  projections: BoundExpr[];
}

export type AggFunction = 'COUNT_STAR' | 'COUNT' | 'SUM' | 'MIN' | 'MAX' | 'AVG' | 'FIRST_VALUE' | 'LAST_VALUE' | 'LISTAGG';
/** Aggregates that keep no retraction state: they run over an insert-only input only. */
export const APPEND_ONLY_AGGREGATES: readonly AggFunction[] = ['FIRST_VALUE', 'LAST_VALUE', 'LISTAGG'];

export interface AggCall {
  fn: AggFunction;
  /** Input column holding the argument (a Calc before the aggregate computes it); null for COUNT(*). */
  arg: number | null;
  distinct: boolean;
  /** Input column holding the FILTER (WHERE ...) condition as a BOOLEAN, or null. */
  filter: number | null;
  /** Result type. */
  type: import('../types').DataType;
  /** For labels: `SUM(amount)`. */
  display: string;
  /** LISTAGG's separator (default ','). */
  separator?: string;
}

/**
 * Streaming group aggregation with retraction. Output row = group key columns, then one column
 * per AggCall. With no group keys there is exactly one global group.
 */
export interface GroupAggregateNode extends NodeBase {
  kind: 'GroupAggregate';
  groupKeys: number[];
  aggs: AggCall[];
  /** Per-operator state TTL in ms (hint); null means the job's `table.exec.state.ttl`. */
  stateTtlMs: number | null;
  /** Business-rule state cleanup (STATE_CLEANUP hint) over the output row (keys, then aggregates), checked after each update. */
  cleanupCondition: BoundExpr | null;
}

export type JoinType = 'INNER' | 'LEFT' | 'RIGHT' | 'FULL';

/** Regular streaming join. Output row = left columns then right columns. */
export interface JoinNode extends NodeBase {
  kind: 'Join';
  joinType: JoinType;
  leftKeys: number[];
  rightKeys: number[];
  /** Extra ON conditions over the joined row; null when the keys are all. */
  residual: BoundExpr | null;
  leftStateTtlMs: number | null;
  rightStateTtlMs: number | null;
  /**
   * A right anti join (MERGE with only NOT MATCHED clauses): only right rows without a match come
   * out, as the null-padded rows of the right outer join that `joinType` ('RIGHT') describes.
   */
  anti?: boolean;
  /** STATE_CLEANUP conditions over each input's own row, checked after each accumulate record of that input. */
  leftCleanupCondition: BoundExpr | null;
  rightCleanupCondition: BoundExpr | null;
}

/**
 * Interval join (Flink's StreamExecIntervalJoin): `leftTime - rightTime` within
 * [lowerBoundMs, upperBoundMs] on rowtime or proctime attributes, plus equality keys and a
 * residual. Insert-only inputs and output. Output row = left columns then right columns.
 */
export interface IntervalJoinNode extends NodeBase {
  kind: 'IntervalJoin';
  joinType: JoinType;
  leftKeys: number[];
  rightKeys: number[];
  residual: BoundExpr | null;
  timeKind: 'rowtime' | 'proctime';
  lowerBoundMs: number;
  upperBoundMs: number;
  leftTimeIndex: number;
  /** In the right input's own positions. */
  rightTimeIndex: number;
}

/**
 * Event-time temporal join (Flink's TemporalRowTimeJoinOperator): `JOIN versioned FOR
 * SYSTEM_TIME AS OF left.rowtime ON keys`. Left rows wait for the watermark, then join the
 * version of their key valid at their time (the latest right row at or before it, unless that is
 * a deletion); versions older than the one valid at the watermark are dropped. INNER or LEFT.
 * Output row = left columns then right columns, with the left's row kinds.
 */
export interface TemporalJoinNode extends NodeBase {
  kind: 'TemporalJoin';
  joinType: 'INNER' | 'LEFT';
  leftKeys: number[];
  rightKeys: number[];
  /** The rest of the condition, checked against the version found (over the joined row). */
  residual: BoundExpr | null;
  leftTimeIndex: number;
  /** In the right input's own positions. */
  rightTimeIndex: number;
}

/**
 * Lookup join (Flink's LookupJoin): `JOIN dim FOR SYSTEM_TIME AS OF left.proctime ON keys`
 * against a jdbc table. Each input row reads `table` as it stands at that virtual time (through
 * the lookup cache when `lookup.cache` is PARTIAL) and is emitted at once. One input; output row
 * = input columns then the table's columns, with the input's row kinds.
 */
export interface LookupJoinNode extends NodeBase {
  kind: 'LookupJoin';
  table: string;
  joinType: 'INNER' | 'LEFT';
  leftKeys: number[];
  /** The table's columns matched with leftKeys. */
  lookupKeys: number[];
  residual: BoundExpr | null;
  /** null: no cache. */
  cache: { maxRows: number | null; expireAfterWriteMs: number | null; expireAfterAccessMs: number | null; cacheMissingKey: boolean } | null;
}

/** A window of a windowing TVF or a legacy group window, as Flink's WindowSpec. */
export interface WindowSpec {
  kind: 'TUMBLE' | 'HOP' | 'CUMULATE' | 'SESSION';
  /** TUMBLE and HOP size, CUMULATE max size, SESSION gap. */
  sizeMs: number;
  /** HOP slide, CUMULATE step; the size for TUMBLE; the gap for SESSION. */
  slideMs: number;
  offsetMs: number;
  timeKind: 'rowtime' | 'proctime';
}

/**
 * A windowing TVF: each input row once per window it falls in, with window_start, window_end
 * and window_time appended (a SESSION row gets its own [ts, ts + gap), merged by the window
 * aggregation after it). Insert-only input and output.
 */
export interface WindowTableFunctionNode extends NodeBase {
  kind: 'WindowTableFunction';
  window: WindowSpec;
  /** The input column holding the time attribute. */
  timeIndex: number;
  /**
   * Set when a window aggregation reads it: a record whose first slice has fired is dropped and
   * counted (numLateRecordsDropped), as Flink's slicing window operators do.
   */
  dropLateRecords: boolean;
}

/**
 * Window aggregation (Flink's WindowAggregate): GROUP BY window_start, window_end [, keys] over a
 * windowing TVF; a window's groups are emitted once, insert-only, when the watermark (proctime:
 * the clock) passes window_end - 1. Output row = the group keys (window columns among them)
 * then one column per AggCall.
 */
export interface WindowAggregateNode extends NodeBase {
  kind: 'WindowAggregate';
  window: WindowSpec;
  /** Number of group keys (input columns 0..keyCount-1). */
  keyCount: number;
  /** Positions among the keys of window_start, window_end and (when grouped) window_time. */
  windowStartKey: number;
  windowEndKey: number;
  windowTimeKey: number | null;
  aggs: AggCall[];
}

/** An aggregate call of an OVER window: GroupAggregate's functions, or LAG (unbounded frames only). */
export interface OverAggCall extends Omit<AggCall, 'fn'> {
  fn: AggFunction | 'LAG';
  /** LAG's offset (rows back) and default value. */
  lag?: { offset: number; defaultValue: import('../types').Value };
}

/**
 * OVER aggregation (Flink's OverAggregate, StreamExecOverAggregate): per input row, aggregates
 * over the rows of its partition from `preceding` back to the current row, ordered by a time
 * attribute. Rowtime rows wait for the watermark; late rows are dropped. Insert-only input and
 * output. Output row = the input row, then one column per call.
 */
export interface OverAggregateNode extends NodeBase {
  kind: 'OverAggregate';
  partitionKeys: number[];
  timeKind: 'rowtime' | 'proctime';
  /** The input column holding the time attribute ORDER BY names. */
  timeIndex: number;
  /** ROWS (counts rows) or RANGE (a time span; rows of the same time are peers). */
  rows: boolean;
  /** ROWS: rows before the current one; RANGE: milliseconds; null: UNBOUNDED PRECEDING. */
  preceding: number | null;
  aggs: OverAggCall[];
}

/** A sort key of a Rank: input column, direction and where NULLs go. */
export interface SortKey {
  index: number;
  descending: boolean;
  nullsFirst: boolean;
}

/**
 * Top-N (Flink's Rank with ROW_NUMBER): per partition, the first `rankEnd` rows by the sort
 * keys, kept up to date with retractions. Output row = the input row, then the row number when
 * `outputRankNumber`.
 */
export interface RankNode extends NodeBase {
  kind: 'Rank';
  partitionKeys: number[];
  sortKeys: SortKey[];
  rankEnd: number;
  outputRankNumber: boolean;
}

/**
 * Window Top-N (Flink's WindowRank; also its window deduplication): ROW_NUMBER partitioned by
 * window_start and window_end of a window TVF or window aggregation. A window's rows are ranked
 * once when the watermark (proctime: the clock) reaches window_end - 1 and its top N emitted,
 * insert-only. Output row = the input row, then the row number.
 */
export interface WindowRankNode extends NodeBase {
  kind: 'WindowRank';
  partitionKeys: number[];
  sortKeys: SortKey[];
  rankEnd: number;
  windowEndIndex: number;
  timeKind: 'rowtime' | 'proctime';
}

/**
 * Deduplication (Flink's Deduplicate: ROW_NUMBER() ... ORDER BY a time attribute, rn = 1): per
 * partition the first row (ascending) or the last (descending). Output row = the input row, then
 * the row number (always 1) when `outputRankNumber`.
 */
export interface DeduplicateNode extends NodeBase {
  kind: 'Deduplicate';
  partitionKeys: number[];
  keepLastRow: boolean;
  timeKind: 'rowtime' | 'proctime';
  timeIndex: number;
  outputRankNumber: boolean;
}

/**
 * Window join (Flink's WindowJoin): an equi-join whose keys pair the window_start and window_end
 * of two windowed inputs. A window's rows of both sides are joined once when the watermark
 * reaches window_end - 1; outer sides are padded then. Insert-only inputs and output.
 */
export interface WindowJoinNode extends NodeBase {
  kind: 'WindowJoin';
  joinType: JoinType;
  leftKeys: number[];
  rightKeys: number[];
  residual: BoundExpr | null;
  leftWindowEndIndex: number;
  rightWindowEndIndex: number;
  timeKind: 'rowtime' | 'proctime';
}

export interface UnionNode extends NodeBase {
  kind: 'Union';
}

/** Drops configured row kinds before a sink (Freshet extension, DROP_ROW_KIND hint). */
export interface DropRowKindNode extends NodeBase {
  kind: 'DropRowKind';
  /** Row kinds to drop, as numbers of RowKind. */
  dropKinds: number[];
}

/**
 * TO_CHANGELOG (Flink 2.3): each change becomes an insert of the columns in `order` (input
 * positions, -1 for the op code column), the code from `codes` by RowKind; a null code drops
 * that kind.
 */
export interface ToChangelogNode extends NodeBase {
  kind: 'ToChangelog';
  order: number[];
  codes: (string | null)[];
}

/** One WHEN clause of a MERGE: which joined rows it takes, and what it makes of them. */
export interface MergeClausePlan {
  /** WHEN MATCHED (the target side is present) or WHEN NOT MATCHED. */
  matched: boolean;
  /** The clause's AND condition over the joined row, or null. */
  condition: BoundExpr | null;
  action: 'update' | 'delete' | 'insert';
  /** For update and insert: the new target row, one expression per target column, over the joined row. */
  projections: BoundExpr[];
  /** The clause in the script (for the multiple-match error and labels). */
  span: Span;
}

/**
 * MERGE INTO's merge actions (a Freshet batch extension): reads the joined rows (target columns,
 * then source columns) to the end of input, then emits -U/+U for updates, -D for deletes and +I
 * for inserts. Output row = the target's columns.
 */
export interface MergeActionNode extends NodeBase {
  kind: 'MergeAction';
  /** Target column count: the joined row's first columns. */
  targetWidth: number;
  /** Positions of the target's primary key in the joined row (all NULL: not matched). */
  targetKey: number[];
  clauses: MergeClausePlan[];
  /** The ON condition, where the multiple-match error points. */
  onSpan: Span;
}

/** Writes into a table. Input row = the sink table's columns in declared order. */
export interface SinkNode extends NodeBase {
  kind: 'Sink';
  table: string;
}

export type PlanNode =
  | SourceNode
  | ValuesNode
  | CalcNode
  | GroupAggregateNode
  | JoinNode
  | IntervalJoinNode
  | TemporalJoinNode
  | LookupJoinNode
  | WindowJoinNode
  | WindowTableFunctionNode
  | WindowAggregateNode
  | OverAggregateNode
  | RankNode
  | WindowRankNode
  | DeduplicateNode
  | UnionNode
  | DropRowKindNode
  | ToChangelogNode
  | MergeActionNode
  | SinkNode;

export interface JobPlan {
  id: string;
  name: string;
  sinkTable: string;
  sourceTables: string[];
  nodes: PlanNode[];
  span: Span;
  /** A bounded statement (MERGE INTO): every input must end; compile rejects an unbounded one. */
  batch?: boolean;
  /** INSERT OVERWRITE (batch mode): the job's rows replace the table's (partitions') contents. */
  overwrite?: boolean;
}

/** A table as the planner resolved it. */
export interface TableDef extends TableInfo {
  schema: Schema;
  /** Positions of the primary key columns. */
  primaryKeyIndices: number[];
  /** Watermark: the rowtime column position and the compiled-to-be delay expression. */
  watermarkDef: { column: number; expr: BoundExpr } | null;
  /**
   * Computed columns (`c AS expr`): the source fills column `index` with `expr`, evaluated over
   * the row in declared order (computed slots are null while evaluating). Absent = none.
   */
  computedColumns?: { index: number; expr: BoundExpr }[];
  /** Metadata columns (`c TYPE METADATA [FROM 'key'] [VIRTUAL]`); sinks skip virtual ones. */
  metadataColumns?: { index: number; key: string; virtual: boolean }[];
  /**
   * Set on a metadata table a job reads (`orders$snapshots`): the declared table it describes and
   * the suffix. Such a table is read-only and lives with its base table's storage.
   */
  metadataOf?: { table: string; suffix: string };
  /** `catalog.database` when the table lives outside `default_catalog.default_database`. */
  catalogPath?: string;
  /** The connector comes from the table's catalog (an Iceberg catalog), not a `'connector'` option. */
  impliedConnector?: boolean;
}

export interface ScriptPlan {
  tables: TableDef[];
  /** Metadata tables the jobs read (`orders$snapshots`), not declared tables; absent when none. */
  metadataTables?: TableDef[];
  jobs: JobPlan[];
  settings: Record<string, string>;
}

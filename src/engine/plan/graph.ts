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

export type AggFunction = 'COUNT_STAR' | 'COUNT' | 'SUM' | 'MIN' | 'MAX' | 'AVG';

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
  /** Business-rule state cleanup (hint), evaluated over the latest input row of a group. */
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

export interface UnionNode extends NodeBase {
  kind: 'Union';
}

/** Drops configured row kinds before a sink (Freshet extension, DROP_ROW_KIND hint). */
export interface DropRowKindNode extends NodeBase {
  kind: 'DropRowKind';
  /** Row kinds to drop, as numbers of RowKind. */
  dropKinds: number[];
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
  | UnionNode
  | DropRowKindNode
  | SinkNode;

export interface JobPlan {
  id: string;
  name: string;
  sinkTable: string;
  sourceTables: string[];
  nodes: PlanNode[];
  span: Span;
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

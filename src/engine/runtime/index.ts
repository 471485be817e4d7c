// Public surface of the runtime: operator constructors, their option types and the helpers the
// simulator needs (key partitioning, state-size formula). The simulator wires plan nodes to these.
export type { Operator, OperatorContext, StateSize } from './operator';
export { CalcOperator, calc, type CalcOptions } from './calc';
export {
  GroupAggregateOperator,
  groupAggregate,
  type GroupAggregateOptions,
  type GroupAggregateCounters,
} from './group-aggregate';
export type { AggSpec } from './state/accumulators';
export { JoinOperator, join, type JoinOptions, type JoinCounters } from './join';
export { IntervalJoinOperator, intervalJoin, type IntervalJoinOptions } from './interval-join';
export { WindowTableFunctionOperator, windowTableFunction, type WindowTableFunctionOptions } from './window-table-function';
export { WindowAggregateOperator, windowAggregate, type WindowAggregateOptions } from './window-aggregate';
export { LookupJoinOperator, lookupJoin, type LookupJoinOptions, type LookupSource } from './lookup-join';
export { TemporalJoinOperator, temporalJoin, type TemporalJoinOptions } from './temporal-join';
export { OverAggregateOperator, overAggregate, type OverAggregateOptions } from './over-aggregate';
export { RankOperator, rank, type RankOptions } from './rank';
export { WindowJoinOperator, windowJoin, type WindowJoinOptions } from './window-join';
export { WindowRankOperator, windowRank, type WindowRankOptions } from './window-rank';
export { DeduplicateOperator, deduplicate, type DeduplicateOptions } from './deduplicate';
export { UnionOperator, union, type UnionOptions } from './union';
export { DropRowKindOperator, dropRowKind, type DropRowKindOptions } from './drop-row-kind';
export { ToChangelogOperator, toChangelog, type ToChangelogOptions } from './to-changelog';
export { SinkOperator, ChangelogModeError, sink, type Materializer } from './sink';
export { AppendLog, appendLog, type AppendLogOptions } from './state/append-log';
export { UpsertTable, upsertTable, type UpsertTableOptions } from './state/upsert-table';
export { RetractTable, retractTable } from './state/retract-table';
export { KeyPartitioner, makeKeyFn, rowKey, valueKey, defaultMaxParallelism } from './keys';
export { rowBytes, valueBytes } from './state/size';
export { MergeActionOperator, mergeAction, type MergeActionOptions, type MergeClause } from './merge-action';
export { RightAntiJoinOperator } from './anti-join';

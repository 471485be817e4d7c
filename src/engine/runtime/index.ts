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
export { UnionOperator, union, type UnionOptions } from './union';
export { DropRowKindOperator, dropRowKind, type DropRowKindOptions } from './drop-row-kind';
export {
  AppendLog,
  UpsertTable,
  RetractTable,
  SinkOperator,
  ChangelogModeError,
  appendLog,
  upsertTable,
  retractTable,
  sink,
  type Materializer,
  type AppendLogOptions,
  type UpsertTableOptions,
} from './sink';
export { KeyPartitioner, makeKeyFn, rowKey, valueKey, defaultMaxParallelism } from './keys';
export { rowBytes, valueBytes } from './state/size';

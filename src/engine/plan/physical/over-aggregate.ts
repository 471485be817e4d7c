// OverAggregate: aggregates `OVER (PARTITION BY ... ORDER BY time [frame])`, as Flink's
// StreamPhysicalOverAggregateRule and StreamExecOverAggregate accept them. matchOverAggregate
// checks with Flink's (and Calcite's) messages: one window for all calls, ordered ascending by
// one time attribute, a frame from PRECEDING (bounded or not) to CURRENT ROW, an insert-only
// input; LEAD is rejected and LAG runs only in unbounded frames (its accumulator cannot
// retract). planOverAggregate builds the node; its output is the input's columns then one
// column per call (`w0$o0`, ...).
import type * as A from '../../sql/ast';
import type { BoundExpr } from '../../expr/ir';
import { quoteIdent } from '../../expr/print';
import type { Column } from '../../types';
import type { OverAggCall, OverAggregateNode } from '../graph';
import { fail } from '../errors';
import type { JobBuilder } from '../job';
import { intervalValue } from '../bind/literals';
import type { Rel } from '../bind/scope';

/** The window of the calls, as the planner resolved it (a named window merged in). */
export interface ResolvedWindow {
  partitionBy: A.Expr[];
  orderBy: A.OrderItem[];
  frame: A.WindowFrame | undefined;
  span: A.Expr['span'];
}

export interface OverMatch {
  timeIndex: number;
  timeKind: 'rowtime' | 'proctime';
  rows: boolean;
  preceding: number | null;
  /** `ROWS BETWEEN 2 PRECEDING AND CURRENT ROW`, for the label. */
  frameText: string;
}

/** Checks the window of an OVER aggregation over `input`; `order` is its bound ORDER BY. */
export function matchOverAggregate(job: JobBuilder, input: Rel, w: ResolvedWindow, order: BoundExpr[]): OverMatch {
  const changes = job.changes.of(input.node);
  if (changes.updates || changes.deletes) {
    fail(`StreamPhysicalOverAggregate doesn't support consuming update and delete changes which is produced by node ${job.get(changes.origin ?? input.node).label}`, w.span, 'changelog-mode');
  }
  if (order.length !== 1) fail('The window can only be ordered by a single time column.', w.orderBy[1]?.span ?? w.span, 'unsupported');
  const item = w.orderBy[0]!;
  if (item.descending) fail('The window can only be ordered in ASCENDING mode.', item.span, 'unsupported');
  const time = order[0]!;
  if (time.op !== 'col' || !time.type.timeAttribute) fail("OVER windows' ordering in stream mode must be defined on a time attribute.", item.expr.span, 'unsupported');
  const frame = w.frame;
  // ORDER BY without a frame is RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW (SQL's default).
  const rows = frame?.unit === 'ROWS';
  let preceding: number | null = null;
  if (frame) {
    if (frame.upper.kind !== 'CURRENT ROW' || (frame.lower.kind !== 'PRECEDING' && frame.lower.kind !== 'UNBOUNDED PRECEDING')) {
      fail('OVER RANGE FOLLOWING windows are not supported yet.', frame.span, 'unsupported');
    }
    if (frame.lower.kind === 'PRECEDING') preceding = rows ? rowsOffset(frame.lower.offset) : rangeOffset(frame.lower.offset);
  }
  const lower = preceding === null ? 'UNBOUNDED PRECEDING' : `${preceding} PRECEDING`;
  return { timeIndex: time.index, timeKind: time.type.timeAttribute, rows, preceding, frameText: `${rows ? 'ROWS' : 'RANGE'} BETWEEN ${lower} AND CURRENT ROW` };
}

/** `n PRECEDING` of ROWS: a non-negative integer constant (Calcite's check). */
function rowsOffset(e: A.Expr): number {
  if (e.kind !== 'Literal' || e.type !== 'number' || e.numberKind !== 'integer' || e.value < 0) {
    fail('ROWS value must be a non-negative integral constant', e.span, 'type-mismatch');
  }
  return e.value;
}

/** `INTERVAL '..' unit PRECEDING` of RANGE over a time attribute: a day-time interval constant, in ms. */
function rangeOffset(e: A.Expr): number {
  if (e.kind !== 'Literal' || e.type !== 'interval') fail('Data Type mismatch between ORDER BY and RANGE clause', e.span, 'type-mismatch');
  const v = intervalValue(e);
  if (v === null || !('ms' in v)) fail('not supported yet: a year-month INTERVAL as an OVER RANGE bound; write it in days', e.span, 'unsupported');
  if (v.ms < 0) fail('Window has negative size', e.span, 'type-mismatch');
  return v.ms;
}

/** LEAD and LAG: what Flink's streaming OVER accepts of them (AggFunctionFactory). */
export function checkOffsetFunction(call: A.FunctionCall, m: OverMatch): void {
  if (call.name === 'LEAD') fail('LEAD Function is not supported in stream mode.', call.span, 'unsupported');
  if (m.preceding !== null) fail('LAG Function with retraction is not supported in stream mode.', call.span, 'unsupported');
}

/** Plans the OverAggregate over `input` (partition keys and arguments are its columns). */
export function planOverAggregate(job: JobBuilder, input: Rel, m: OverMatch, partitionKeys: number[], calls: OverAggCall[]): { rel: Rel; node: OverAggregateNode } {
  const inputNode = job.get(input.node);
  const names = inputNode.schema.columns.map((c) => quoteIdent(c.name));
  const aggColumns: Column[] = calls.map((c, j) => ({ name: `w0$o${j}`, type: c.type }));
  const select = [...names, ...calls.map((c, j) => `${c.display} AS w0$o${j}`)];
  const node = job.add<OverAggregateNode>({
    kind: 'OverAggregate',
    inputs: [input.node],
    schema: { columns: [...inputNode.schema.columns, ...aggColumns] },
    uniqueKey: null,
    parallelism: partitionKeys.length === 0 ? 1 : job.parallelism,
    hints: [],
    label: `OverAggregate(${partitionKeys.length > 0 ? `partitionBy=[${partitionKeys.map((k) => names[k]).join(', ')}], ` : ''}orderBy=[${names[m.timeIndex]} ASC], window=[${m.frameText}], select=[${select.join(', ')}])`,
    partitionKeys,
    timeKind: m.timeKind,
    timeIndex: m.timeIndex,
    rows: m.rows,
    preceding: m.preceding,
    aggs: calls,
  });
  const cols = [...input.cols, ...aggColumns.map((c) => ({ name: c.name, qualifier: null, table: null, type: c.type, hidden: true }))];
  return { rel: { node: node.id, cols }, node };
}

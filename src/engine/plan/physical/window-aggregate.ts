// WindowAggregate: a grouped SELECT over a windowing TVF whose GROUP BY holds window_start and
// window_end (Flink's StreamPhysicalWindowAggregateRule: a window aggregation needs both). The
// TVF in front then drops late records; the aggregate fires each window once on the watermark.
// Any other GROUP BY over a TVF is a regular GroupAggregate, as in Flink.
import type { BoundExpr } from '../../expr/ir';
import { materialized } from '../../expr/typeutil';
import type { WindowAggregateNode, WindowTableFunctionNode } from '../graph';
import type { JobBuilder } from '../job';
import { unqualified, type Rel, type WindowColumns } from '../bind/scope';
import { planAggregateInput, type GroupAggregateInput } from './group-aggregate';
import { windowText } from './window-table-function';

export interface WindowAggregateMatch {
  window: WindowColumns;
  windowStartKey: number;
  windowEndKey: number;
  windowTimeKey: number | null;
}

/** A window aggregation when the GROUP BY keys hold the TVF's window_start and window_end columns. */
export function matchWindowAggregate(window: WindowColumns | undefined, keys: BoundExpr[]): WindowAggregateMatch | null {
  if (!window) return null;
  const keyOf = (col: number) => keys.findIndex((k) => k.op === 'col' && k.index === col);
  const start = keyOf(window.start);
  const end = keyOf(window.end);
  if (start < 0 || end < 0) return null;
  const time = keyOf(window.time);
  return { window, windowStartKey: start, windowEndKey: end, windowTimeKey: time < 0 ? null : time };
}

/** Plans the Calc below and the WindowAggregate, and makes the TVF drop late records. */
export function planWindowAggregate(job: JobBuilder, m: WindowAggregateMatch, g: GroupAggregateInput): { node: WindowAggregateNode; rel: Rel } {
  // window_time stays a time attribute after the aggregation (a window can follow); other keys are plain.
  const { pre, calls, columns, selectText, groupByText } = planAggregateInput(job, g, (k, i) => (i === m.windowTimeKey ? k.type : materialized(k.type)));
  const tvf = job.get(m.window.tvfNode) as WindowTableFunctionNode;
  tvf.dropLateRecords = true;
  const timeName = job.get(tvf.inputs[0]!).schema.columns[tvf.timeIndex]!.name;
  const keys = g.keys;
  const node = job.add<WindowAggregateNode>({
    kind: 'WindowAggregate',
    inputs: [pre.node],
    schema: { columns },
    uniqueKey: keys.map((_, i) => i),
    parallelism: keys.length > (m.windowTimeKey === null ? 2 : 3) ? job.parallelism : 1,
    hints: [],
    label: `WindowAggregate(${groupByText}window=[${windowText(m.window.spec, timeName)}], select=[${selectText.join(', ')}])`,
    window: m.window.spec,
    keyCount: keys.length,
    windowStartKey: m.windowStartKey,
    windowEndKey: m.windowEndKey,
    windowTimeKey: m.windowTimeKey,
    aggs: calls,
  });
  return { node, rel: { node: node.id, cols: unqualified(columns) } };
}

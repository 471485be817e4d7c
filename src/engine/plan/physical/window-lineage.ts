// Where a column comes from, for the rules that need to know it is a window's bound: window
// Top-N (rank.ts) and window joins (join-window.ts) apply when their keys are window_start and
// window_end of a window TVF or window aggregation, as Flink's WindowUtil / window properties
// propagation (FlinkRelMdWindowProperties) sees them through projections.
import type { PlanNode, WindowSpec } from '../graph';
import type { JobBuilder } from '../job';

export interface WindowColumn {
  role: 'start' | 'end';
  spec: WindowSpec;
}

/** Which window column an output column of `nodeId` is, following Calc projections back; null when it is none. */
export function windowColumnOf(job: JobBuilder, nodeId: number, column: number): WindowColumn | null {
  let node: PlanNode = job.get(nodeId);
  let c = column;
  for (;;) {
    if (node.kind === 'Calc') {
      const p = node.projections[c];
      if (!p || p.op !== 'col') return null;
      c = p.index;
      node = job.get(node.inputs[0]!);
      continue;
    }
    if (node.kind === 'WindowTableFunction') {
      const w = node.schema.columns.length - 3;
      return c === w ? { role: 'start', spec: node.window } : c === w + 1 ? { role: 'end', spec: node.window } : null;
    }
    if (node.kind === 'WindowAggregate') {
      return c === node.windowStartKey ? { role: 'start', spec: node.window } : c === node.windowEndKey ? { role: 'end', spec: node.window } : null;
    }
    return null;
  }
}

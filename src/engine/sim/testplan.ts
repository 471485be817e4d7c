// Hand-built plans for simulator tests, so the scheduler is tested without the parser/planner.
import type { PipelineGraph } from '../api';
import type { AggCall, JobPlan, PlanNode, ScriptPlan, TableDef } from '../plan/graph';
import type { BoundExpr } from '../expr/ir';
import type { DataType } from '../types';
import { toPipelineGraph } from '../plan/pipeline';
import { tableDef, t } from '../connectors/testkit';

export { tableDef, t };

const span = { start: { offset: 0, line: 1, column: 1 }, end: { offset: 0, line: 1, column: 1 } };

export const col = (index: number, type: DataType): BoundExpr => ({ op: 'col', index, type });
export const lit = (value: number | string | boolean | null, type: DataType): BoundExpr => ({ op: 'lit', value, type });
export const call = (fn: string, args: BoundExpr[], type: DataType): BoundExpr => ({ op: 'call', fn, args, type });

type NodeInit = Partial<PlanNode> & { kind: PlanNode['kind'] };

/** A job from nodes given in topological order; ids are assigned 1..n, inputs refer to them. */
export function job(id: string, sink: string, sources: string[], nodes: NodeInit[]): JobPlan {
  const built = nodes.map((n, i) => ({
    id: i + 1,
    inputs: [],
    schema: { columns: [] },
    changelogMode: 'insert-only',
    uniqueKey: null,
    parallelism: 1,
    hints: [],
    label: n.kind,
    ...n,
  })) as PlanNode[];
  return { id, name: `INSERT INTO ${sink}`, sinkTable: sink, sourceTables: sources, nodes: built, span };
}

export function sourceNode(def: TableDef, extra: Partial<PlanNode> = {}): NodeInit {
  return { kind: 'Source', table: def.name, optionOverrides: {}, schema: def.schema, ...extra } as NodeInit;
}

export function sinkNode(def: TableDef, input: number, extra: Partial<PlanNode> = {}): NodeInit {
  return { kind: 'Sink', table: def.name, inputs: [input], schema: def.schema, ...extra } as NodeInit;
}

export function aggCall(fn: AggCall['fn'], arg: number | null, type: DataType): AggCall {
  return { fn, arg, distinct: false, filter: null, type, display: fn };
}

export function scriptPlan(tables: TableDef[], jobs: JobPlan[], settings: Record<string, string> = {}): { plan: ScriptPlan; pipeline: PipelineGraph } {
  const plan: ScriptPlan = { tables, jobs, settings };
  return { plan, pipeline: toPipelineGraph(plan) };
}

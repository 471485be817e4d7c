// ScriptPlan -> the public PipelineGraph (plain data for the UI and the CLI).
import type { JobInfo, PipelineGraph, TableInfo } from '../api';
import type { ScriptPlan, TableDef } from './graph';

export function tableInfo(t: TableDef): TableInfo {
  return {
    name: t.name,
    layer: t.layer,
    connector: t.connector,
    columns: t.columns.map((c) => ({ ...c })),
    primaryKey: [...t.primaryKey],
    watermark: t.watermark ? { ...t.watermark } : null,
    partitionedBy: [...t.partitionedBy],
    options: Object.fromEntries(Object.entries(t.options)),
    comment: t.comment,
    span: t.span,
  };
}

export function toPipelineGraph(plan: ScriptPlan): PipelineGraph {
  const jobs: JobInfo[] = plan.jobs.map((j) => ({
    id: j.id,
    name: j.name,
    sourceTables: [...j.sourceTables],
    sinkTable: j.sinkTable,
    operators: j.nodes.map((n) => ({
      id: n.id,
      kind: n.kind,
      label: n.label,
      changelogMode: n.changelogMode,
      parallelism: n.parallelism,
      hints: n.hints.map((h) => ({ name: h.name, options: Object.fromEntries(Object.entries(h.options)), span: h.span })),
      inputs: [...n.inputs],
    })),
    span: j.span,
  }));
  return { tables: plan.tables.map(tableInfo), jobs, settings: Object.fromEntries(Object.entries(plan.settings)) };
}

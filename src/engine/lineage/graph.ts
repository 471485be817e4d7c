// The script's column lineage graph: every job's lineage (job-lineage.ts) plus the computed
// columns of each table, which a reader fills from the table's other columns. Jobs chain through
// tables: a table one job writes and another reads is the same column node in both.
import type { ScriptPlan, TableDef } from '../plan/index';
import { exprDeps, readOf, type Deps } from './deps';
import { jobLineage } from './job-lineage';
import { IDENTITY, toTransformations } from './transformations';
import type { ColumnLineageEdge, ColumnLineageGraph } from './types';

/** A computed column `c AS expr` as edges from the columns `expr` reads. */
function computedEdges(t: TableDef): ColumnLineageEdge[] {
  if (!t.computedColumns?.length) return [];
  const names = t.schema.columns.map((c) => c.name);
  // The row a computed column is evaluated over: the table's own columns as they are read.
  const row: Deps[] = names.map((column) => readOf({ table: t.name, column }, 0));
  const edges: ColumnLineageEdge[] = [];
  for (const c of t.computedColumns) {
    const to = { table: t.name, column: names[c.index]! };
    for (const dep of exprDeps(c.expr, row, IDENTITY, 0).values())
      edges.push({ from: dep.from, to, job: null, transformations: toTransformations(dep.codes), operators: [] });
  }
  return edges;
}

/** Builds the lineage graph of a planned script. */
export function buildLineageGraph(plan: ScriptPlan): ColumnLineageGraph {
  const all = [...plan.tables, ...(plan.metadataTables ?? [])];
  const byName = new Map(all.map((t) => [t.name.toLowerCase(), t]));
  const table = (name: string) => byName.get(name.toLowerCase());
  const graph: ColumnLineageGraph = {
    tables: all.map((t) => ({ name: t.name, columns: t.schema.columns.map((c) => c.name) })),
    jobs: plan.jobs.map((j) => ({ id: j.id, name: j.name, sinkTable: j.sinkTable, sourceTables: [...j.sourceTables] })),
    edges: all.flatMap(computedEdges),
    datasetEdges: [],
  };
  for (const job of plan.jobs) {
    const l = jobLineage(job, table);
    graph.edges.push(...l.edges);
    graph.datasetEdges.push(...l.datasetEdges);
  }
  return graph;
}

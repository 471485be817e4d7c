// A warning for a pitfall of Flink on Iceberg upsert tables that only shows in production data.
// Flink's planner does not let a filter on a column outside the upsert key produce an upsert
// stream (FlinkChangelogModeInferenceProgram, FLINK-9528): the filter gets -U and +U, and when a
// row stops matching (`cnt < 10` after cnt reaches 10) only its -U passes. Sinks that delete on
// -U (jdbc, upsert-kafka's tombstone) then remove the row; Iceberg's upsert writer skips -U
// (BaseDeltaTaskWriter) and keeps the old row for good. The simulation does the same; this says
// so before the run.
import { columnsRead } from './bound-exprs';
import type { ConnectorCapabilities } from './capabilities';
import type { CalcNode, JobPlan, PlanNode, ScriptPlan } from './graph';
import type { Diagnostic } from '../types';

/** Nodes that pass each input change on unchanged in kind, so a dropped +U stays dropped. */
const TRANSPARENT = new Set<PlanNode['kind']>(['Calc', 'Union', 'DropRowKind']);

export function staleUpsertRowWarnings(plan: ScriptPlan, capabilities: ConnectorCapabilities): Diagnostic[] {
  if (!capabilities.ignoresUpdateBefore) return [];
  const tables = new Map(plan.tables.map((t) => [t.name.toLowerCase(), t]));
  const out: Diagnostic[] = [];
  for (const job of plan.jobs) {
    const sink = tables.get(job.sinkTable.toLowerCase());
    if (!sink || !capabilities.ignoresUpdateBefore(sink)) continue;
    const calc = retractingFilterBeforeSink(job);
    if (!calc) continue;
    const input = job.nodes.find((n) => n.id === calc.inputs[0])!;
    const names = [...columnsRead(calc.filter!)].filter((c) => !input.uniqueKey?.includes(c)).map((c) => input.schema.columns[c]!.name);
    out.push({
      severity: 'warning',
      code: 'stale-upsert-rows',
      span: job.span,
      message:
        `${job.id} (${job.name}) filters on ${names.join(', ')}, which can change for a key: when a row stops matching, ` +
        `Flink passes only its UPDATE_BEFORE, and table ${job.sinkTable} ('write.upsert.enabled') ignores UPDATE_BEFORE, ` +
        `so the old row stays in it. Filter where the table is read, or write it without upsert mode`,
    });
  }
  return out;
}

/**
 * The first filtering Calc on a transparent path back from the sink whose input carries -U
 * (a retract stream) and whose condition reads a column outside the input's unique key.
 */
function retractingFilterBeforeSink(job: JobPlan): CalcNode | null {
  const byId = new Map(job.nodes.map((n) => [n.id, n]));
  const sink = job.nodes.find((n) => n.kind === 'Sink');
  const todo = [...(sink?.inputs ?? [])];
  const seen = new Set<number>();
  while (todo.length > 0) {
    const node = byId.get(todo.pop()!);
    if (!node || seen.has(node.id) || !TRANSPARENT.has(node.kind)) continue;
    seen.add(node.id);
    if (node.kind === 'Calc' && node.filter !== null) {
      const input = byId.get(node.inputs[0]!);
      if (input?.changelogMode === 'retract' && [...columnsRead(node.filter)].some((c) => !input.uniqueKey?.includes(c))) return node;
    }
    todo.push(...node.inputs);
  }
  return null;
}

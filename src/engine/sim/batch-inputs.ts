// A compile-time error for jobs that must end: MERGE INTO (a bounded repair statement) and, with
// `execution.runtime-mode` = 'batch', every job. Flink's batch mode rejects an unbounded source
// ("Querying an unbounded table ... in batch mode is not allowed"); the error names the table.
// Which reads end is the simulation's own rule (bounded.ts, the connectors' readEnds).
import type { ScriptPlan } from '../plan/graph';
import type { Diagnostic } from '../types';
import { lowerOptions } from '../connectors/store';
import { boundedAtCompile } from './bounded';
import { isBatchRuntimeMode, RUNTIME_MODE_KEY } from '../common/runtime-mode';

export function batchInputErrors(plan: ScriptPlan): Diagnostic[] {
  const batchMode = isBatchRuntimeMode(plan.settings[RUNTIME_MODE_KEY]);
  const mustEnd = plan.jobs.filter((j) => batchMode || j.batch === true);
  if (mustEnd.length === 0) return [];
  const { bounded, resource, optionsOf, readEnds: ends } = boundedAtCompile(plan);
  const out: Diagnostic[] = [];
  for (const job of mustEnd) {
    if (bounded.has(job.id)) continue;
    for (const node of job.nodes) {
      if (node.kind !== 'Source') continue;
      const writers = plan.jobs.filter((w) => w.id !== job.id && resource(w.sinkTable) === resource(node.table));
      const options = lowerOptions({ ...optionsOf(node.table), ...node.optionOverrides });
      if (ends(node.table, options, writers.length > 0, writers.every((w) => bounded.has(w.id)))) continue;
      const what = job.batch ? 'MERGE INTO runs as a batch statement' : `'execution.runtime-mode' is 'batch'`;
      out.push({
        severity: 'error',
        message: `${job.id} (${job.name}): ${what} and reads only bounded inputs, but table ${node.table} is unbounded (its source never ends${writers.length > 0 ? ', or a job writing it never does' : ''})`,
        span: job.span,
        code: 'unbounded-input',
      });
      break;
    }
  }
  return out;
}

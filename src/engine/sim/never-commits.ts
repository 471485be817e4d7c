// A compile-time warning Flink users learn the hard way: a sink that commits on completed
// checkpoints (Flink's Iceberg sink) never commits in a streaming job without checkpointing.
// A bounded job still commits at its end (its final checkpoint), so only jobs that never end by
// themselves are warned about; which jobs end is the simulation's own rule (bounded.ts).
import type { ConnectorCapabilities } from '../plan/capabilities';
import type { ScriptPlan } from '../plan/graph';
import type { Diagnostic } from '../types';
import { SettingsError } from '../errors';
import { boundedAtCompile } from './bounded';
import { resolveSimConfig } from './settings';

export function neverCommitsWarnings(plan: ScriptPlan, capabilities: ConnectorCapabilities): Diagnostic[] {
  let interval: number | null;
  try {
    interval = resolveSimConfig(plan.settings).checkpointIntervalMs;
  } catch (e) {
    // A bad setting is reported where it is written.
    if (e instanceof SettingsError) return [];
    throw e;
  }
  if (interval !== null && interval > 0) return [];
  const tables = new Map([...plan.tables, ...(plan.metadataTables ?? [])].map((t) => [t.name.toLowerCase(), t]));
  const committing = plan.jobs.filter((j) => {
    const def = tables.get(j.sinkTable.toLowerCase());
    return def !== undefined && capabilities.commitsOnCheckpoint(def);
  });
  if (committing.length === 0) return [];
  const { bounded } = boundedAtCompile(plan);
  return committing
    .filter((j) => !bounded.has(j.id))
    .map((j) => ({
      severity: 'warning',
      message:
        `${j.id} (${j.name}) is a streaming job and checkpointing is off: table ${j.sinkTable} commits only when a checkpoint ` +
        `completes, so it will never commit a snapshot; set 'execution.checkpointing.interval' (a bounded job commits at its end)`,
      span: j.span,
      code: 'checkpointing',
    }));
}

// Which jobs end by themselves: a job is bounded when every source it reads ends, and a table or
// topic's reader ends according to its connector, given whether jobs write it and whether those
// writers are bounded. The simulation asks its stores; compile (index.ts) asks the connectors
// without building stores (connectors/registry.ts `readEnds`).
import type { JobPlan, ScriptPlan } from '../plan/graph';
import { readEnds as connectorReadEnds, resourceOf as resourceOfTable } from '../connectors/registry';
import { lowerOptions } from '../connectors/store';

/** Whether a read of `table` with `options` (lower-cased keys, OPTIONS hints applied) ends. */
export type ReadEnds = (table: string, options: Record<string, string>, hasWriters: boolean, writersBounded: boolean) => boolean;

export function boundedJobIds(
  jobs: readonly JobPlan[],
  resourceOf: (table: string) => string,
  tableOptions: (table: string) => Record<string, string>,
  readEnds: ReadEnds,
): Set<string> {
  const writerPlans = new Map<string, string[]>();
  for (const j of jobs) {
    const r = resourceOf(j.sinkTable);
    writerPlans.set(r, [...(writerPlans.get(r) ?? []), j.id]);
  }
  const visiting = new Set<string>();
  const memo = new Map<string, boolean>();
  const jobBounded = (id: string): boolean => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    // A cycle of jobs feeding each other never ends by itself.
    if (visiting.has(id)) return false;
    visiting.add(id);
    const jp = jobs.find((j) => j.id === id)!;
    let ok = true;
    for (const node of jp.nodes) {
      if (node.kind !== 'Source') continue;
      // A job reading what it writes itself (MERGE INTO's target) reads what the others wrote.
      const writers = (writerPlans.get(resourceOf(node.table)) ?? []).filter((w) => w !== id);
      const writersBounded = writers.every((w) => jobBounded(w));
      const options = { ...lowerOptions(tableOptions(node.table)), ...lowerOptions(node.optionOverrides) };
      if (!readEnds(node.table, options, writers.length > 0, writersBounded)) ok = false;
    }
    visiting.delete(id);
    memo.set(id, ok);
    return ok;
  };
  const out = new Set<string>();
  for (const jp of jobs) if (jobBounded(jp.id)) out.add(jp.id);
  return out;
}

/** Compile's view of which jobs end: the rule above asked of the connectors, before any store exists. */
export interface CompiledBoundedness {
  bounded: Set<string>;
  /** The table or topic a table name stands for (a metadata table: its base table's). */
  resource: (table: string) => string;
  /** A table's declared options (keys as written). */
  optionsOf: (table: string) => Record<string, string>;
  readEnds: ReadEnds;
}

/** Which jobs of `plan` end by themselves, with the tables resolved as the simulation resolves them (metadata tables included). */
export function boundedAtCompile(plan: ScriptPlan): CompiledBoundedness {
  const tables = new Map([...plan.tables, ...(plan.metadataTables ?? [])].map((t) => [t.name.toLowerCase(), t]));
  const resource = (table: string): string => {
    const def = tables.get(table.toLowerCase());
    return def ? resourceOfTable(def) : 'table:' + table.toLowerCase();
  };
  const optionsOf = (table: string): Record<string, string> => tables.get(table.toLowerCase())?.options ?? {};
  const readEnds: ReadEnds = (table, options, hasWriters, writersBounded) => {
    const def = tables.get(table.toLowerCase());
    return def === undefined || connectorReadEnds(def, options, hasWriters, writersBounded);
  };
  return { bounded: boundedJobIds(plan.jobs, resource, optionsOf, readEnds), resource, optionsOf, readEnds };
}

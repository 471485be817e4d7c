// Which jobs end by themselves: a job is bounded when every source it reads ends, and a table or
// topic's reader ends according to its connector, given whether jobs write it and whether those
// writers are bounded. The simulation asks its stores; compile (index.ts) asks the connectors
// without building stores (connectors/registry.ts `readEnds`).
import type { JobPlan } from '../plan/graph';

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
      const options = { ...lower(tableOptions(node.table)), ...lower(node.optionOverrides) };
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

function lower(o: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k.toLowerCase(), v]));
}

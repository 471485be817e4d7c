// Scan push-down and source reuse within one job (docs/dialect.md, "Source reuse").
//
// Flink first pushes the projection and the filter of the Calc above a scan into a source that
// supports them (Iceberg's IcebergTableSource does: SupportsProjectionPushDown and
// SupportsFilterPushDown), and they become part of the scan's digest. SubplanReuser then keeps
// one of the scans whose digests are equal (`table.optimizer.reuse-sub-plan-enabled` and
// `table.optimizer.reuse-source-enabled`, both default true): the others read from it. So two
// reads of one table that differ in projection or filter stay two sources, each with its own
// reader, split buffer and read work.
//
// The source talk's fixes are Freshet extensions, off by default: the `REUSE_SOURCE` table hint
// makes every read of its table in the job one source, and `table.optimizer.reuse-source-merge-enabled`
// does the same for every table. A merged source reads the union of the columns and the OR of the
// filters; each consumer keeps its own Calc, so it still filters its own rows after.
//
// In Freshet a statement-set member is a job of its own, so reuse applies within one INSERT
// (self-joins, UNION ALL of two reads, views read twice).
import type { BoundExpr } from '../expr/ir';
import { exprToSql, quoteIdent } from '../expr/print';
import { mk } from '../expr/typeutil';
import { boundConjuncts, columnsRead, exprKey } from './bound-exprs';
import type { PlanNode, SourceNode, TableDef } from './graph';
import { pathOfTable } from './bind/catalog';

export const REUSE_SUB_PLAN_KEY = 'table.optimizer.reuse-sub-plan-enabled';
export const REUSE_SOURCE_KEY = 'table.optimizer.reuse-source-enabled';
/** Freshet extension: merge the reads of one table that differ in projection or filter. */
export const REUSE_SOURCE_MERGE_KEY = 'table.optimizer.reuse-source-merge-enabled';

/** Functions whose value is not a function of the row: a filter with one is never pushed down. */
const NON_DETERMINISTIC = new Set(['rand', 'rand_integer', 'uuid', 'now', 'current_timestamp', 'localtimestamp', 'current_date', 'current_row_timestamp', 'current_watermark', 'proctime', 'unix_timestamp']);

export interface SourceReuseOptions {
  settings: ReadonlyMap<string, string>;
  /** The declared table a source reads. */
  table(name: string): TableDef | undefined;
  /** Whether the table's connector takes projection and filter push-down. */
  supportsPushdown(table: TableDef): boolean;
}

function isTrue(v: string | undefined, dflt: boolean): boolean {
  if (v === undefined) return dflt;
  return v.trim().toLowerCase() === 'true';
}

function deterministic(e: BoundExpr): boolean {
  const stack: BoundExpr[] = [e];
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (x.op === 'call') {
      if (NON_DETERMINISTIC.has(x.fn)) return false;
      for (const a of x.args) stack.push(a);
    } else if (x.op === 'cast') stack.push(x.expr);
    else if (x.op === 'case') {
      for (const w of x.whens) stack.push(w.when, w.then);
      if (x.else) stack.push(x.else);
    }
  }
  return true;
}

/** Columns the reader must read besides the consumers': the rowtime and what computed columns read. */
function columnsTheScanNeeds(table: TableDef, wanted: Set<number>): void {
  if (table.watermarkDef) {
    wanted.add(table.watermarkDef.column);
    columnsRead(table.watermarkDef.expr, wanted);
  }
  for (const c of table.computedColumns ?? []) if (wanted.has(c.index)) columnsRead(c.expr, wanted);
}

/** The projection and filter Flink would push into `source` from the Calc above it. */
function pushdownOf(source: SourceNode, consumers: readonly PlanNode[], table: TableDef): { projection: number[]; filter: BoundExpr | null } {
  const width = source.schema.columns.length;
  const all = Array.from({ length: width }, (_, i) => i);
  const wanted = new Set<number>();
  let whole = consumers.length === 0;
  for (const c of consumers) {
    if (c.kind !== 'Calc') {
      whole = true;
      break;
    }
    for (const p of c.projections) columnsRead(p, wanted);
    if (c.filter) columnsRead(c.filter, wanted);
  }
  let projection = all;
  if (!whole) {
    columnsTheScanNeeds(table, wanted);
    projection = all.filter((i) => wanted.has(i));
  }
  let filter: BoundExpr | null = null;
  const only = consumers.length === 1 ? consumers[0]! : null;
  if (only?.kind === 'Calc' && only.filter) {
    const computed = new Set((table.computedColumns ?? []).map((c) => c.index));
    for (const m of table.metadataColumns ?? []) computed.add(m.index);
    const pushed = boundConjuncts(only.filter).filter((e) => deterministic(e) && ![...columnsRead(e)].some((i) => computed.has(i)));
    filter = conjunction(pushed, 'and');
  }
  return { projection, filter };
}

function conjunction(parts: readonly BoundExpr[], fn: 'and' | 'or'): BoundExpr | null {
  if (parts.length === 0) return null;
  if (parts.length === 1) return parts[0]!;
  return { op: 'call', fn, args: parts.slice(), type: mk('BOOLEAN', parts.some((p) => p.type.nullable)) };
}

function sortedOptions(o: Record<string, string>): string {
  return JSON.stringify(Object.keys(o).sort().map((k) => [k.toLowerCase(), o[k]]));
}

function digestOf(s: SourceNode): string {
  const p = s.pushdown;
  return `${s.table.toLowerCase()}|${sortedOptions(s.optionOverrides)}|${p ? p.projection.join(',') : '*'}|${p?.filter ? exprKey(p.filter) : ''}`;
}

/** Flink's TableSourceScan label, with the push-downs in its digest and how many reads it serves. */
export function sourceLabel(s: SourceNode, table: TableDef): string {
  const names = s.schema.columns.map((c) => c.name);
  const path = pathOfTable(table).split('.').join(', ');
  const p = s.pushdown;
  const parts: string[] = [`${path}, ${table.name}`];
  if (p?.filter) parts.push(`filter=[${exprToSql(p.filter, names)}]`);
  const projected = p && p.projection.length < names.length;
  if (projected) parts.push(`project=[${p.projection.map((i) => quoteIdent(names[i]!)).join(', ')}]`);
  const fields = (projected ? p.projection : names.map((_, i) => i)).map((i) => quoteIdent(names[i]!));
  const reuse = (s.reads ?? 1) > 1 ? `, reuse=[${s.reads} reads]` : '';
  return `TableSourceScan(table=[[${parts.join(', ')}]], fields=[${fields.join(', ')}]${reuse})`;
}

/**
 * Pushes projections and filters into the job's scans, then makes reads that may share a source
 * share it. Returns the nodes, without the sources that now read from another (same order).
 */
export function reuseSources(nodes: PlanNode[], o: SourceReuseOptions): PlanNode[] {
  const consumers = new Map<number, PlanNode[]>();
  for (const n of nodes)
    for (const i of n.inputs) {
      let list = consumers.get(i);
      if (!list) consumers.set(i, (list = []));
      if (!list.includes(n)) list.push(n);
    }
  const sources: SourceNode[] = [];
  for (const n of nodes) {
    if (n.kind !== 'Source') continue;
    const table = o.table(n.table);
    if (!table) continue;
    if (o.supportsPushdown(table)) n.pushdown = pushdownOf(n, consumers.get(n.id) ?? [], table);
    sources.push(n);
  }
  const reuseOn = isTrue(o.settings.get(REUSE_SUB_PLAN_KEY), true) && isTrue(o.settings.get(REUSE_SOURCE_KEY), true);
  const mergeAll = isTrue(o.settings.get(REUSE_SOURCE_MERGE_KEY), false);
  // Reads of one table with the same options (OPTIONS hints) are candidates.
  const byTable = new Map<string, SourceNode[]>();
  for (const s of sources) {
    const k = `${s.table.toLowerCase()}|${sortedOptions(s.optionOverrides)}`;
    let g = byTable.get(k);
    if (!g) byTable.set(k, (g = []));
    g.push(s);
  }
  const replacedBy = new Map<number, SourceNode>();
  for (const group of byTable.values()) {
    if (group.length < 2) continue;
    const forced = mergeAll || group.some((s) => s.hints.some((h) => h.name === 'REUSE_SOURCE'));
    if (forced) {
      merge(group, replacedBy);
      continue;
    }
    if (!reuseOn) continue;
    const byDigest = new Map<string, SourceNode[]>();
    for (const s of group) {
      const d = digestOf(s);
      let g = byDigest.get(d);
      if (!g) byDigest.set(d, (g = []));
      g.push(s);
    }
    for (const same of byDigest.values()) if (same.length > 1) merge(same, replacedBy);
  }
  for (const s of sources) {
    const table = o.table(s.table)!;
    if (s.pushdown || (s.reads ?? 1) > 1) s.label = sourceLabel(s, table);
  }
  if (replacedBy.size === 0) return nodes;
  for (const n of nodes) n.inputs = n.inputs.map((i) => replacedBy.get(i)?.id ?? i);
  return nodes.filter((n) => !replacedBy.has(n.id));
}

/** Makes `group[0]` the one source of the group: the union of the columns, the OR of the filters. */
function merge(group: readonly SourceNode[], replacedBy: Map<number, SourceNode>): void {
  const kept = group[0]!;
  const cols = new Set<number>();
  const filters: BoundExpr[] = [];
  const seen = new Set<string>();
  let unfiltered = false;
  let reads = 0;
  for (const s of group) {
    reads += s.reads ?? 1;
    const p = s.pushdown;
    if (p) for (const c of p.projection) cols.add(c);
    if (!p?.filter) unfiltered = true;
    else if (!seen.has(exprKey(p.filter))) {
      seen.add(exprKey(p.filter));
      filters.push(p.filter);
    }
    if (s !== kept) {
      replacedBy.set(s.id, kept);
      for (const h of s.hints) if (!kept.hints.some((k) => k.name === h.name)) kept.hints.push(h);
      kept.parallelism = Math.max(kept.parallelism, s.parallelism);
    }
  }
  if (kept.pushdown) kept.pushdown = { projection: [...cols].sort((a, b) => a - b), filter: unfiltered ? null : conjunction(filters, 'or') };
  kept.reads = reads;
}

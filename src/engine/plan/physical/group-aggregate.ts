// GroupAggregate: streaming GROUP BY with retraction, and SELECT DISTINCT as a GroupAggregate
// with no aggregate calls. As Flink plans it, a Calc below computes the group keys (first) and
// then each distinct aggregate argument and FILTER condition once, so the aggregate itself only
// reads columns.
import type * as A from '../../sql/ast';
import type { Column } from '../../types';
import type { BoundExpr } from '../../expr/ir';
import { quoteIdent } from '../../expr/print';
import { materialized } from '../../expr/typeutil';
import { APPEND_ONLY_AGGREGATES, type AggCall, type GroupAggregateNode } from '../graph';
import { fail } from '../errors';
import { exprKey } from '../bound-exprs';
import type { JobBuilder } from '../job';
import { containsAggregate, type CollectedAgg } from '../bind/aggregates';
import { unqualified, type Rel, type ScopeCol } from '../bind/scope';
import { substituteColumns } from '../bound-exprs';
import { bindCleanupCondition, cleanupLabel, type CleanupRule } from '../state-cleanup';
import { planCalc } from './calc';
import { uniquify } from './columns';

/** A SELECT is grouped when it has GROUP BY or HAVING, or an aggregate call in its select list. */
export function matchGroupAggregate(s: A.SelectQuery): boolean {
  return s.groupBy.length > 0 || s.having !== undefined || s.items.some((i) => i.kind === 'SelectExpr' && containsAggregate(i.expr));
}

export interface GroupAggregateInput {
  /** The FROM (after WHERE) the aggregate reads. */
  input: Rel;
  /** The columns `keys` and the aggregate arguments were bound over. */
  inputCols: ScopeCol[];
  keys: BoundExpr[];
  aggs: CollectedAgg[];
  /** The bound select list over the aggregate's output (aggregates are named by their alias). */
  items: { expr: BoundExpr; name: string }[];
  stateTtlMs: number | null;
}

/** The Calc below an aggregate (keys first, then each argument and FILTER once) and the aggregate's output columns. */
export interface AggregateInput {
  pre: Rel;
  calls: AggCall[];
  /** Output columns: the keys, then one per call. */
  columns: Column[];
  /** `select=[...]` and `groupBy=[...], ` label texts. */
  selectText: string[];
  groupByText: string;
}

/** Plans the Calc an aggregate reads and names its output, for GroupAggregate and WindowAggregate alike. */
export function planAggregateInput(job: JobBuilder, g: GroupAggregateInput, keyType: (k: BoundExpr, i: number) => Column['type']): AggregateInput {
  const { keys, aggs } = g;
  const preProjections: BoundExpr[] = [];
  const preNames: string[] = [];
  const positionByExpr = new Map<string, number>();
  const addPre = (e: BoundExpr, preferredName: string | null): number => {
    const k = exprKey(e);
    const found = positionByExpr.get(k);
    if (found !== undefined) return found;
    preProjections.push(e);
    preNames.push(preferredName ?? `$f${preProjections.length - 1}`);
    positionByExpr.set(k, preProjections.length - 1);
    return preProjections.length - 1;
  };
  const columnName = (e: BoundExpr) => (e.op === 'col' ? g.inputCols[e.index]!.name : null);
  // Group keys always occupy the first positions (duplicates allowed in GROUP BY a, a).
  keys.forEach((k) => {
    preProjections.push(k);
    preNames.push(columnName(k) ?? `$f${preProjections.length - 1}`);
    if (!positionByExpr.has(exprKey(k))) positionByExpr.set(exprKey(k), preProjections.length - 1);
  });
  const calls: AggCall[] = aggs.map((a) => {
    const arg = a.arg ? addPre(a.arg, columnName(a.arg)) : null;
    const filter = a.filter ? addPre(a.filter, null) : null;
    const call: AggCall = { fn: a.fn, arg, distinct: a.distinct, filter, type: a.type, display: '' };
    if (a.separator !== undefined) call.separator = a.separator;
    return call;
  });
  const pre = planCalc(job, g.input, null, preProjections, preNames);
  const inNames = job.get(pre.node).schema.columns.map((c) => c.name);
  calls.forEach((c, i) => {
    const argText = c.arg === null ? '*' : `${c.distinct ? 'DISTINCT ' : ''}${quoteIdent(inNames[c.arg]!)}`;
    const sep = c.separator !== undefined ? `, '${c.separator.replace(/'/g, "''")}'` : '';
    c.display = `${aggs[i]!.name}(${argText}${sep})${c.filter !== null ? ` FILTER ${quoteIdent(inNames[c.filter]!)}` : ''}`;
  });

  // Output names: keys by their column names, aggregates by their select alias.
  const outNames: string[] = keys.map((k, i) => columnName(k) ?? `EXPR$${i}`);
  calls.forEach((_, j) => {
    const item = g.items.find((it) => it.expr.op === 'col' && it.expr.index === keys.length + j);
    outNames.push(item?.name ?? `EXPR$${keys.length + j}`);
  });
  const uniqueNames = uniquify(outNames);
  const columns: Column[] = [...keys.map((k, i) => ({ name: uniqueNames[i]!, type: keyType(k, i) })), ...calls.map((c, j) => ({ name: uniqueNames[keys.length + j]!, type: c.type }))];
  const selectText = columns.map((c, i) => (i < keys.length ? quoteIdent(c.name) : `${calls[i - keys.length]!.display} AS ${quoteIdent(c.name)}`));
  const groupByText = keys.length > 0 ? `groupBy=[${columns.slice(0, keys.length).map((c) => quoteIdent(c.name)).join(', ')}], ` : '';
  return { pre, calls, columns, selectText, groupByText };
}

/** Plans the Calc below and the GroupAggregate; the output row is the keys, then one column per aggregate. */
export function planGroupAggregate(job: JobBuilder, g: GroupAggregateInput): { node: GroupAggregateNode; rel: Rel } {
  // A group key is a plain value, even when it was a time attribute.
  const { pre, calls, columns, selectText, groupByText } = planAggregateInput(job, g, (k) => materialized(k.type));
  const keys = g.keys;
  // Flink's FIRST_VALUE / LAST_VALUE / LISTAGG over an updating input keep every value to retract
  // (the *WithRetract functions); Freshet keeps one value, so it needs an insert-only input.
  const changes = job.changes.of(pre.node);
  const appendOnly = g.aggs.find((a) => APPEND_ONLY_AGGREGATES.includes(a.fn));
  if (appendOnly && (changes.updates || changes.deletes)) {
    fail(`not supported yet: ${appendOnly.name} over an updating input (Freshet runs it over an insert-only input)`, appendOnly.span!, 'unsupported');
  }
  const node = job.add<GroupAggregateNode>({
    kind: 'GroupAggregate',
    inputs: [pre.node],
    schema: { columns },
    uniqueKey: keys.map((_, i) => i),
    parallelism: job.parallelism,
    hints: [],
    label: `GroupAggregate(${groupByText}select=[${selectText.join(', ')}])`,
    groupKeys: keys.map((_, i) => i),
    aggs: calls,
    stateTtlMs: g.stateTtlMs,
    cleanupCondition: null,
  });
  return { node, rel: { node: node.id, cols: unqualified(columns) } };
}

/**
 * STATE_CLEANUP on the aggregation: the condition names the SELECT list's output columns (and
 * group keys the list leaves out); it is bound over them, then rewritten over the aggregate's
 * output row, which the runtime checks after each update of a group. The ttl was already planned
 * as the node's stateTtlMs.
 */
export function applyAggregateCleanup(node: GroupAggregateNode, rule: CleanupRule, items: { expr: BoundExpr; name: string }[]): void {
  const columns = node.schema.columns;
  if (rule.condition !== null) {
    const named = new Set(items.map((i) => i.name.toLowerCase()));
    const unlisted = columns.map((c, index) => ({ c, index })).filter(({ c }) => !named.has(c.name.toLowerCase()));
    const scopeCols: ScopeCol[] = [...unqualified(items.map((i) => ({ name: i.name, type: i.expr.type }))), ...unqualified(unlisted.map(({ c }) => c))];
    const overSelectList = bindCleanupCondition(rule.condition, { cols: scopeCols });
    const projections: BoundExpr[] = [...items.map((i) => i.expr), ...unlisted.map(({ c, index }): BoundExpr => ({ op: 'col', index, type: c.type }))];
    node.cleanupCondition = substituteColumns(overSelectList, projections);
  }
  const text = cleanupLabel(rule.ttlText, node.cleanupCondition, columns.map((c) => c.name));
  node.label = `${node.label.slice(0, -1)}, stateCleanup=[${text}])`;
}

/** SELECT DISTINCT: every column is a group key. */
export function planDistinct(job: JobBuilder, input: Rel): Rel {
  const inputNode = job.get(input.node);
  const names = inputNode.schema.columns.map((c) => quoteIdent(c.name)).join(', ');
  const schema = { columns: inputNode.schema.columns.map((c) => ({ ...c, type: materialized(c.type) })) };
  const node = job.add<GroupAggregateNode>({
    kind: 'GroupAggregate',
    inputs: [input.node],
    schema,
    uniqueKey: input.cols.map((_, i) => i),
    parallelism: job.parallelism,
    hints: [],
    label: `GroupAggregate(groupBy=[${names}], select=[${names}])`,
    groupKeys: input.cols.map((_, i) => i),
    aggs: [],
    stateTtlMs: null,
    cleanupCondition: null,
  });
  return { node: node.id, cols: input.cols.map((c) => ({ ...c, type: materialized(c.type), hidden: false })) };
}

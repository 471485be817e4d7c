// Binding a SELECT: its FROM, WHERE (what the joins did not take), the select list, and for a
// grouped query its GROUP BY keys, aggregates and HAVING; then DISTINCT and the SELECT's hints.
import type * as A from '../../sql/ast';
import type { BoundExpr } from '../../expr/ir';
import type { WindowTableFunctionNode } from '../graph';
import { andAll, exprKey } from '../bound-exprs';
import { BindError, fail } from '../errors';
import { applySelectHints, claimAggregateCleanup, claimStateTtl, finishSelectHints, readSelectHints, type SelectHints } from '../hints';
import { applyAggregateCleanup, matchGroupAggregate, planDistinct, planGroupAggregate } from '../physical/group-aggregate';
import { planCalc } from '../physical/calc';
import { identityProjections } from '../physical/columns';
import { planEmptyRow } from '../physical/values';
import { matchWindowAggregate, planWindowAggregate } from '../physical/window-aggregate';
import { materialized } from '../../expr/typeutil';
import { AggContext, containsAggregate } from './aggregates';
import type { QueryContext } from './context';
import type { CteScope } from './cte';
import { ExprBinder, splitConjuncts } from './expr';
import { findGroupWindow, rewriteGroupWindow } from './group-window';
import { claimRankLimit, qualifyRank } from './rank';
import { isRowNumberOver, matchRank, planRank } from '../physical/rank';
import { bindFrom } from './from';
import type { Rel, Scope, ScopeCol, WindowColumns } from './scope';
import { pendingWhere } from './where-pushdown';
import { overCalls, planOverSelect } from './over';

/** A bound select-list item and its output name. */
interface SelectItem {
  expr: BoundExpr;
  name: string;
}

export function bindSelect(ctx: QueryContext, s: A.SelectQuery, ctes: CteScope): Rel {
  const hints = readSelectHints(s.hints, ctx.warn);
  const pending = pendingWhere(s.where);
  claimRankLimit(s, pending, ctx.rankLimits);
  const from: Rel = s.from ? bindFrom(ctx, s.from, ctes, pending, hints) : planEmptyRow(ctx.job);
  const scope: Scope = { cols: from.cols };
  const whereBinder = new ExprBinder(scope, 'WHERE');
  const filters: BoundExpr[] = [];
  for (const p of pending) {
    // Pushed-down conjuncts are bound again over the whole FROM to report ambiguity.
    const b = whereBinder.bindBoolean(p.expr, 'the WHERE condition');
    if (!p.used) filters.push(b);
  }
  const filter = andAll(filters);

  let rel: Rel;
  const rowNumber = s.items.find((i): i is A.SelectExprItem => i.kind === 'SelectExpr' && isRowNumberOver(i.expr));
  if (s.qualify && matchGroupAggregate(s)) fail('not supported yet: QUALIFY in a grouped query', s.qualify.span, 'unsupported');
  if (s.qualify) {
    const q = qualifyRank(s, splitConjuncts, (m, span) => fail(m, span, 'unsupported'));
    rel = bindRankSelect(ctx, s, from, filter, scope, q.call, q.item, q.rankEnd);
    applySelectHints(hints, null, ctx.warn);
  } else if (rowNumber && !matchGroupAggregate(s)) {
    rel = bindRankSelect(ctx, s, from, filter, scope, rowNumber.expr as A.FunctionCall, rowNumber, ctx.rankLimits.get(s));
    applySelectHints(hints, null, ctx.warn);
  } else if (!matchGroupAggregate(s) && overCalls(s).length > 0) {
    const over = planOverSelect(ctx, s, from, filter, scope);
    const items = expandItems(s.items, scope, over.binder, null);
    rel = planCalc(ctx.job, over.rel, null, items.map((i) => i.expr), items.map((i) => i.name));
    applySelectHints(hints, null, ctx.warn);
  } else if (!matchGroupAggregate(s)) {
    const items = expandItems(s.items, scope, new ExprBinder(scope, 'SELECT'), null);
    rel = planCalc(ctx.job, from, filter, items.map((i) => i.expr), items.map((i) => i.name));
    applySelectHints(hints, null, ctx.warn);
  } else {
    let base = filter ? planCalc(ctx.job, from, filter, identityProjections(from.cols), from.cols.map((c) => c.name), { keepQualifiers: true }) : from;
    let query = s;
    let groupScope = scope;
    let window = from.window;
    // GROUP BY TUMBLE(ts, ...): the legacy group window, planned on a windowing TVF.
    const groupWindow = findGroupWindow(s);
    if (groupWindow) {
      const rewritten = rewriteGroupWindow(ctx, s, groupWindow, base);
      base = rewritten.rel;
      query = rewritten.query;
      groupScope = { cols: base.cols };
      window = base.window;
    }
    rel = bindGroupedSelect(ctx, query, base, groupScope, hints, window);
  }
  if (s.distinct) rel = planDistinct(ctx.job, rel);
  if (from.window?.spec.kind === 'SESSION' && !(ctx.job.get(from.window.tvfNode) as WindowTableFunctionNode).dropLateRecords) {
    fail('not supported yet: a SESSION window TVF without a window aggregation (GROUP BY window_start, window_end) after it', s.from!.span, 'unsupported');
  }
  finishSelectHints(hints, ctx.warn);
  return rel;
}

/** A select list with ROW_NUMBER() OVER: a Rank (or Deduplicate) over the FROM, then the select list over its output. */
function bindRankSelect(ctx: QueryContext, s: A.SelectQuery, from: Rel, filter: BoundExpr | null, scope: Scope, call: A.FunctionCall, rowNumber: A.SelectExprItem | null, rankEnd: number | undefined): Rel {
  const base = filter ? planCalc(ctx.job, from, filter, identityProjections(from.cols), from.cols.map((c) => c.name), { keepQualifiers: true }) : from;
  const binder = new ExprBinder(scope, 'SELECT');
  const partition = call.over!.partitionBy.map((p) => binder.bind(p));
  const order = call.over!.orderBy.map((o) => binder.bind(o.expr));
  const ranked = planRank(ctx.job, matchRank(ctx.job, call, base, partition, order, rankEnd), base);
  const rnIndex = ranked.cols.length - 1;
  const items: SelectItem[] = [];
  s.items.forEach((item, pos) => {
    if (item === rowNumber) items.push({ expr: { op: 'col', index: rnIndex, type: ranked.cols[rnIndex]!.type }, name: item.alias?.name ?? `EXPR$${pos}` });
    else if (item.kind === 'SelectExpr' && isRowNumberOver(item.expr)) fail('only one ROW_NUMBER() OVER per query is supported', item.span, 'unsupported');
    else items.push(...expandItems([item], scope, binder, null));
  });
  return planCalc(ctx.job, ranked, null, items.map((i) => i.expr), items.map((i) => i.name));
}

/** GROUP BY keys, then the select list and HAVING over the aggregate's output. */
function bindGroupedSelect(ctx: QueryContext, s: A.SelectQuery, base: Rel, scope: Scope, hints: SelectHints, window: WindowColumns | undefined): Rel {
  const keyBinder = new ExprBinder(scope, 'GROUP BY');
  const keys: BoundExpr[] = s.groupBy.map((g) => {
    try {
      return keyBinder.bind(g);
    } catch (e) {
      // GROUP BY a select alias, as many engines allow.
      if (e instanceof BindError && e.reason === 'unknown-column' && g.kind === 'ColumnRef' && !g.qualifier) {
        const item = s.items.find((i) => i.kind === 'SelectExpr' && i.alias?.name.toLowerCase() === g.name.name.toLowerCase());
        if (item && item.kind === 'SelectExpr' && !containsAggregate(item.expr)) return keyBinder.bind(item.expr);
      }
      throw e;
    }
  });
  const windowed = matchWindowAggregate(window, keys);
  const agg = new AggContext(keys);
  // Over the aggregate's output, a key is a plain value; window_time of a window aggregation stays a time attribute.
  agg.keyTypes.forEach((t, i) => (agg.keyTypes[i] = windowed && i === windowed.windowTimeKey ? t : materialized(t)));
  const binder = new ExprBinder(scope, 'SELECT', agg);
  const items = expandItems(s.items, scope, binder, agg);
  const having = s.having ? binder.bindBoolean(s.having, 'the HAVING condition') : null;
  const input = { input: base, inputCols: scope.cols, keys, aggs: agg.aggs, items, stateTtlMs: claimStateTtl(hints, base.alias) };
  if (windowed) {
    const { rel } = planWindowAggregate(ctx.job, windowed, input);
    applySelectHints(hints, null, ctx.warn);
    return planCalc(ctx.job, rel, having, items.map((i) => i.expr), items.map((i) => i.name));
  }
  const cleanup = claimAggregateCleanup(hints);
  const { node, rel } = planGroupAggregate(ctx.job, { ...input, stateTtlMs: cleanup?.ttlMs ?? input.stateTtlMs });
  if (cleanup) applyAggregateCleanup(node, cleanup, items);
  applySelectHints(hints, node, ctx.warn);
  return planCalc(ctx.job, rel, having, items.map((i) => i.expr), items.map((i) => i.name));
}

/** Binds the select list, expanding `*` and `t.*`; with `agg`, over the aggregate's output. */
function expandItems(items: A.SelectItem[], scope: Scope, binder: ExprBinder, agg: AggContext | null): SelectItem[] {
  const out: SelectItem[] = [];
  items.forEach((item, pos) => {
    if (item.kind === 'Star') {
      const q = item.qualifier?.name.toLowerCase();
      const starred = scope.cols.map((c, i) => ({ c, i })).filter(({ c }) => (q === undefined ? !c.hidden : c.qualifier === q));
      if (q !== undefined && starred.length === 0) fail(`unknown table or alias '${item.qualifier!.name}'`, item.span, 'unknown-table');
      for (const { c, i } of starred) {
        let expr: BoundExpr = { op: 'col', index: i, type: c.type };
        if (agg) {
          const k = agg.keyIndex.get(exprKey(expr));
          if (k === undefined) fail(`column '${c.name}' must appear in GROUP BY or be used in an aggregate function`, item.span, 'not-grouped');
          expr = { op: 'col', index: k, type: c.type };
        }
        out.push({ expr, name: c.name });
      }
      return;
    }
    const expr = binder.bind(item.expr);
    const name = item.alias ? item.alias.name : item.expr.kind === 'ColumnRef' ? resolvedName(item.expr, scope.cols) : `EXPR$${pos}`;
    out.push({ expr, name });
  });
  return out;
}

/** A column reference's output name as the column is spelled in its table, not in the query. */
function resolvedName(e: A.ColumnRef, cols: ScopeCol[]): string {
  const q = e.qualifier?.name.toLowerCase();
  const c = cols.find((x) => x.name.toLowerCase() === e.name.name.toLowerCase() && (q === undefined ? !x.hidden : x.qualifier === q));
  return c?.name ?? e.name.name;
}

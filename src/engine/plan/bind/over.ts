// Binding a select list with OVER aggregations (`SUM(x) OVER w`, `LAG(x) OVER (...)`): resolves
// each call's window (a name of the WINDOW clause, possibly refined in place), checks that all
// calls share one window (Flink: "All aggregates must be computed on the same window."), binds
// the calls' arguments, and plans a Calc computing what is not a column (arguments, FILTERs,
// PARTITION BY expressions) after the input's columns, then the OverAggregate. The select list
// then binds over the OverAggregate's output, each call reading its column (ExprBinder.over).
import type * as A from '../../sql/ast';
import type { BoundExpr } from '../../expr/ir';
import type { Value } from '../../types';
import { quoteIdent } from '../../expr/print';
import { materialized } from '../../expr/typeutil';
import type { OverAggCall } from '../graph';
import { exprKey } from '../bound-exprs';
import { fail } from '../errors';
import { planCalc } from '../physical/calc';
import { identityProjections } from '../physical/columns';
import { checkOffsetFunction, matchOverAggregate, planOverAggregate, type ResolvedWindow } from '../physical/over-aggregate';
import { AGGREGATES } from '../signatures';
import { AggContext, bindAggregateCall, walk } from './aggregates';
import type { QueryContext } from './context';
import { ExprBinder } from './expr';
import type { Rel, Scope } from './scope';

const OFFSET_FUNCTIONS = ['LAG', 'LEAD'];

/** The `f(...) OVER ...` calls of a select list, in order (ROW_NUMBER is a Rank, see rank.ts). */
export function overCalls(s: A.SelectQuery): A.FunctionCall[] {
  const calls: A.FunctionCall[] = [];
  for (const item of s.items) {
    if (item.kind !== 'SelectExpr') continue;
    walk(item.expr, (e) => {
      if (e.kind === 'FunctionCall' && e.over && e.name !== 'ROW_NUMBER') calls.push(e);
    });
  }
  return calls;
}

/** A call's window with the named window it refers to merged in (Calcite: the reference gives PARTITION BY and ORDER BY, the call may add ORDER BY and the frame). */
function resolveWindow(spec: A.WindowSpec, s: A.SelectQuery, seen: Set<string> = new Set()): ResolvedWindow {
  if (!spec.ref) return { partitionBy: spec.partitionBy, orderBy: spec.orderBy, frame: spec.frame, span: spec.span };
  const name = spec.ref.name.toLowerCase();
  const named = s.windows?.find((w) => w.name.name.toLowerCase() === name);
  if (!named || seen.has(name)) fail(`Window '${spec.ref.raw}' not found`, spec.ref.span, 'unknown-column');
  seen.add(name);
  const base = resolveWindow(named.spec, s, seen);
  if (spec.partitionBy.length > 0) fail(`PARTITION BY not allowed with existing window reference`, spec.partitionBy[0]!.span, 'unsupported');
  if (spec.orderBy.length > 0 && base.orderBy.length > 0) fail(`ORDER BY not allowed in both base and referenced windows`, spec.orderBy[0]!.span, 'unsupported');
  if (spec.frame && base.frame) fail(`Referenced window cannot have framing declarations`, spec.frame.span, 'unsupported');
  return { partitionBy: base.partitionBy, orderBy: spec.orderBy.length > 0 ? spec.orderBy : base.orderBy, frame: spec.frame ?? base.frame, span: spec.span };
}

/** What identifies a window once bound: calls over equal windows share one OverAggregate. */
function windowKey(partition: BoundExpr[], order: BoundExpr[], w: ResolvedWindow): string {
  const frame = w.frame ? [w.frame.unit, w.frame.lower.kind, 'offset' in w.frame.lower ? JSON.stringify(stripSpans(w.frame.lower.offset)) : '', w.frame.upper.kind, 'offset' in w.frame.upper ? JSON.stringify(stripSpans(w.frame.upper.offset)) : ''] : [];
  return JSON.stringify([partition.map(exprKey), order.map(exprKey), w.orderBy.map((o) => o.descending), frame]);
}

function stripSpans(e: A.Expr): unknown {
  return JSON.parse(JSON.stringify(e, (k, v: unknown) => (k === 'span' || k === 'raw' ? undefined : v)));
}

/**
 * Plans the OverAggregate the select list's OVER calls read, over `from` filtered by `filter`;
 * returns it and a binder of the select list over its output.
 */
export function planOverSelect(ctx: QueryContext, s: A.SelectQuery, from: Rel, filter: BoundExpr | null, scope: Scope): { rel: Rel; binder: ExprBinder } {
  const job = ctx.job;
  const base = filter ? planCalc(job, from, filter, identityProjections(from.cols), from.cols.map((c) => c.name), { keepQualifiers: true }) : from;
  const binder = new ExprBinder(scope, 'SELECT');
  const calls = overCalls(s);
  let window: { w: ResolvedWindow; partition: BoundExpr[]; order: BoundExpr[]; key: string } | null = null;
  for (const call of calls) {
    const w = resolveWindow(call.over!, s);
    const partition = w.partitionBy.map((p) => binder.bind(p));
    const order = w.orderBy.map((o) => binder.bind(o.expr));
    const key = windowKey(partition, order, w);
    if (window === null) window = { w, partition, order, key };
    else if (window.key !== key) fail('All aggregates must be computed on the same window.', call.over!.span, 'unsupported');
  }
  const m = matchOverAggregate(job, base, window!.w, window!.order);

  // The Calc below: the input's columns, then each argument, FILTER and PARTITION BY expression once.
  const pre: BoundExpr[] = identityProjections(base.cols);
  const preNames = base.cols.map((c) => c.name);
  const position = new Map<string, number>();
  pre.forEach((e, i) => position.set(exprKey(e), i));
  const column = (e: BoundExpr): number => {
    if (e.op === 'col') return e.index;
    const k = exprKey(e);
    let at = position.get(k);
    if (at === undefined) {
      at = pre.length;
      pre.push(e);
      preNames.push(`$${at}`);
      position.set(k, at);
    }
    return at;
  };
  const partitionKeys = window!.partition.map(column);

  const planned: OverAggCall[] = [];
  const callIndex = new Map<string, number>();
  const outputOf = new Map<A.Expr, number>();
  const argText = (i: number | null) => (i === null ? '*' : quoteIdent(preNames[i]!));
  for (const call of calls) {
    let c: OverAggCall;
    if (OFFSET_FUNCTIONS.includes(call.name)) {
      checkOffsetFunction(call, m);
      c = bindLag(binder, call, column, argText);
    } else if (AGGREGATES.includes(call.name) && !['FIRST_VALUE', 'LAST_VALUE', 'LISTAGG'].includes(call.name)) {
      const agg = new AggContext([]);
      bindAggregateCall(binder, agg, call);
      const a = agg.aggs[0]!;
      const arg = a.arg ? column(a.arg) : null;
      const filterAt = a.filter ? column(a.filter) : null;
      const fn = a.fn;
      c = { fn, arg, distinct: a.distinct, filter: filterAt, type: a.type, display: `${a.name}(${a.distinct ? 'DISTINCT ' : ''}${argText(arg)})${filterAt !== null ? ` FILTER ${argText(filterAt)}` : ''}` };
    } else {
      fail(`not supported yet: ${call.name}(...) OVER (...); over aggregations run COUNT, SUM, AVG, MIN, MAX and LAG`, call.nameSpan, 'unsupported');
    }
    const key = JSON.stringify([c.fn, c.arg, c.distinct, c.filter, c.lag ?? null, c.type]);
    let j = callIndex.get(key);
    if (j === undefined) {
      j = planned.length;
      planned.push(c);
      callIndex.set(key, j);
    }
    outputOf.set(call, j);
  }

  const input = planCalc(job, base, null, pre, preNames, { keepQualifiers: false });
  const { rel } = planOverAggregate(job, input, m, partitionKeys, planned);
  const width = pre.length;
  const over = new Map<A.Expr, BoundExpr>();
  for (const [call, j] of outputOf) over.set(call, { op: 'col', index: width + j, type: planned[j]!.type });
  const selectBinder = new ExprBinder(scope, 'SELECT');
  selectBinder.over = over;
  return { rel, binder: selectBinder };
}

/** `LAG(x [, offset [, default]])`: offset a non-negative integer constant, default a constant. */
function bindLag(binder: ExprBinder, call: A.FunctionCall, column: (e: BoundExpr) => number, argText: (i: number | null) => string): OverAggCall {
  if (call.args.length < 1 || call.args.length > 3) fail(`LAG takes 1 to 3 arguments, got ${call.args.length}`, call.span, 'type-mismatch');
  const x = binder.bind(call.args[0]!);
  let offset = 1;
  const o = call.args[1];
  if (o) {
    if (o.kind !== 'Literal' || o.type !== 'number' || o.numberKind !== 'integer' || o.value < 0) fail('LAG: the offset must be a non-negative integer constant', o.span, 'type-mismatch');
    offset = o.value;
  }
  let defaultValue: Value = null;
  const d = call.args[2];
  if (d) {
    const b = binder.bind(d);
    if (b.op !== 'lit') fail('not supported yet: a LAG default that is not a constant', d.span, 'unsupported');
    defaultValue = b.value;
  }
  const arg = column(x);
  return { fn: 'LAG', arg, distinct: false, filter: null, type: { ...materialized(x.type), nullable: true }, display: `LAG(${argText(arg)}${o ? `, ${offset}` : ''})`, lag: { offset, defaultValue } };
}

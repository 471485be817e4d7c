// Aggregates in a grouped query: which expressions contain them, the grouping context that maps
// group keys and aggregate calls to the aggregate's output row, and binding one aggregate call.
import type * as A from '../../sql/ast';
import type { DataType } from '../../types';
import type { BoundExpr } from '../../expr/ir';
import type { AggFunction } from '../graph';
import { familyOf, isNumeric, mk } from '../../expr/typeutil';
import { boundNodeCount, exprKey } from '../bound-exprs';
import { fail } from '../errors';
import { AGGREGATES, UNSUPPORTED_AGGREGATES } from '../signatures';
import { typeText } from './construct';
import type { ExprBinder } from './expr';
import { VARIANCE_AGGREGATES, bindVarianceCall } from './variance';

/** An aggregate call found while binding SELECT/HAVING of a grouped query. */
export interface CollectedAgg {
  fn: AggFunction;
  distinct: boolean;
  /** Argument over the FROM scope; null for COUNT(*). */
  arg: BoundExpr | null;
  filter: BoundExpr | null;
  type: DataType;
  /** SQL name as written, upper case, for labels. */
  name: string;
  /** LISTAGG's separator. */
  separator?: string;
  /** Where the call stands (an append-only aggregate over an updating input is an error there). */
  span?: import('../../types').Span;
}

/** Grouping context: binds aggregates and group keys to the aggregate's output row. */
export class AggContext {
  readonly keyIndex = new Map<string, number>();
  readonly keyTypes: DataType[] = [];
  readonly aggs: CollectedAgg[] = [];
  private readonly aggIndex = new Map<string, number>();
  /** Nodes of the largest key: a bigger expression cannot be one (see astAtLeast). */
  readonly maxKeyNodes: number;
  constructor(readonly keys: BoundExpr[]) {
    this.maxKeyNodes = Math.max(0, ...keys.map(boundNodeCount));
    keys.forEach((k, i) => {
      if (!this.keyIndex.has(exprKey(k))) this.keyIndex.set(exprKey(k), i);
      this.keyTypes.push(k.type);
    });
  }
  addAgg(a: CollectedAgg): number {
    const key = `${a.fn}|${a.distinct}|${a.arg ? exprKey(a.arg) : '*'}|${a.filter ? exprKey(a.filter) : ''}|${a.separator ?? ''}`;
    const found = this.aggIndex.get(key);
    if (found !== undefined) return found;
    this.aggs.push(a);
    this.aggIndex.set(key, this.aggs.length - 1);
    return this.aggs.length - 1;
  }
}

/** Why an aggregate may not appear in a clause, completing "aggregate function SUM ...". */
export const CLAUSE_AGG_MESSAGE: Record<string, string> = {
  WHERE: 'is not allowed in WHERE; filter groups with HAVING',
  ON: 'is not allowed in a join condition',
  'GROUP BY': 'is not allowed in GROUP BY',
  VALUES: 'is not allowed in VALUES',
  aggregate: 'cannot be nested inside another aggregate function',
  'SELECT': 'is not allowed here',
};

/** An aggregate call of a GROUP BY (an aggregate with OVER is an over aggregation, see over.ts). */
export function isAggregateCall(e: A.Expr): boolean {
  return e.kind === 'FunctionCall' && !e.over && (AGGREGATES.includes(e.name) || UNSUPPORTED_AGGREGATES.includes(e.name) || VARIANCE_AGGREGATES.includes(e.name));
}

/** Whether an expression contains an aggregate call (not looking into subqueries). */
export function containsAggregate(e: A.Expr): boolean {
  let found = false;
  walk(e, (x) => {
    if (isAggregateCall(x)) found = true;
    return found;
  });
  return found;
}

export function containsColumn(e: A.Expr): boolean {
  let found = false;
  walk(e, (x) => {
    if (x.kind === 'ColumnRef') found = true;
    return found;
  });
  return found;
}

/**
 * Whether `e` binds to more than `limit` nodes, judged from the syntax alone: every node but a
 * unary operator and an AND / OR (which binding folds away or merges) binds to one node or more.
 * Stops counting past the limit, so asking of each level of a long chain stays cheap.
 */
export function astAtLeast(e: A.Expr, limit: number): boolean {
  let count = 0;
  let over = false;
  walk(e, (x) => {
    if (x.kind === 'Unary' || (x.kind === 'Binary' && (x.op === 'AND' || x.op === 'OR'))) return;
    if (++count > limit) over = true;
    return over;
  });
  return over;
}

/**
 * Calls `f` on `e` and every expression inside it (not into subqueries), with an explicit stack:
 * operator chains run deep. Stops as soon as `f` returns true.
 */
export function walk(root: A.Expr, f: (e: A.Expr) => boolean | void): void {
  const stack: A.Expr[] = [root];
  const push = (x: A.Expr | undefined) => {
    if (x) stack.push(x);
  };
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (f(e) === true) return;
    switch (e.kind) {
      case 'Unary':
        push(e.operand);
        break;
      case 'Binary':
      case 'IsDistinctFrom':
        push(e.right);
        push(e.left);
        break;
      case 'IsNull':
      case 'IsTruth':
      case 'Extract':
      case 'FloorCeilTo':
      case 'Cast':
      case 'InSubquery':
        push(e.expr);
        break;
      case 'InList':
        for (let i = e.list.length - 1; i >= 0; i--) push(e.list[i]);
        push(e.expr);
        break;
      case 'Between':
        push(e.high);
        push(e.low);
        push(e.expr);
        break;
      case 'Like':
        push(e.escape);
        push(e.pattern);
        push(e.expr);
        break;
      case 'Case':
        push(e.else);
        for (let i = e.whens.length - 1; i >= 0; i--) {
          push(e.whens[i]!.then);
          push(e.whens[i]!.when);
        }
        push(e.operand);
        break;
      case 'FunctionCall':
        push(e.filter);
        for (let i = e.args.length - 1; i >= 0; i--) push(e.args[i]);
        break;
      case 'TimestampDiff':
      case 'TimestampAdd':
        push(e.b);
        push(e.a);
        break;
      default:
        break;
    }
  }
}

/** Binds an aggregate call of a grouped SELECT/HAVING to its column in the aggregate's output. */
export function bindAggregateCall(binder: ExprBinder, agg: AggContext, e: A.FunctionCall): BoundExpr {
  if (UNSUPPORTED_AGGREGATES.includes(e.name)) fail(`not supported yet: aggregate function ${e.name}`, e.span, 'unsupported');
  if (VARIANCE_AGGREGATES.includes(e.name)) return bindVarianceCall(binder, e);
  const inner = binder.plain('aggregate');
  let fn: AggFunction;
  let arg: BoundExpr | null = null;
  if (e.star) {
    if (e.name !== 'COUNT') fail(`${e.name}(*) is not valid; only COUNT(*)`, e.span, 'type-mismatch');
    fn = 'COUNT_STAR';
  } else {
    const max = e.name === 'LISTAGG' ? 2 : 1;
    if (e.args.length < 1 || e.args.length > max) fail(`${e.name} takes ${max === 1 ? '1 argument' : '1 or 2 arguments'}, got ${e.args.length}`, e.span, 'type-mismatch');
    arg = inner.bind(e.args[0]!);
    fn = e.name as AggFunction;
  }
  let separator: string | undefined;
  if (fn === 'LISTAGG') {
    if (e.distinct) fail('not supported yet: LISTAGG(DISTINCT ...)', e.span, 'unsupported');
    const f = familyOf(arg!.type);
    if (f !== 'string' && f !== 'null') fail(`LISTAGG needs a string argument, found ${typeText(arg!.type)}`, e.args[0]!.span, 'type-mismatch');
    if (e.args[1]) {
      const sep = inner.bind(e.args[1]);
      if (sep.op !== 'lit' || typeof sep.value !== 'string') fail('the separator of LISTAGG must be a string literal', e.args[1].span, 'type-mismatch');
      separator = sep.value;
    }
  }
  const filter = e.filter ? inner.bindBoolean(e.filter, 'FILTER (WHERE ...)') : null;
  let type: DataType;
  const at = arg?.type;
  switch (fn) {
    case 'COUNT_STAR':
    case 'COUNT':
      type = mk('BIGINT', false);
      break;
    case 'SUM':
    case 'AVG': {
      if (!at || (!isNumeric(at) && familyOf(at) !== 'null')) {
        fail(`${fn} needs a numeric argument, found ${at ? typeText(at) : '*'}`, e.span, 'type-mismatch');
      }
      // Flink: SUM/AVG of an integer type keep that type (AVG(INT) is an INT);
      // DECIMAL(p, s) sums to DECIMAL(38, s) and averages to DECIMAL(38, max(6, s)).
      if (at.name === 'DECIMAL') type = mk('DECIMAL', true, 38, fn === 'SUM' ? at.scale ?? 0 : Math.max(6, at.scale ?? 0));
      else if (familyOf(at) === 'null') type = mk('INT', true);
      else type = { ...at, nullable: true };
      break;
    }
    case 'MIN':
    case 'MAX':
    case 'FIRST_VALUE':
    case 'LAST_VALUE':
      type = { ...at!, nullable: true };
      break;
    case 'LISTAGG':
      type = mk('STRING', true);
      break;
  }
  const collected: CollectedAgg = { fn, distinct: e.distinct, arg, filter, type, name: e.name, span: e.span };
  if (separator !== undefined) collected.separator = separator;
  const idx = agg.addAgg(collected);
  return { op: 'col', index: agg.keys.length + idx, type };
}

// STDDEV_POP, STDDEV_SAMP (STDDEV), VAR_POP and VAR_SAMP (VARIANCE) as Flink plans them: Calcite's
// AggregateReduceFunctionsRule rewrites each into SUM(x * x), SUM(x) and COUNT(x) with the
// argument cast to the result type, and a final expression:
//   VAR_POP  = (SUM(x*x) - SUM(x) * SUM(x) / COUNT(x)) / COUNT(x)
//   VAR_SAMP = (SUM(x*x) - SUM(x) * SUM(x) / COUNT(x)) / CASE COUNT(x) WHEN 1 THEN NULL ELSE COUNT(x) - 1 END
//   STDDEV_* = POWER(VAR_*, 0.5)
// cast to the result type, which is the argument's (so STDDEV_POP of an INT is an INT computed in
// INT arithmetic, as in Flink) or DECIMAL(38, max(6, s)). Being plain SUMs and COUNTs, they
// retract and run in group and window aggregations like any SUM; DISTINCT is not supported yet.
import type * as A from '../../sql/ast';
import type { DataType } from '../../types';
import type { BoundExpr } from '../../expr/ir';
import { familyOf, isNumeric, mk } from '../../expr/typeutil';
import { fail } from '../errors';
import { typeText } from './construct';
import type { ExprBinder } from './expr';

export const VARIANCE_AGGREGATES = ['STDDEV_POP', 'STDDEV_SAMP', 'STDDEV', 'VAR_POP', 'VAR_SAMP', 'VARIANCE'];

export function bindVarianceCall(binder: ExprBinder, e: A.FunctionCall): BoundExpr {
  if (e.star || e.args.length !== 1) fail(`${e.name} takes 1 argument`, e.span, 'type-mismatch');
  // SUM(DISTINCT x * x) would merge x and -x: not the variance of the distinct values.
  if (e.distinct) fail(`not supported yet: ${e.name}(DISTINCT ...); aggregate the distinct values in a subquery first`, e.span, 'unsupported');
  const arg = binder.plain('aggregate').bind(e.args[0]!);
  if (!isNumeric(arg.type) && familyOf(arg.type) !== 'null') fail(`${e.name} needs a numeric argument, found ${typeText(arg.type)}`, e.span, 'type-mismatch');
  const type: DataType = arg.type.name === 'DECIMAL' ? mk('DECIMAL', true, 38, Math.max(6, arg.type.scale ?? 0)) : familyOf(arg.type) === 'null' ? mk('DOUBLE', true) : { ...arg.type, nullable: true };
  const span = e.span;
  const x: A.Expr = { kind: 'Cast', expr: e.args[0]!, type, typeSpan: span, safe: false, span };
  const agg = (name: string, operand: A.Expr): A.Expr => ({
    kind: 'FunctionCall', name, nameSpan: e.nameSpan, args: [operand], distinct: false, star: false, ...(e.filter ? { filter: e.filter } : {}), span,
  });
  const bin = (op: string, left: A.Expr, right: A.Expr): A.Expr => ({ kind: 'Binary', op, left, right, span }) as A.Expr;
  const num = (n: number): A.Expr => ({ kind: 'Literal', type: 'number', value: n, raw: String(n), numberKind: Number.isInteger(n) ? 'integer' : 'decimal', span });
  const count = agg('COUNT', e.args[0]!);
  const sum = agg('SUM', x);
  const diff = bin('-', agg('SUM', bin('*', x, x)), bin('/', bin('*', sum, sum), count));
  const population = e.name === 'STDDEV_POP' || e.name === 'VAR_POP';
  const denominator: A.Expr = population
    ? count
    : { kind: 'Case', whens: [{ when: bin('=', count, num(1)), then: { kind: 'Literal', type: 'null', raw: 'NULL', span } as A.Expr, span }], else: bin('-', count, num(1)), span };
  let result = bin('/', diff, denominator);
  if (e.name.startsWith('STDDEV')) result = { kind: 'FunctionCall', name: 'POWER', nameSpan: e.nameSpan, args: [result, num(0.5)], distinct: false, star: false, span };
  return binder.bind({ kind: 'Cast', expr: result, type, typeSpan: span, safe: false, span } as A.Expr);
}

// Scalar function calls: signature lookup and arity checks, and the functions whose type unifies
// their arguments.
import type * as A from '../../sql/ast';
import type { DataType, Span } from '../../types';
import type { BoundExpr } from '../../expr/ir';
import { suggest } from '../../sql/diagnostics';
import { fail } from '../errors';
import { SIGNATURES, SPECIAL_FUNCTIONS, allFunctionNames, commonType } from '../signatures';
import { CLAUSE_AGG_MESSAGE, isAggregateCall } from './aggregates';
import { call, typeText } from './construct';
import { checkConstantPattern } from '../../expr/functions';
import type { ExprBinder } from './expr';
import { bindJsonFunction } from './json-functions';
import { FLINK_FUNCTIONS, flinkFunctionCategory } from '../flink-functions';

/** Functions whose runtime failure (division by zero, a too long result) names where they stand. */
const LOCATED_FUNCTIONS = new Set(['mod', 'repeat', 'lpad', 'rpad', 'date_format', 'from_unixtime', 'regexp', 'regexp_extract', 'regexp_replace', 'similar', 'json_value', 'json_query', 'json_exists', 'convert_tz']);
/** Functions whose second argument is a Java regular expression, checked when it is a constant. */
const PATTERN_FUNCTIONS = new Set(['regexp', 'regexp_extract', 'regexp_replace']);

/** Binds a scalar function call against its signature (aggregates are bound by bindAggregateCall). */
export function bindFunctionCall(binder: ExprBinder, e: A.FunctionCall): BoundExpr {
  if (isAggregateCall(e)) {
    return fail(`aggregate function ${e.name} ${CLAUSE_AGG_MESSAGE[binder.clause] ?? 'is not allowed here'}`, e.span, 'misplaced-aggregate');
  }
  if (e.distinct || e.star || e.filter) fail(`${e.name} is not an aggregate function; DISTINCT, * and FILTER apply to aggregates only`, e.span, 'type-mismatch');
  if (SPECIAL_FUNCTIONS.includes(e.name)) return bindSpecialFunction(binder, e);
  if (e.name === 'JSON_VALUE' || e.name === 'JSON_QUERY' || e.name === 'JSON_EXISTS') return bindJsonFunction(binder, e);
  if (e.name === 'CURRENT_TIME' || e.name === 'LOCALTIME') fail(`not supported: ${e.name} (Freshet has no TIME type)`, e.span, 'unsupported');
  const sig = SIGNATURES.get(e.name);
  if (!sig && /^(TUMBLE|HOP|SESSION|CUMULATE)(_START|_END|_ROWTIME|_PROCTIME)?$/.test(e.name)) {
    const groupWindow = e.name.split('_')[0]!;
    fail(
      e.name.includes('_')
        ? `${e.name} names the group window of a GROUP BY ${groupWindow}(...) with the same arguments; for a windowing TVF use window_start, window_end and window_time`
        : `${e.name}(...) is a window: write it in GROUP BY (a group window) or in FROM as TABLE(${e.name}(TABLE t, DESCRIPTOR(ts), ...))`,
      e.nameSpan,
      'window',
    );
  }
  if (!sig && FLINK_FUNCTIONS.has(e.name)) {
    const category = flinkFunctionCategory(e.name);
    const what = category === 'aggregate' ? 'aggregate function' : category === 'table' ? 'table function' : `${category} function`;
    fail(`not supported yet: Flink's built-in ${what} ${e.name}${e.over ? ' with OVER' : ''}; see docs/dialect.md for the functions Freshet runs`, e.nameSpan, 'unsupported');
  }
  if (!sig) {
    const s = suggest(e.name, allFunctionNames());
    fail(`unknown function ${e.name}${s ? `; did you mean ${s}?` : ''}`, e.nameSpan, 'unknown-function');
  }
  if (e.args.length < sig.min || e.args.length > sig.max) {
    const want = sig.min === sig.max ? `${sig.min}` : sig.max > 100 ? `at least ${sig.min}` : `${sig.min} to ${sig.max}`;
    fail(`${e.name} takes ${want} argument${want === '1' ? '' : 's'}, got ${e.args.length}`, e.span, 'type-mismatch');
  }
  const args = e.args.map((a) => binder.bind(a));
  const ret = sig.ret(args.map((a) => a.type));
  if (typeof ret === 'string') fail(`${e.name}: ${ret}`, e.span, 'type-mismatch');
  if (PATTERN_FUNCTIONS.has(sig.fn)) checkPatternLiteral(sig.fn, args[1]!, e.args[1]!.span, null);
  // PROCTIME() stays a processing-time attribute (call() would make it a plain value).
  if (sig.fn === 'proctime') return { op: 'call', fn: 'proctime', args, type: ret };
  // Functions that can fail at runtime keep where they were written, so the failure is located.
  return LOCATED_FUNCTIONS.has(sig.fn) ? { op: 'call', fn: sig.fn, args, type: ret, span: e.span } : call(sig.fn, args, ret);
}

/**
 * A constant regular expression is compiled when the script is: a pattern Java rejects, or one
 * Freshet cannot match, is an error at its place inside the string literal. (Flink runs an
 * invalid pattern and returns NULL for every row; a located error says it sooner.)
 */
export function checkPatternLiteral(fn: string, pattern: BoundExpr, span: Span, escape: string | null): void {
  if (pattern.op !== 'lit' || typeof pattern.value !== 'string') return;
  const err = checkConstantPattern(fn, pattern.value, escape);
  if (!err) return;
  const where = fn === 'similar' ? span : spanInLiteral(span, pattern.value, err.offset);
  const what = fn === 'similar' ? 'SIMILAR TO pattern' : 'regular expression';
  fail(`${what} '${pattern.value}': ${err.message}`, where, err.kind === 'invalid' ? 'type-mismatch' : 'unsupported');
}

/** The character at `offset` of a string literal's value, as a span in the script ('' counts twice). */
function spanInLiteral(literal: Span, value: string, offset: number): Span {
  let { line, column, offset: at } = literal.start;
  at++;
  column++;
  for (let i = 0; i < Math.min(offset, value.length); i++) {
    const step = value[i] === "'" ? 2 : 1;
    at += step;
    if (value[i] === '\n') {
      line++;
      column = 1;
    } else column += step;
  }
  const start = { offset: at, line, column };
  return at < literal.end.offset ? { start, end: { offset: at + 1, line, column: column + 1 } } : literal;
}

/** Functions whose result type unifies their arguments (COALESCE, IF, ...), bound here rather than by signature. */
function bindSpecialFunction(binder: ExprBinder, e: A.FunctionCall): BoundExpr {
  const n = e.args.length;
  const arity = (min: number, max: number) => {
    if (n < min || n > max) fail(`${e.name} takes ${min === max ? min : `${min} or more`} arguments, got ${n}`, e.span, 'type-mismatch');
  };
  const unify = (xs: BoundExpr[], spans: Span[]): [BoundExpr[], DataType] => {
    const t = commonType(xs.map((x) => x.type));
    if (!t) fail(`${e.name} arguments have incompatible types: ${xs.map((x) => typeText(x.type)).join(', ')}`, e.span, 'type-mismatch');
    return [xs.map((x, i) => binder.coerceValue(x, t, spans[i]!)), t];
  };
  switch (e.name) {
    case 'COALESCE': {
      arity(1, 254);
      const [xs, t] = unify(e.args.map((a) => binder.bind(a)), e.args.map((a) => a.span));
      return call('coalesce', xs, { ...t, nullable: xs.every((x) => x.type.nullable) });
    }
    case 'IFNULL': {
      arity(2, 2);
      const [xs, t] = unify(e.args.map((a) => binder.bind(a)), e.args.map((a) => a.span));
      return call('ifnull', xs, { ...t, nullable: xs.every((x) => x.type.nullable) });
    }
    case 'GREATEST':
    case 'LEAST': {
      arity(1, 254);
      const [xs, t] = unify(e.args.map((a) => binder.bind(a)), e.args.map((a) => a.span));
      return call(e.name.toLowerCase(), xs, t);
    }
    case 'IF': {
      arity(3, 3);
      const c = binder.bindBooleanOperand(e.args[0]!, 'IF');
      const [xs, t] = unify([binder.bind(e.args[1]!), binder.bind(e.args[2]!)], [e.args[1]!.span, e.args[2]!.span]);
      return call('if', [c, ...xs], t);
    }
    case 'NULLIF': {
      arity(2, 2);
      const [a, b] = binder.coerceCompare(binder.bind(e.args[0]!), binder.bind(e.args[1]!), e.span);
      return call('nullif', [a, b], { ...a.type, nullable: true });
    }
  }
  return fail(`unknown function ${e.name}`, e.nameSpan, 'unknown-function');
}

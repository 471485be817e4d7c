// Expression binding: AST expressions -> typed BoundExpr over a scope of columns. Names are
// resolved case-insensitively; every error carries the span of the offending text. Literals,
// function calls and aggregate calls are bound in their own files.
import type * as A from '../../sql/ast';
import type { DataType, Span } from '../../types';
import type { BoundExpr } from '../../expr/ir';
import { canCast, castValue, ExprError } from '../../expr/cast';
import { arithmeticType, commonNumeric, familyOf, isNumeric, mk, T } from '../../expr/typeutil';
import { reprConverter } from '../../expr/exact';
import { suggest } from '../../sql/diagnostics';
import { exprKey } from '../bound-exprs';
import { fail } from '../errors';
import { commonType } from '../signatures';
import { type AggContext, astAtLeast, bindAggregateCall, containsAggregate, containsColumn, isAggregateCall } from './aggregates';
import { booleanType, call, lit, typeText } from './construct';
import { bindFunctionCall, checkPatternLiteral } from './functions';
import { intervalValue, bindLiteral } from './literals';
import type { Scope } from './scope';

/** Splits `a AND b AND c` into its conjuncts. */
export function splitConjuncts(e: A.Expr): A.Expr[] {
  // An explicit stack, left operands first out: a generated WHERE can chain thousands of ANDs.
  const out: A.Expr[] = [];
  const stack: A.Expr[] = [e];
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (x.kind === 'Binary' && x.op === 'AND') stack.push(x.right, x.left);
    else out.push(x);
  }
  return out;
}

/** `a OR b OR c` (parsed left-deep) as [a, b, c]: the operands of one operator's chain, in written order. */
function chainOperands(e: A.BinaryExpr): A.Expr[] {
  const operands: A.Expr[] = [e.right];
  let x = e.left;
  while (x.kind === 'Binary' && x.op === e.op) {
    operands.push(x.right);
    x = x.left;
  }
  operands.push(x);
  return operands.reverse();
}

/** Chains shorter than this bind by plain recursion (the common case stays as it was). */
const LEFT_SPINE_MIN = 64;

/** Binds expressions over one scope. With an AggContext, binds against the aggregate's output. */
export class ExprBinder {
  constructor(
    readonly scope: Scope,
    readonly clause: string,
    readonly agg: AggContext | null = null,
  ) {}

  /** The output columns of an OverAggregate holding each `f(...) OVER w` call of the select list. */
  over: ReadonlyMap<A.Expr, BoundExpr> | null = null;

  /** The same scope without grouping: binds over the FROM columns (aggregate arguments, group keys). */
  plain(clause = this.clause): ExprBinder {
    return new ExprBinder(this.scope, clause, null);
  }

  bindBoolean(e: A.Expr, what: string): BoundExpr {
    const b = this.bind(e);
    const f = familyOf(b.type);
    if (f !== 'boolean' && f !== 'null') fail(`${what} must be BOOLEAN, found ${typeText(b.type)}`, e.span, 'type-mismatch');
    return b;
  }

  /**
   * Operands of a long operator chain already bound, bottom-up, by bindLeftSpine: each is taken
   * once by the bind() of its parent, so a chain binds in constant stack depth.
   */
  private prebound: Map<A.Expr, BoundExpr> | null = null;

  bind(e: A.Expr): BoundExpr {
    if (this.prebound !== null) {
      const done = this.prebound.get(e);
      if (done !== undefined) {
        this.prebound.delete(e);
        return done;
      }
    }
    const flatChain = !this.agg && e.kind === 'Binary' && (e.op === 'AND' || e.op === 'OR');
    if (e.kind === 'Binary' && e.left.kind === 'Binary' && !flatChain && !this.prebound?.has(e.left)) {
      const spine = this.bindLeftSpine(e);
      const bound = this.bindOne(e);
      // Operands a parent did not take (it matched a GROUP BY key as a whole) are dropped.
      for (const node of spine) this.prebound?.delete(node);
      return bound;
    }
    return this.bindOne(e);
  }

  /**
   * `a + b + c + ...` parses left-deep (the parser builds operator chains in a loop), so binding
   * it by recursion would take a stack frame per term. Binds the chain's left operands from the
   * innermost out instead, each exactly as recursion would (same order, same checks), and leaves
   * them for their parents to take.
   */
  private bindLeftSpine(e: A.BinaryExpr): A.Expr[] {
    const spine: A.Expr[] = [];
    for (let x: A.Expr = e.left; x.kind === 'Binary'; x = x.left) spine.push(x);
    if (spine.length < LEFT_SPINE_MIN) return [];
    this.prebound ??= new Map();
    for (let i = spine.length - 1; i >= 0; i--) {
      const node = spine[i]!;
      this.prebound.set(node, this.bindOne(node));
    }
    return spine;
  }

  private bindOne(e: A.Expr): BoundExpr {
    if (e.kind === 'FunctionCall' && e.over) {
      const overColumn = this.over?.get(e);
      if (overColumn) return overColumn;
      fail(`not supported yet: ${e.name}(...) OVER (...) here; an OVER aggregation runs in the select list of a query without GROUP BY`, e.span, 'unsupported');
    }
    if (this.agg && e.kind !== 'Literal') {
      if (isAggregateCall(e)) return bindAggregateCall(this, this.agg, e as A.FunctionCall);
      if (!containsAggregate(e) && containsColumn(e) && !astAtLeast(e, this.agg.maxKeyNodes)) {
        const b = this.plain().bind(e);
        const k = this.agg.keyIndex.get(exprKey(b));
        if (k !== undefined) return { op: 'col', index: k, type: this.agg.keyTypes[k]! };
        if (e.kind === 'ColumnRef') {
          const name = e.qualifier ? `${e.qualifier.name}.${e.name.name}` : e.name.name;
          fail(`column '${name}' must appear in GROUP BY or be used in an aggregate function`, e.span, 'not-grouped');
        }
      }
    }
    return this.bindNode(e);
  }

  private bindNode(e: A.Expr): BoundExpr {
    switch (e.kind) {
      case 'ColumnRef':
        return this.column(e);
      case 'Literal':
        return bindLiteral(e);
      case 'Unary':
        return this.unary(e);
      case 'Binary':
        return this.binary(e);
      case 'IsNull':
        return call(e.not ? 'is_not_null' : 'is_null', [this.bind(e.expr)], booleanType(false));
      case 'IsTruth': {
        const x = this.bindBooleanOperand(e.expr, 'IS TRUE/FALSE');
        const fn = e.value === null ? (e.not ? 'is_not_null' : 'is_null') : `is_${e.not ? 'not_' : ''}${e.value ? 'true' : 'false'}`;
        return call(fn, [x], booleanType(false));
      }
      case 'IsDistinctFrom': {
        const [l, r] = this.coerceCompare(this.bind(e.left), this.bind(e.right), e.span);
        return call(e.not ? 'is_not_distinct_from' : 'is_distinct_from', [l, r], booleanType(false));
      }
      case 'InList': {
        const x = this.bind(e.expr);
        const items = e.list.map((i) => this.coerceCompare(x, this.bind(i), i.span)[1]);
        const nullable = x.type.nullable || items.some((i) => i.type.nullable);
        const r = call('in', [x, ...items], booleanType(nullable));
        return e.not ? call('not', [r], booleanType(nullable)) : r;
      }
      case 'InSubquery':
        return fail('not supported: IN (subquery); use a join instead', e.span, 'unsupported');
      case 'Subquery':
        return fail('not supported: scalar subqueries; use a join instead', e.span, 'unsupported');
      case 'Exists':
        return fail('not supported: EXISTS (subquery); use a join instead', e.span, 'unsupported');
      case 'Between': {
        const x = this.bind(e.expr);
        const lo = this.coerceCompare(x, this.bind(e.low), e.low.span)[1];
        const hi = this.coerceCompare(x, this.bind(e.high), e.high.span)[1];
        const nullable = x.type.nullable || lo.type.nullable || hi.type.nullable;
        const r = call(e.symmetric ? 'between_symmetric' : 'between', [x, lo, hi], booleanType(nullable));
        return e.not ? call('not', [r], booleanType(nullable)) : r;
      }
      case 'Like': {
        const what = e.similar ? 'SIMILAR TO' : 'LIKE';
        const x = this.bindString(e.expr, what);
        const p = this.bindString(e.pattern, what);
        const args = [x, p];
        let escape: string | null = null;
        if (e.escape) {
          const esc = this.bindString(e.escape, 'ESCAPE');
          if (esc.op === 'lit' && typeof esc.value === 'string' && esc.value.length !== 1) {
            fail(`the ESCAPE of ${what} must be a single character, got '${esc.value}'`, e.escape.span, 'type-mismatch');
          }
          if (e.similar && esc.op !== 'lit') fail('the ESCAPE of SIMILAR TO must be a constant', e.escape.span, 'type-mismatch');
          if (esc.op === 'lit' && typeof esc.value === 'string') escape = esc.value;
          args.push(esc);
        }
        const nullable = args.some((a) => a.type.nullable);
        if (e.similar) checkPatternLiteral('similar', p, e.pattern.span, escape);
        const r: BoundExpr = e.similar ? { op: 'call', fn: 'similar', args, type: booleanType(nullable), span: e.span } : call('like', args, booleanType(nullable));
        return e.not ? call('not', [r], booleanType(nullable)) : r;
      }
      case 'Case':
        return this.caseExpr(e);
      case 'Cast': {
        const x = this.bind(e.expr);
        const to: DataType = { ...e.type, nullable: e.safe || x.type.nullable };
        if (!canCast(x.type, to)) fail(`cannot cast ${typeText(x.type)} to ${typeText(to)}`, e.span, 'type-mismatch');
        return e.safe ? { op: 'cast', expr: x, type: to, safe: true } : { op: 'cast', expr: x, type: to, safe: false, span: e.span };
      }
      case 'FunctionCall':
        return bindFunctionCall(this, e);
      case 'Extract': {
        const x = this.bindTemporal(e.expr, 'EXTRACT');
        return call('extract', [lit(e.field, T.STRING), x], mk('BIGINT', x.type.nullable));
      }
      case 'FloorCeilTo': {
        const x = this.bindTemporal(e.expr, e.fn);
        if (familyOf(x.type) === 'string') fail(`${e.fn}(... TO ${e.unit}) needs a DATE or TIMESTAMP`, e.expr.span, 'type-mismatch');
        return call(e.fn === 'FLOOR' ? 'floor_to' : 'ceil_to', [lit(e.unit, T.STRING), x], x.type);
      }
      case 'TimestampDiff': {
        const a = this.bindTemporal(e.a, 'TIMESTAMPDIFF');
        const b = this.bindTemporal(e.b, 'TIMESTAMPDIFF');
        return call('timestampdiff', [lit(e.unit, T.STRING), a, b], mk('INT', a.type.nullable || b.type.nullable));
      }
      case 'TimestampAdd': {
        const n = this.bind(e.a);
        if (!isNumeric(n.type) && familyOf(n.type) !== 'null') fail('TIMESTAMPADD needs a numeric amount', e.a.span, 'type-mismatch');
        const ts = this.bindTemporal(e.b, 'TIMESTAMPADD');
        const nullable = n.type.nullable || ts.type.nullable;
        const dateResult = familyOf(ts.type) === 'date' && ['YEAR', 'QUARTER', 'MONTH', 'WEEK', 'DAY'].includes(e.unit);
        const type = dateResult ? mk('DATE', nullable) : familyOf(ts.type) === 'timestamp' ? { ...ts.type, nullable } : mk('TIMESTAMP', nullable, 3);
        return call('timestampadd', [lit(e.unit, T.STRING), n, ts], type);
      }
    }
  }

  // ---- names ----

  private column(e: A.ColumnRef): BoundExpr {
    const name = e.name.name.toLowerCase();
    const cols = this.scope.cols;
    let candidates: number[];
    let tableName: string | null = null;
    if (e.qualifier) {
      const q = e.qualifier.name.toLowerCase();
      candidates = [];
      cols.forEach((c, i) => {
        if (c.qualifier === q) candidates.push(i);
      });
      if (candidates.length === 0) {
        const quals = [...new Set(cols.map((c) => c.qualifier).filter((x): x is string => x !== null))];
        const s = q.length >= 3 ? suggest(q, quals) : undefined;
        fail(`unknown table or alias '${e.qualifier.name}'${s ? `; did you mean '${s}'?` : ''}`, e.qualifier.span, 'unknown-table');
      }
      tableName = cols[candidates[0]!]!.table ?? e.qualifier.name;
    } else {
      candidates = [];
      cols.forEach((c, i) => {
        if (!c.hidden) candidates.push(i);
      });
      const tables = new Set(candidates.map((i) => cols[i]!.table));
      if (tables.size === 1) tableName = [...tables][0] ?? null;
    }
    const matches = candidates.filter((i) => cols[i]!.name.toLowerCase() === name);
    if (matches.length === 0) {
      const s = suggest(e.name.name, candidates.map((i) => cols[i]!.name));
      const where = tableName ? ` in table ${tableName}` : '';
      fail(`unknown column '${e.name.name}'${where}${s ? `; did you mean '${s}'?` : ''}`, e.span, 'unknown-column');
    }
    if (matches.length > 1) {
      const quals = matches.map((i) => `${cols[i]!.qualifier ?? '?'}.${cols[i]!.name}`);
      fail(`column '${e.name.name}' is ambiguous; qualify it as ${quals.join(' or ')}`, e.span, 'ambiguous-column');
    }
    const i = matches[0]!;
    return { op: 'col', index: i, type: cols[i]!.type };
  }

  // ---- operators ----

  private unary(e: A.UnaryExpr): BoundExpr {
    if (e.op === 'NOT') {
      const x = this.bindBooleanOperand(e.operand, 'NOT');
      return call('not', [x], x.type);
    }
    const x = this.bind(e.operand);
    if (e.op === '+') return x;
    const f = familyOf(x.type);
    if (x.op === 'lit' && typeof x.value === 'number') return lit(-x.value, x.type);
    if (!isNumeric(x.type) && f !== 'interval' && f !== 'null') fail(`cannot negate a ${typeText(x.type)}`, e.span, 'type-mismatch');
    return call('neg', [x], x.type);
  }

  bindBooleanOperand(e: A.Expr, op: string): BoundExpr {
    const x = this.bind(e);
    const f = familyOf(x.type);
    if (f !== 'boolean' && f !== 'null') fail(`${op} needs a BOOLEAN operand, found ${typeText(x.type)}`, e.span, 'type-mismatch');
    return x;
  }

  private bindString(e: A.Expr, op: string): BoundExpr {
    const x = this.bind(e);
    const f = familyOf(x.type);
    if (f !== 'string' && f !== 'null') fail(`${op} needs a string operand, found ${typeText(x.type)}`, e.span, 'type-mismatch');
    return x;
  }

  private bindTemporal(e: A.Expr, op: string): BoundExpr {
    const x = this.bind(e);
    const f = familyOf(x.type);
    if (f !== 'date' && f !== 'timestamp' && f !== 'null' && f !== 'string') {
      fail(`${op} needs a DATE or TIMESTAMP, found ${typeText(x.type)}`, e.span, 'type-mismatch');
    }
    if (f === 'string') {
      // A timestamp written as text, as Flink accepts in these functions.
      return { op: 'cast', expr: x, type: mk('TIMESTAMP', x.type.nullable, 3), safe: false };
    }
    return x;
  }

  private binary(e: A.BinaryExpr): BoundExpr {
    switch (e.op) {
      case 'AND':
      case 'OR': {
        const fn = e.op === 'AND' ? 'and' : 'or';
        // The whole chain `a OR b OR c ...` at once, operands in written order, into one n-ary
        // call: linear in the chain's length. Against an aggregate each level is bound by
        // itself, since a sub-chain may be a GROUP BY key.
        const operands = this.agg ? [e.left, e.right] : chainOperands(e);
        const args: BoundExpr[] = [];
        let nullable = false;
        for (const operand of operands) {
          const x = this.bindBooleanOperand(operand, e.op);
          nullable ||= x.type.nullable;
          if (x.op === 'call' && x.fn === fn) for (const a of x.args) args.push(a);
          else args.push(x);
        }
        return call(fn, args, booleanType(nullable));
      }
      case '=':
      case '<>':
      case '!=':
      case '<':
      case '<=':
      case '>':
      case '>=': {
        const [l, r] = this.coerceCompare(this.bind(e.left), this.bind(e.right), e.span);
        const fl = familyOf(l.type);
        if (fl === 'boolean' && e.op !== '=' && e.op !== '<>' && e.op !== '!=') {
          // ordering of booleans is allowed (false < true), as in Flink
        }
        return call(e.op === '!=' ? '<>' : e.op, [l, r], booleanType(l.type.nullable || r.type.nullable));
      }
      case '||': {
        const l = this.bind(e.left);
        const r = this.bind(e.right);
        return call('concat', [l, r], mk('STRING', l.type.nullable || r.type.nullable));
      }
      default:
        return this.arithmetic(e);
    }
  }

  private arithmetic(e: A.BinaryExpr): BoundExpr {
    const op = e.op as '+' | '-' | '*' | '/' | '%';
    // ts +/- INTERVAL 'n' MONTH|YEAR: calendar arithmetic.
    const monthsOf = (x: A.Expr) => {
      if (x.kind === 'Literal' && x.type === 'interval') {
        const v = intervalValue(x);
        if (v && 'months' in v) return v.months;
      }
      return null;
    };
    if (op === '+' || op === '-') {
      const mr = monthsOf(e.right);
      const ml = op === '+' ? monthsOf(e.left) : null;
      if (mr !== null || ml !== null) {
        const tsAst = mr !== null ? e.left : e.right;
        const months = (mr ?? ml)! * (op === '-' ? -1 : 1);
        const ts = this.bindTemporal(tsAst, `${op} INTERVAL`);
        return call('timestampadd', [lit('MONTH', T.STRING), lit(months, mk('INT', false)), ts], ts.type);
      }
    }
    const l = this.bind(e.left);
    const r = this.bind(e.right);
    const fl = familyOf(l.type);
    const fr = familyOf(r.type);
    const nullable = l.type.nullable || r.type.nullable;
    const bad = (): never => fail(`cannot apply '${op}' to ${typeText(l.type)} and ${typeText(r.type)}`, e.span, 'type-mismatch');
    if (fl === 'null' || fr === 'null') {
      const other = fl === 'null' ? r : l;
      return lit(null, { ...other.type, nullable: true, name: familyOf(other.type) === 'null' ? 'INT' : other.type.name });
    }
    if (isNumeric(l.type) && isNumeric(r.type)) {
      const type = arithmeticType(op, l.type, r.type);
      // Integer and DECIMAL division by zero fail the job: keep where it was written.
      return op === '/' || op === '%' ? { op: 'call', fn: op === '%' ? 'mod' : op, args: [l, r], type, span: e.span } : call(op, [l, r], type);
    }
    if ((fl === 'timestamp' || fl === 'date') && fr === 'interval' && (op === '+' || op === '-')) {
      return call(op, [l, r], { ...l.type, nullable });
    }
    if (fl === 'interval' && (fr === 'timestamp' || fr === 'date') && op === '+') {
      return call('+', [r, l], { ...r.type, nullable });
    }
    if (fl === 'interval' && fr === 'interval' && (op === '+' || op === '-')) return call(op, [l, r], mk('INTERVAL', nullable));
    if (fl === 'interval' && isNumeric(r.type) && (op === '*' || op === '/')) return call(op, [l, r], mk('INTERVAL', nullable));
    if (isNumeric(l.type) && fr === 'interval' && op === '*') return call(op, [r, l], mk('INTERVAL', nullable));
    if ((fl === 'timestamp' || fl === 'date') && (fr === 'timestamp' || fr === 'date') && op === '-') {
      fail('subtracting timestamps is not supported; use TIMESTAMPDIFF(unit, a, b)', e.span, 'type-mismatch');
    }
    return bad();
  }

  /** Makes two operands comparable: numeric with numeric, DATE with TIMESTAMP, string literals to the other type. */
  coerceCompare(l: BoundExpr, r: BoundExpr, span: Span): [BoundExpr, BoundExpr] {
    const fl = familyOf(l.type);
    const fr = familyOf(r.type);
    if (isNumeric(l.type) && isNumeric(r.type)) {
      // Both sides in their common type where a BIGINT / wide DECIMAL bigint would change meaning
      // (another scale, or a DOUBLE): an equi-join then matches on equal representations.
      const common = commonNumeric(l.type, r.type);
      const cast = (x: BoundExpr): BoundExpr => (reprConverter(x.type, common) === null ? x : { op: 'cast', expr: x, type: { ...common, nullable: x.type.nullable }, safe: false });
      return [cast(l), cast(r)];
    }
    if (fl === 'null' || fr === 'null' || fl === fr) return [l, r];
    if (fl === 'date' && fr === 'timestamp') return [{ op: 'cast', expr: l, type: { ...r.type, nullable: l.type.nullable }, safe: false }, r];
    if (fl === 'timestamp' && fr === 'date') return [l, { op: 'cast', expr: r, type: { ...l.type, nullable: r.type.nullable }, safe: false }];
    if (fl === 'string' && r.op !== 'lit') return [this.coerceTo(l, r.type, span), r];
    if (fr === 'string') return [l, this.coerceTo(r, l.type, span)];
    if (fl === 'string') return [this.coerceTo(l, r.type, span), r];
    return fail(`cannot compare ${typeText(l.type)} with ${typeText(r.type)}`, span, 'type-mismatch');
  }

  /** Converts a string operand to `to`: literals now (with a clear error), others at runtime (temporal only). */
  private coerceTo(x: BoundExpr, to: DataType, span: Span): BoundExpr {
    const target = familyOf(to) === 'timestamp' || familyOf(to) === 'date' || familyOf(to) === 'boolean' || isNumeric(to) ? to : null;
    if (target && x.op === 'lit') {
      try {
        return lit(castValue(x.value, x.type, target), { ...target, nullable: x.value === null });
      } catch (err) {
        if (err instanceof ExprError) fail(`cannot compare with ${typeText(to)}: '${String(x.value)}' is not a valid ${typeText(to)}`, span, 'type-mismatch');
        throw err;
      }
    }
    if (familyOf(to) === 'timestamp' || familyOf(to) === 'date') return { op: 'cast', expr: x, type: { ...to, nullable: x.type.nullable }, safe: false };
    return fail(`cannot compare ${typeText(x.type)} with ${typeText(to)}`, span, 'type-mismatch');
  }

  /**
   * Casts when the family differs. Numeric types share one representation, except a BIGINT or
   * wide DECIMAL's bigint form, whose meaning depends on the type's scale (expr/exact.ts).
   */
  coerceValue(x: BoundExpr, to: DataType, span: Span): BoundExpr {
    const fx = familyOf(x.type);
    const ft = familyOf(to);
    if (fx === 'null') return x.op === 'lit' ? lit(null, { ...to, nullable: true }) : x;
    if (isNumeric(x.type) && isNumeric(to) && reprConverter(x.type, to) !== null) return { op: 'cast', expr: x, type: { ...to, nullable: x.type.nullable }, safe: false };
    if (fx === ft || (isNumeric(x.type) && isNumeric(to) && !(ft === 'integer' && fx !== 'integer'))) return x;
    if (!canCast(x.type, to)) fail(`cannot convert ${typeText(x.type)} to ${typeText(to)}`, span, 'type-mismatch');
    return { op: 'cast', expr: x, type: { ...to, nullable: x.type.nullable }, safe: false };
  }

  private caseExpr(e: A.CaseExpr): BoundExpr {
    const operand = e.operand ? this.bind(e.operand) : null;
    const whens = e.whens.map((w) => {
      if (operand) {
        const [l, r] = this.coerceCompare(operand, this.bind(w.when), w.when.span);
        return call('=', [l, r], booleanType(true));
      }
      return this.bindBooleanOperand(w.when, 'WHEN');
    });
    const thens = e.whens.map((w) => this.bind(w.then));
    const otherwise = e.else ? this.bind(e.else) : null;
    const all = otherwise ? [...thens, otherwise] : thens;
    const t = commonType(all.map((x) => x.type));
    if (!t) fail(`CASE branches have incompatible types: ${all.map((x) => typeText(x.type)).join(', ')}`, e.span, 'type-mismatch');
    const type: DataType = { ...(familyOf(t) === 'null' ? mk('INT') : t), nullable: !otherwise || all.some((x) => x.type.nullable) };
    return {
      op: 'case',
      whens: whens.map((w, i) => ({ when: w, then: this.coerceValue(thens[i]!, type, e.whens[i]!.then.span) })),
      else: otherwise ? this.coerceValue(otherwise, type, e.else!.span) : null,
      type,
    };
  }
}

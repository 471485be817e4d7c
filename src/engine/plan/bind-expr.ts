// Expression binding: AST expressions -> typed BoundExpr over a scope of columns. Names are
// resolved case-insensitively; every error carries the span of the offending text.
import type * as A from '../sql/ast';
import type { DataType, Span, Value } from '../types';
import type { BoundExpr } from '../expr/ir';
import type { AggFunction } from './graph';
import { canCast, castValue, ExprError } from '../expr/cast';
import { parseDate, parseTimestamp } from '../common/time-text';
import { arithmeticType, familyOf, isNumeric, mk, T } from '../expr/typeutil';
import { suggest } from '../sql/diagnostics';
import { fail } from './errors';
import { AGGREGATES, SIGNATURES, SPECIAL_FUNCTIONS, UNSUPPORTED_AGGREGATES, allFunctionNames, commonType } from './signatures';

export interface ScopeCol {
  name: string;
  /** Lower-cased table alias (or table name) that qualifies this column, or null. */
  qualifier: string | null;
  /** The table (or subquery alias) the column comes from, for messages. */
  table: string | null;
  type: DataType;
  /** Not visible to unqualified names or `*` (the right copy of a USING column). */
  hidden?: boolean;
}

export interface Scope {
  cols: ScopeCol[];
}

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
}

/** Grouping context: binds aggregates and group keys to the aggregate's output row. */
export class AggContext {
  readonly keyIndex = new Map<string, number>();
  readonly keyTypes: DataType[] = [];
  readonly aggs: CollectedAgg[] = [];
  private readonly aggIndex = new Map<string, number>();
  constructor(readonly keys: BoundExpr[]) {
    keys.forEach((k, i) => {
      if (!this.keyIndex.has(exprKey(k))) this.keyIndex.set(exprKey(k), i);
      this.keyTypes.push(k.type);
    });
  }
  addAgg(a: CollectedAgg): number {
    const key = `${a.fn}|${a.distinct}|${a.arg ? exprKey(a.arg) : '*'}|${a.filter ? exprKey(a.filter) : ''}`;
    const found = this.aggIndex.get(key);
    if (found !== undefined) return found;
    this.aggs.push(a);
    this.aggIndex.set(key, this.aggs.length - 1);
    return this.aggs.length - 1;
  }
}

/** Identity of a bound expression (where it was written does not count). */
export function exprKey(e: BoundExpr): string {
  return JSON.stringify(e, (k, v: unknown) => (k === 'span' ? undefined : v));
}

const CLAUSE_AGG_MESSAGE: Record<string, string> = {
  WHERE: 'is not allowed in WHERE; filter groups with HAVING',
  ON: 'is not allowed in a join condition',
  'GROUP BY': 'is not allowed in GROUP BY',
  VALUES: 'is not allowed in VALUES',
  aggregate: 'cannot be nested inside another aggregate function',
  'SELECT': 'is not allowed here',
};

export function isAggregateCall(e: A.Expr): boolean {
  return e.kind === 'FunctionCall' && (AGGREGATES.includes(e.name) || UNSUPPORTED_AGGREGATES.includes(e.name));
}

/** Whether an expression contains an aggregate call (not looking into subqueries). */
export function containsAggregate(e: A.Expr): boolean {
  let found = false;
  walk(e, (x) => {
    if (isAggregateCall(x)) found = true;
  });
  return found;
}

function containsColumn(e: A.Expr): boolean {
  let found = false;
  walk(e, (x) => {
    if (x.kind === 'ColumnRef') found = true;
  });
  return found;
}

function walk(e: A.Expr, f: (e: A.Expr) => void): void {
  f(e);
  const rec = (x: A.Expr | undefined) => x && walk(x, f);
  switch (e.kind) {
    case 'Unary':
      return rec(e.operand);
    case 'Binary':
    case 'IsDistinctFrom':
      rec(e.left);
      return rec(e.right);
    case 'IsNull':
    case 'IsTruth':
    case 'Extract':
    case 'FloorCeilTo':
    case 'Cast':
      return rec(e.expr);
    case 'InList':
      rec(e.expr);
      return e.list.forEach(rec);
    case 'InSubquery':
      return rec(e.expr);
    case 'Between':
      rec(e.expr);
      rec(e.low);
      return rec(e.high);
    case 'Like':
      rec(e.expr);
      rec(e.pattern);
      return rec(e.escape);
    case 'Case':
      rec(e.operand);
      e.whens.forEach((w) => {
        rec(w.when);
        rec(w.then);
      });
      return rec(e.else);
    case 'FunctionCall':
      e.args.forEach(rec);
      return rec(e.filter);
    case 'TimestampDiff':
    case 'TimestampAdd':
      rec(e.a);
      return rec(e.b);
    default:
      return;
  }
}

/** Splits `a AND b AND c` into its conjuncts. */
export function splitConjuncts(e: A.Expr): A.Expr[] {
  if (e.kind === 'Binary' && e.op === 'AND') return [...splitConjuncts(e.left), ...splitConjuncts(e.right)];
  return [e];
}

export function boundConjuncts(e: BoundExpr): BoundExpr[] {
  if (e.op === 'call' && e.fn === 'and') return e.args.flatMap(boundConjuncts);
  return [e];
}

export function andAll(es: BoundExpr[]): BoundExpr | null {
  if (es.length === 0) return null;
  if (es.length === 1) return es[0]!;
  return { op: 'call', fn: 'and', args: es.flatMap(boundConjuncts), type: mk('BOOLEAN', es.some((x) => x.type.nullable)) };
}

const lit = (value: Value, type: DataType): BoundExpr => ({ op: 'lit', value, type });
const call = (fn: string, args: BoundExpr[], type: DataType): BoundExpr => ({ op: 'call', fn, args, type });
const BOOL = (nullable: boolean) => mk('BOOLEAN', nullable);

const UNIT_MS: Record<string, number> = {
  WEEK: 604_800_000,
  DAY: 86_400_000,
  HOUR: 3_600_000,
  MINUTE: 60_000,
  SECOND: 1000,
  MILLISECOND: 1,
};
const MONTH_UNITS: Record<string, number> = { YEAR: 12, QUARTER: 3, MONTH: 1 };

/** An INTERVAL literal as ms, or as months for YEAR/QUARTER/MONTH units; null when malformed. */
export function intervalValue(l: A.IntervalLiteral): { ms: number } | { months: number } | null {
  let text = l.value.trim();
  let sign = 1;
  if (text.startsWith('-')) {
    sign = -1;
    text = text.slice(1).trim();
  } else if (text.startsWith('+')) text = text.slice(1).trim();
  if (!l.toUnit) {
    const n = Number(text);
    if (text === '' || !Number.isFinite(n)) return null;
    if (MONTH_UNITS[l.unit] !== undefined) return { months: sign * n * MONTH_UNITS[l.unit]! };
    return { ms: Math.round(sign * n * UNIT_MS[l.unit]!) };
  }
  if (l.unit === 'YEAR' && l.toUnit === 'MONTH') {
    const m = /^(\d+)-(\d+)$/.exec(text);
    if (!m) return null;
    return { months: sign * (Number(m[1]) * 12 + Number(m[2])) };
  }
  const order = ['DAY', 'HOUR', 'MINUTE', 'SECOND'];
  const from = order.indexOf(l.unit);
  const to = order.indexOf(l.toUnit);
  if (from < 0 || to < 0 || to < from) return null;
  const parts = text.split(/[\s:]+/);
  if (parts.length !== to - from + 1) return null;
  let ms = 0;
  for (let i = 0; i < parts.length; i++) {
    const n = Number(parts[i]);
    if (!Number.isFinite(n) || parts[i] === '') return null;
    ms += n * UNIT_MS[order[from + i]!]!;
  }
  return { ms: Math.round(sign * ms) };
}

function typeText(t: DataType): string {
  if (t.name === 'DECIMAL') return `DECIMAL(${t.precision ?? 10}, ${t.scale ?? 0})`;
  return t.precision !== undefined && t.name !== 'INTERVAL' ? `${t.name}(${t.precision})` : t.name;
}

/** Binds expressions over one scope. With an AggContext, binds against the aggregate's output. */
export class ExprBinder {
  constructor(
    readonly scope: Scope,
    readonly clause: string,
    readonly agg: AggContext | null = null,
  ) {}

  private plain(clause = this.clause): ExprBinder {
    return new ExprBinder(this.scope, clause, null);
  }

  bindBoolean(e: A.Expr, what: string): BoundExpr {
    const b = this.bind(e);
    const f = familyOf(b.type);
    if (f !== 'boolean' && f !== 'null') fail(`${what} must be BOOLEAN, found ${typeText(b.type)}`, e.span, 'type-mismatch');
    return b;
  }

  bind(e: A.Expr): BoundExpr {
    if (e.kind === 'FunctionCall' && e.over) {
      fail(`not supported yet: ${e.name}(...) OVER (...) (over windows, ROW_NUMBER deduplication and Top-N)`, e.span, 'unsupported');
    }
    if (this.agg && e.kind !== 'Literal') {
      if (isAggregateCall(e)) return this.bindAggregate(e as A.FunctionCall);
      if (!containsAggregate(e) && containsColumn(e)) {
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
        return this.literal(e);
      case 'Unary':
        return this.unary(e);
      case 'Binary':
        return this.binary(e);
      case 'IsNull':
        return call(e.not ? 'is_not_null' : 'is_null', [this.bind(e.expr)], BOOL(false));
      case 'IsTruth': {
        const x = this.bindBooleanArg(e.expr, 'IS TRUE/FALSE');
        const fn = e.value === null ? (e.not ? 'is_not_null' : 'is_null') : `is_${e.not ? 'not_' : ''}${e.value ? 'true' : 'false'}`;
        return call(fn, [x], BOOL(false));
      }
      case 'IsDistinctFrom': {
        const [l, r] = this.coerceCompare(this.bind(e.left), this.bind(e.right), e.span);
        return call(e.not ? 'is_not_distinct_from' : 'is_distinct_from', [l, r], BOOL(false));
      }
      case 'InList': {
        const x = this.bind(e.expr);
        const items = e.list.map((i) => this.coerceCompare(x, this.bind(i), i.span)[1]);
        const nullable = x.type.nullable || items.some((i) => i.type.nullable);
        const r = call('in', [x, ...items], BOOL(nullable));
        return e.not ? call('not', [r], BOOL(nullable)) : r;
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
        const r = call(e.symmetric ? 'between_symmetric' : 'between', [x, lo, hi], BOOL(nullable));
        return e.not ? call('not', [r], BOOL(nullable)) : r;
      }
      case 'Like': {
        const x = this.bindString(e.expr, 'LIKE');
        const p = this.bindString(e.pattern, 'LIKE');
        const args = [x, p];
        if (e.escape) {
          const esc = this.bindString(e.escape, 'ESCAPE');
          if (esc.op === 'lit' && typeof esc.value === 'string' && esc.value.length !== 1) {
            fail(`the ESCAPE of LIKE must be a single character, got '${esc.value}'`, e.escape.span, 'type-mismatch');
          }
          args.push(esc);
        }
        const nullable = args.some((a) => a.type.nullable);
        const r = call('like', args, BOOL(nullable));
        return e.not ? call('not', [r], BOOL(nullable)) : r;
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
        return this.functionCall(e);
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

  // ---- literals ----

  private literal(e: A.Literal): BoundExpr {
    switch (e.type) {
      case 'number': {
        if (e.numberKind === 'integer') {
          if (Number.isSafeInteger(e.value) && Math.abs(e.value) <= 2147483647) return lit(e.value, mk('INT', false));
          if (Number.isSafeInteger(e.value) || /^\d{1,19}$/.test(e.raw)) return lit(e.value, mk('BIGINT', false));
          return lit(e.value, mk('DECIMAL', false, Math.min(38, e.raw.length), 0));
        }
        if (e.numberKind === 'decimal') {
          const [ip = '', fp = ''] = e.raw.replace(/^[+-]/, '').split('.');
          const intDigits = ip.replace(/^0+/, '').length;
          const s = fp.length;
          return lit(e.value, mk('DECIMAL', false, Math.min(38, Math.max(1, intDigits + s)), s));
        }
        return lit(e.value, mk('DOUBLE', false));
      }
      case 'string':
        return lit(e.value, mk('STRING', false));
      case 'boolean':
        return lit(e.value, mk('BOOLEAN', false));
      case 'null':
        return lit(null, mk('NULL', true));
      case 'interval': {
        const v = intervalValue(e);
        if (v === null) fail(`invalid INTERVAL literal ${e.raw}`, e.span, 'type-mismatch');
        if ('months' in v) fail('intervals of months or years can only be added to or subtracted from a date or timestamp', e.span, 'unsupported');
        return lit(v.ms, mk('INTERVAL', false));
      }
      case 'timestamp': {
        const ms = parseTimestamp(e.value, 'sql');
        if (ms === null) fail(`invalid TIMESTAMP literal '${e.value}'; expected 'YYYY-MM-DD HH:MM:SS[.fff]'`, e.span, 'type-mismatch');
        return lit(ms, mk('TIMESTAMP', false, 3));
      }
      case 'date': {
        const d = parseDate(e.value, 'sql');
        if (d === null) fail(`invalid DATE literal '${e.value}'; expected 'YYYY-MM-DD'`, e.span, 'type-mismatch');
        return lit(d, mk('DATE', false));
      }
    }
  }

  // ---- operators ----

  private unary(e: A.UnaryExpr): BoundExpr {
    if (e.op === 'NOT') {
      const x = this.bindBooleanArg(e.operand, 'NOT');
      return call('not', [x], x.type);
    }
    const x = this.bind(e.operand);
    if (e.op === '+') return x;
    const f = familyOf(x.type);
    if (x.op === 'lit' && typeof x.value === 'number') return lit(-x.value, x.type);
    if (!isNumeric(x.type) && f !== 'interval' && f !== 'null') fail(`cannot negate a ${typeText(x.type)}`, e.span, 'type-mismatch');
    return call('neg', [x], x.type);
  }

  private bindBooleanArg(e: A.Expr, op: string): BoundExpr {
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
        const l = this.bindBooleanArg(e.left, e.op);
        const r = this.bindBooleanArg(e.right, e.op);
        const args = [l, r].flatMap((x) => (x.op === 'call' && x.fn === fn ? x.args : [x]));
        return call(fn, args, BOOL(l.type.nullable || r.type.nullable));
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
        return call(e.op === '!=' ? '<>' : e.op, [l, r], BOOL(l.type.nullable || r.type.nullable));
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
    if (fl === 'null' || fr === 'null' || fl === fr) return [l, r];
    if (isNumeric(l.type) && isNumeric(r.type)) return [l, r];
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

  /** Casts when the family differs (numeric types share one representation). */
  coerceValue(x: BoundExpr, to: DataType, span: Span): BoundExpr {
    const fx = familyOf(x.type);
    const ft = familyOf(to);
    if (fx === 'null') return x.op === 'lit' ? lit(null, { ...to, nullable: true }) : x;
    if (fx === ft || (isNumeric(x.type) && isNumeric(to) && !(ft === 'integer' && fx !== 'integer'))) return x;
    if (!canCast(x.type, to)) fail(`cannot convert ${typeText(x.type)} to ${typeText(to)}`, span, 'type-mismatch');
    return { op: 'cast', expr: x, type: { ...to, nullable: x.type.nullable }, safe: false };
  }

  private caseExpr(e: A.CaseExpr): BoundExpr {
    const operand = e.operand ? this.bind(e.operand) : null;
    const whens = e.whens.map((w) => {
      if (operand) {
        const [l, r] = this.coerceCompare(operand, this.bind(w.when), w.when.span);
        return call('=', [l, r], BOOL(true));
      }
      return this.bindBooleanArg(w.when, 'WHEN');
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

  // ---- functions ----

  private functionCall(e: A.FunctionCall): BoundExpr {
    if (isAggregateCall(e)) {
      return fail(`aggregate function ${e.name} ${CLAUSE_AGG_MESSAGE[this.clause] ?? 'is not allowed here'}`, e.span, 'misplaced-aggregate');
    }
    if (e.distinct || e.star || e.filter) fail(`${e.name} is not an aggregate function; DISTINCT, * and FILTER apply to aggregates only`, e.span, 'type-mismatch');
    if (SPECIAL_FUNCTIONS.includes(e.name)) return this.special(e);
    if (e.name === 'CURRENT_TIME' || e.name === 'LOCALTIME') fail(`not supported: ${e.name} (Freshet has no TIME type)`, e.span, 'unsupported');
    const sig = SIGNATURES.get(e.name);
    if (!sig) {
      const s = suggest(e.name, allFunctionNames());
      fail(`unknown function ${e.name}${s ? `; did you mean ${s}?` : ''}`, e.nameSpan, 'unknown-function');
    }
    if (e.args.length < sig.min || e.args.length > sig.max) {
      const want = sig.min === sig.max ? `${sig.min}` : sig.max > 100 ? `at least ${sig.min}` : `${sig.min} to ${sig.max}`;
      fail(`${e.name} takes ${want} argument${want === '1' ? '' : 's'}, got ${e.args.length}`, e.span, 'type-mismatch');
    }
    const args = e.args.map((a) => this.bind(a));
    const ret = sig.ret(args.map((a) => a.type));
    if (typeof ret === 'string') fail(`${e.name}: ${ret}`, e.span, 'type-mismatch');
    return sig.fn === 'mod' ? { op: 'call', fn: sig.fn, args, type: ret, span: e.span } : call(sig.fn, args, ret);
  }

  private special(e: A.FunctionCall): BoundExpr {
    const n = e.args.length;
    const arity = (min: number, max: number) => {
      if (n < min || n > max) fail(`${e.name} takes ${min === max ? min : `${min} or more`} arguments, got ${n}`, e.span, 'type-mismatch');
    };
    const unify = (xs: BoundExpr[], spans: Span[]): [BoundExpr[], DataType] => {
      const t = commonType(xs.map((x) => x.type));
      if (!t) fail(`${e.name} arguments have incompatible types: ${xs.map((x) => typeText(x.type)).join(', ')}`, e.span, 'type-mismatch');
      return [xs.map((x, i) => this.coerceValue(x, t, spans[i]!)), t];
    };
    switch (e.name) {
      case 'COALESCE': {
        arity(1, 254);
        const [xs, t] = unify(e.args.map((a) => this.bind(a)), e.args.map((a) => a.span));
        return call('coalesce', xs, { ...t, nullable: xs.every((x) => x.type.nullable) });
      }
      case 'IFNULL': {
        arity(2, 2);
        const [xs, t] = unify(e.args.map((a) => this.bind(a)), e.args.map((a) => a.span));
        return call('ifnull', xs, { ...t, nullable: xs.every((x) => x.type.nullable) });
      }
      case 'GREATEST':
      case 'LEAST': {
        arity(1, 254);
        const [xs, t] = unify(e.args.map((a) => this.bind(a)), e.args.map((a) => a.span));
        return call(e.name.toLowerCase(), xs, t);
      }
      case 'IF': {
        arity(3, 3);
        const c = this.bindBooleanArg(e.args[0]!, 'IF');
        const [xs, t] = unify([this.bind(e.args[1]!), this.bind(e.args[2]!)], [e.args[1]!.span, e.args[2]!.span]);
        return call('if', [c, ...xs], t);
      }
      case 'NULLIF': {
        arity(2, 2);
        const [a, b] = this.coerceCompare(this.bind(e.args[0]!), this.bind(e.args[1]!), e.span);
        return call('nullif', [a, b], { ...a.type, nullable: true });
      }
    }
    return fail(`unknown function ${e.name}`, e.nameSpan, 'unknown-function');
  }

  // ---- aggregates ----

  private bindAggregate(e: A.FunctionCall): BoundExpr {
    const agg = this.agg!;
    if (UNSUPPORTED_AGGREGATES.includes(e.name)) fail(`not supported yet: aggregate function ${e.name}`, e.span, 'unsupported');
    const inner = this.plain('aggregate');
    let fn: AggFunction;
    let arg: BoundExpr | null = null;
    if (e.star) {
      if (e.name !== 'COUNT') fail(`${e.name}(*) is not valid; only COUNT(*)`, e.span, 'type-mismatch');
      fn = 'COUNT_STAR';
    } else {
      if (e.args.length !== 1) fail(`${e.name} takes 1 argument, got ${e.args.length}`, e.span, 'type-mismatch');
      arg = inner.bind(e.args[0]!);
      fn = e.name as AggFunction;
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
        type = { ...at!, nullable: true };
        break;
    }
    const idx = agg.addAgg({ fn, distinct: e.distinct, arg, filter, type, name: e.name });
    return { op: 'col', index: agg.keys.length + idx, type };
  }
}

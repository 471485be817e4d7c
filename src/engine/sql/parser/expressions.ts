// Expressions by precedence climbing (OR < AND < NOT < comparisons and predicates < || < + - <
// * / % < unary), then primaries: literals, DATE / TIMESTAMP / INTERVAL literals, CASE, CAST,
// EXTRACT, FLOOR / CEIL ... TO, TIMESTAMPDIFF / TIMESTAMPADD, POSITION, TRIM, EXISTS, subqueries,
// and function calls with DISTINCT, FILTER (WHERE ...) and OVER (...).
import type * as A from '../ast';
import { formatPos } from '../diagnostics';
import type { Token } from '../lexer';
import { describe, spanBetween, tokSpan } from './cursor';
import { DataTypeParser } from './data-types';
import { RESERVED_WORDS } from './names';

const NILADIC_FUNCTIONS = new Set(['CURRENT_TIMESTAMP', 'CURRENT_DATE', 'CURRENT_TIME', 'LOCALTIMESTAMP', 'LOCALTIME']);

const COMPARISON_OPS = new Set(['=', '<>', '!=', '<', '<=', '>', '>=']);

const TIME_UNITS: Record<string, A.TimeUnit> = {
  YEAR: 'YEAR', YEARS: 'YEAR', QUARTER: 'QUARTER', QUARTERS: 'QUARTER', MONTH: 'MONTH',
  MONTHS: 'MONTH', WEEK: 'WEEK', WEEKS: 'WEEK', DAY: 'DAY', DAYS: 'DAY', HOUR: 'HOUR',
  HOURS: 'HOUR', MINUTE: 'MINUTE', MINUTES: 'MINUTE', SECOND: 'SECOND', SECONDS: 'SECOND',
  MILLISECOND: 'MILLISECOND', MILLISECONDS: 'MILLISECOND',
};

/** TRIM(mode ... FROM s) as the function it amounts to. */
const TRIM_MODES: Record<string, string> = { BOTH: 'TRIM', LEADING: 'LTRIM', TRAILING: 'RTRIM' };

/** EXTRACT fields beyond the time units (Flink's TimeUnitRange). */
const EXTRACT_ONLY_FIELDS: Record<string, A.ExtractField> = {
  DOW: 'DOW', ISODOW: 'ISODOW', DOY: 'DOY', ISOYEAR: 'ISOYEAR', EPOCH: 'EPOCH', DECADE: 'DECADE',
  CENTURY: 'CENTURY', MILLENNIUM: 'MILLENNIUM',
};

export abstract class ExpressionParser extends DataTypeParser {
  /** A query inside an expression (`IN (SELECT ...)`, `EXISTS (...)`, `(SELECT ...)`): QueryParser parses it. */
  abstract parseQuery(): A.Query;
  /** After OVER: a window name or specification (OverWindowParser). */
  protected abstract parseOverWindow(over: Token): A.WindowSpec;
  protected abstract parseJsonClauses(call: A.FunctionCall): void;

  /** Whether a query (SELECT, WITH or VALUES, possibly parenthesized) starts `k` tokens ahead. */
  protected atQueryStart(k: number): boolean {
    // A loop, not recursion: thousands of opening parentheses must reach the depth guard.
    let t = this.peek(k);
    while (t.kind === 'punct' && t.value === '(') t = this.peek(++k);
    return t.kind === 'word' && (t.value === 'SELECT' || t.value === 'WITH' || t.value === 'VALUES');
  }

  parseExpr(): A.Expr {
    return this.nested(() => this.parseOr());
  }

  private parseOr(): A.Expr {
    let left = this.parseAnd();
    while (this.acceptWord('OR')) {
      const right = this.parseAnd();
      left = { kind: 'Binary', op: 'OR', left, right, span: spanBetween(left, right) };
    }
    return left;
  }

  private parseAnd(): A.Expr {
    let left = this.parseNot();
    while (this.acceptWord('AND')) {
      const right = this.parseNot();
      left = { kind: 'Binary', op: 'AND', left, right, span: spanBetween(left, right) };
    }
    return left;
  }

  private parseNot(): A.Expr {
    const t = this.peek();
    if (this.acceptWord('NOT')) {
      const operand = this.nested(() => this.parseNot());
      return { kind: 'Unary', op: 'NOT', operand, span: { start: t.start, end: operand.span.end } };
    }
    return this.parsePredicate();
  }

  private parsePredicate(): A.Expr {
    let left = this.parseConcat();
    for (;;) {
      const t = this.peek();
      if (t.kind === 'punct' && COMPARISON_OPS.has(t.value)) {
        this.next();
        const right = this.parseConcat();
        left = { kind: 'Binary', op: t.value as A.BinaryOp, left, right, span: spanBetween(left, right) };
        continue;
      }
      if (t.kind !== 'word') return left;
      if (t.value === 'IS') {
        this.next();
        const not = !!this.acceptWord('NOT');
        const w = this.peek();
        if (this.acceptWord('NULL')) {
          left = { kind: 'IsNull', expr: left, not, span: this.span(left.span.start) };
        } else if (this.isWord('TRUE') || this.isWord('FALSE') || this.isWord('UNKNOWN')) {
          this.next();
          const value = w.value === 'UNKNOWN' ? null : w.value === 'TRUE';
          left = { kind: 'IsTruth', expr: left, not, value, span: this.span(left.span.start) };
        } else if (this.acceptWord('DISTINCT')) {
          this.expectWord('FROM', ' after IS DISTINCT');
          const right = this.parseConcat();
          left = { kind: 'IsDistinctFrom', left, right, not, span: spanBetween(left, right) };
        } else {
          this.fail(`expected NULL, TRUE, FALSE or DISTINCT FROM after IS${not ? ' NOT' : ''}, found ${describe(w)}`);
        }
        continue;
      }
      let not = false;
      let op = t.value;
      if (op === 'NOT') {
        const n = this.peek(1);
        if (n.kind !== 'word' || !['IN', 'BETWEEN', 'LIKE', 'SIMILAR'].includes(n.value)) return left;
        not = true;
        op = n.value;
      }
      if (op === 'IN') {
        if (not) this.next();
        this.next();
        const open = this.expectPunct('(', ' after IN');
        if (this.atQueryStart(0)) {
          const query = this.parseQuery();
          this.expectClose(open, 'IN subquery');
          left = { kind: 'InSubquery', expr: left, not, query, span: this.span(left.span.start) };
        } else {
          const list: A.Expr[] = [];
          do list.push(this.parseExpr());
          while (this.acceptPunct(','));
          this.expectClose(open, 'IN list');
          left = { kind: 'InList', expr: left, not, list, span: this.span(left.span.start) };
        }
      } else if (op === 'BETWEEN') {
        if (not) this.next();
        this.next();
        let symmetric = false;
        if (this.acceptWord('SYMMETRIC')) symmetric = true;
        else this.acceptWord('ASYMMETRIC');
        const low = this.parseConcat();
        this.expectWord('AND', ' in BETWEEN ... AND ...');
        const high = this.parseConcat();
        left = { kind: 'Between', expr: left, not, symmetric, low, high, span: spanBetween(left, high) };
      } else if (op === 'LIKE' || (op === 'SIMILAR' && this.peek(not ? 2 : 1).kind === 'word' && this.peek(not ? 2 : 1).value === 'TO')) {
        if (not) this.next();
        this.next();
        const similar = op === 'SIMILAR';
        if (similar) this.next();
        const pattern = this.parseConcat();
        const like: A.LikeExpr = { kind: 'Like', expr: left, not, pattern, span: spanBetween(left, pattern) };
        if (similar) like.similar = true;
        if (this.acceptWord('ESCAPE')) {
          like.escape = this.parseConcat();
          like.span = this.span(left.span.start);
        }
        left = like;
      } else {
        return left;
      }
    }
  }

  private parseConcat(): A.Expr {
    let left = this.parseAdditive();
    while (this.acceptPunct('||')) {
      const right = this.parseAdditive();
      left = { kind: 'Binary', op: '||', left, right, span: spanBetween(left, right) };
    }
    return left;
  }

  private parseAdditive(): A.Expr {
    let left = this.parseMultiplicative();
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'punct' || (t.value !== '+' && t.value !== '-')) return left;
      this.next();
      const right = this.parseMultiplicative();
      left = { kind: 'Binary', op: t.value, left, right, span: spanBetween(left, right) };
    }
  }

  private parseMultiplicative(): A.Expr {
    let left = this.parseUnary();
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'punct' || (t.value !== '*' && t.value !== '/' && t.value !== '%')) return left;
      this.next();
      const right = this.parseUnary();
      left = { kind: 'Binary', op: t.value, left, right, span: spanBetween(left, right) };
    }
  }

  private parseUnary(): A.Expr {
    const t = this.peek();
    if (t.kind === 'punct' && (t.value === '-' || t.value === '+')) {
      this.next();
      const operand = this.nested(() => this.parseUnary());
      return { kind: 'Unary', op: t.value, operand, span: { start: t.start, end: operand.span.end } };
    }
    return this.parsePrimary();
  }

  private parseTimeUnit(context: string): { unit: A.TimeUnit; tok: Token } {
    const t = this.peek();
    const unit = t.kind === 'word' ? TIME_UNITS[t.value] : undefined;
    if (!unit) this.fail(`expected a time unit such as SECOND, MINUTE, HOUR or DAY ${context}, found ${describe(t)}`);
    this.next();
    return { unit, tok: t };
  }

  private parsePrimary(): A.Expr {
    const t = this.peek();
    switch (t.kind) {
      case 'number': {
        this.next();
        const numberKind = /[eE]/.test(t.text) ? 'approx' : t.text.includes('.') ? 'decimal' : 'integer';
        return { kind: 'Literal', type: 'number', value: Number(t.text), raw: t.text, numberKind, span: tokSpan(t) };
      }
      case 'string':
        this.next();
        return { kind: 'Literal', type: 'string', value: t.value, raw: t.text, span: tokSpan(t) };
      case 'punct':
        if (t.value === '(') {
          const open = this.next();
          if (this.atQueryStart(0)) {
            const query = this.parseQuery();
            this.expectClose(open, 'subquery');
            return { kind: 'Subquery', query, span: this.span(open.start) };
          }
          const inner = this.parseExpr();
          this.expectClose(open, 'parenthesis');
          // Parentheses are not kept as a node; widen the span to include them.
          return { ...inner, span: this.span(open.start) };
        }
        return this.fail(`expected an expression, found ${describe(t)}`);
      case 'quoted':
        return this.parseNameOrCall();
      case 'word':
        break;
      default:
        return this.fail(`expected an expression, found ${describe(t)}`);
    }
    const next = this.peek(1);
    const callOpen = next.kind === 'punct' && next.value === '(';
    switch (t.value) {
      case 'TRUE':
      case 'FALSE':
        this.next();
        return { kind: 'Literal', type: 'boolean', value: t.value === 'TRUE', raw: t.text, span: tokSpan(t) };
      case 'NULL':
        this.next();
        return { kind: 'Literal', type: 'null', value: null, raw: t.text, span: tokSpan(t) };
      case 'DATE':
      case 'TIMESTAMP':
        if (next.kind === 'string') {
          this.next();
          this.next();
          const type = t.value === 'DATE' ? 'date' : 'timestamp';
          return { kind: 'Literal', type, value: next.value, raw: this.text.slice(t.start.offset, next.end.offset), span: this.span(t.start) };
        }
        break;
      case 'INTERVAL':
        if (next.kind === 'string' || (next.kind === 'punct' && next.value === '-' && this.peek(2).kind === 'string')) {
          return this.parseInterval();
        }
        if (next.kind === 'number') this.fail(`INTERVAL needs a quoted value: write INTERVAL '${next.text}' ...`, next);
        break;
      case 'CASE':
        return this.parseCase();
      case 'CAST':
      case 'TRY_CAST':
        if (callOpen) return this.parseCast();
        break;
      case 'EXTRACT':
        if (callOpen) {
          this.next();
          const open = this.next();
          const f = this.peek();
          const only = f.kind === 'word' ? EXTRACT_ONLY_FIELDS[f.value] : undefined;
          if (only) this.next();
          const field = only ?? this.parseTimeUnit('(or DOW, DOY, EPOCH) in EXTRACT').unit;
          this.expectWord('FROM', ` in EXTRACT(${field} FROM ...)`);
          const expr = this.parseExpr();
          this.expectClose(open, 'EXTRACT');
          return { kind: 'Extract', field, expr, span: this.span(t.start) };
        }
        break;
      case 'FLOOR':
      case 'CEIL':
      case 'CEILING':
        if (callOpen) {
          this.next();
          const open = this.next();
          const expr = this.parseExpr();
          const fn = t.value === 'FLOOR' ? 'FLOOR' : 'CEIL';
          if (this.acceptWord('TO')) {
            const { unit } = this.parseTimeUnit(`after ${fn}(... TO`);
            this.expectClose(open, fn);
            return { kind: 'FloorCeilTo', fn, expr, unit, span: this.span(t.start) };
          }
          this.expectClose(open, fn);
          return { kind: 'FunctionCall', name: fn, nameSpan: tokSpan(t), args: [expr], distinct: false, star: false, span: this.span(t.start) };
        }
        break;
      case 'TIMESTAMPDIFF':
      case 'TIMESTAMPADD':
        if (callOpen) {
          this.next();
          const open = this.next();
          const { unit } = this.parseTimeUnit(`as the first argument of ${t.value}`);
          this.expectPunct(',', ` after the unit in ${t.value}`);
          const a = this.parseExpr();
          this.expectPunct(',', ` in ${t.value}(unit, a, b)`);
          const b = this.parseExpr();
          this.expectClose(open, t.value);
          const kind = t.value === 'TIMESTAMPDIFF' ? 'TimestampDiff' : 'TimestampAdd';
          return { kind, unit, a, b, span: this.span(t.start) };
        }
        break;
      case 'POSITION':
        if (callOpen) {
          this.next();
          const open = this.next();
          const needle = this.parseConcat();
          this.expectWord('IN', ' in POSITION(x IN y)');
          const hay = this.parseConcat();
          this.expectClose(open, 'POSITION');
          return { kind: 'FunctionCall', name: 'POSITION', nameSpan: tokSpan(t), args: [needle, hay], distinct: false, star: false, span: this.span(t.start) };
        }
        break;
      case 'EXISTS': {
        this.next();
        const open = this.expectPunct('(', ' after EXISTS');
        const query = this.parseQuery();
        this.expectClose(open, 'EXISTS subquery');
        return { kind: 'Exists', query, span: this.span(t.start) };
      }
      case 'LEFT':
      case 'RIGHT':
        if (callOpen) return this.parseCall(this.next());
        break;
      default:
        if (NILADIC_FUNCTIONS.has(t.value) && !callOpen) {
          this.next();
          return { kind: 'FunctionCall', name: t.value, nameSpan: tokSpan(t), args: [], distinct: false, star: false, span: tokSpan(t) };
        }
    }
    if (RESERVED_WORDS.has(t.value)) {
      this.fail(`expected an expression, found the keyword ${t.value}`);
    }
    return this.parseNameOrCall();
  }

  private parseNameOrCall(): A.Expr {
    const t = this.peek();
    if (this.isPunct('(', 1)) return this.parseCall(this.next());
    const first = this.parseIdent('a column name');
    if (this.isPunct('.')) {
      this.next();
      const name = this.parseIdent('a column name after the dot', true);
      if (this.isPunct('.')) this.fail('nested names (a.b.c) are not supported in expressions; use table.column');
      return { kind: 'ColumnRef', qualifier: first, name, span: this.span(t.start) };
    }
    return { kind: 'ColumnRef', name: first, span: first.span };
  }

  private parseCall(nameTok: Token): A.FunctionCall {
    const open = this.next();
    const name = nameTok.kind === 'quoted' ? nameTok.value.toUpperCase() : nameTok.value;
    const call: A.FunctionCall = { kind: 'FunctionCall', name, nameSpan: tokSpan(nameTok), args: [], distinct: false, star: false, span: tokSpan(nameTok) };
    if (this.isPunct('*') && this.isPunct(')', 1)) {
      this.next();
      call.star = true;
    } else if (name === 'TRIM' && this.atTrimMode()) {
      this.parseTrimFrom(call, this.next().value);
    } else if (name === 'TRIM' && this.isWord('FROM')) {
      this.parseTrimFrom(call, 'BOTH');
    } else if (!this.isPunct(')')) {
      if (this.acceptWord('DISTINCT')) call.distinct = true;
      else this.acceptWord('ALL');
      call.args.push(this.parseExpr());
      if (name === 'TRIM' && this.isWord('FROM')) {
        // TRIM(chars FROM s)
        this.parseTrimFrom(call, 'BOTH', call.args.pop());
      } else if (name === 'SUBSTRING' && this.acceptWord('FROM')) {
        // SUBSTRING(s FROM start [FOR length]) is SUBSTRING(s, start [, length]).
        call.args.push(this.parseExpr());
        if (this.acceptWord('FOR')) call.args.push(this.parseExpr());
      } else while (this.acceptPunct(',')) call.args.push(this.parseExpr());
      if (name === 'JSON_VALUE' || name === 'JSON_QUERY' || name === 'JSON_EXISTS') this.parseJsonClauses(call);
    }
    this.expectClose(open, `argument list of ${name}`);
    if (this.isWord('FILTER') && this.isPunct('(', 1)) {
      this.next();
      const fopen = this.next();
      this.expectWord('WHERE', ' in FILTER (WHERE ...)');
      call.filter = this.parseExpr();
      this.expectClose(fopen, 'FILTER');
    }
    if (this.isWord('OVER')) call.over = this.parseOverWindow(this.next());
    call.span = this.span(nameTok.start);
    return call;
  }

  /** BOTH / LEADING / TRAILING opening TRIM's arguments (not a column named so: `TRIM(both)`). */
  private atTrimMode(): boolean {
    const t = this.peek();
    return t.kind === 'word' && TRIM_MODES[t.value] !== undefined && !this.isPunct(')', 1) && !this.isPunct(',', 1);
  }

  /**
   * The rest of the SQL-standard `TRIM([BOTH | LEADING | TRAILING] [chars] FROM s)`, after the
   * mode (and, for `TRIM(chars FROM s)`, the chars): it becomes `TRIM(s [, chars])`,
   * `LTRIM(s [, chars])` or `RTRIM(s [, chars])`, chars being a set of characters (a space by default).
   */
  private parseTrimFrom(call: A.FunctionCall, mode: string, chars?: A.Expr): void {
    if (!chars && !this.isWord('FROM')) chars = this.parseExpr();
    this.expectWord('FROM', ` in TRIM(${mode} ... FROM string)`);
    call.args.push(this.parseExpr());
    if (chars) call.args.push(chars);
    call.name = TRIM_MODES[mode]!;
  }

  private parseInterval(): A.IntervalLiteral {
    const start = this.next().start;
    let sign = '';
    if (this.acceptPunct('-')) sign = '-';
    const v = this.next();
    const { unit } = this.parseTimeUnit(`after INTERVAL '${v.value}'`);
    const lit: A.IntervalLiteral = { kind: 'Literal', type: 'interval', value: sign + v.value, raw: '', unit, span: tokSpan(v) };
    if (this.isWord('TO') && this.peek(1).kind === 'word' && TIME_UNITS[this.peek(1).value]) {
      this.next();
      lit.toUnit = this.parseTimeUnit('after TO').unit;
    }
    lit.span = this.span(start);
    lit.raw = this.text.slice(start.offset, this.prevEnd.offset);
    return lit;
  }

  private parseCase(): A.CaseExpr {
    const kw = this.next();
    const c: A.CaseExpr = { kind: 'Case', whens: [], span: tokSpan(kw) };
    if (!this.isWord('WHEN')) c.operand = this.parseExpr();
    if (!this.isWord('WHEN')) this.fail(`expected WHEN in CASE, found ${describe(this.peek())}`);
    while (this.isWord('WHEN')) {
      const w = this.next();
      const when = this.parseExpr();
      this.expectWord('THEN', ' after CASE WHEN condition');
      const then = this.parseExpr();
      c.whens.push({ when, then, span: this.span(w.start) });
    }
    if (this.acceptWord('ELSE')) c.else = this.parseExpr();
    if (!this.isWord('END')) {
      this.fail(`expected END to close the CASE opened at ${formatPos(kw.start)}, found ${describe(this.peek())}`);
    }
    this.next();
    c.span = this.span(kw.start);
    return c;
  }

  private parseCast(): A.CastExpr {
    const kw = this.next();
    const open = this.next();
    const expr = this.parseExpr();
    this.expectWord('AS', ` in ${kw.value}(value AS type)`);
    const { type, span: typeSpan } = this.parseDataType();
    if (this.isWord('NOT') && this.isWord('NULL', 1)) {
      this.next();
      this.next();
      type.nullable = false;
    }
    this.expectClose(open, kw.value);
    return { kind: 'Cast', expr, type, typeSpan, safe: kw.value === 'TRY_CAST', span: this.span(kw.start) };
  }

  /** ORDER BY items, in a query's ORDER BY and in a window's OVER (ORDER BY ...). */
  protected parseOrderItems(): A.OrderItem[] {
    const items: A.OrderItem[] = [];
    do {
      const expr = this.parseExpr();
      const item: A.OrderItem = { expr, descending: false, span: expr.span };
      if (this.acceptWord('DESC')) item.descending = true;
      else this.acceptWord('ASC');
      if (this.acceptWord('NULLS')) {
        if (this.acceptWord('FIRST')) item.nullsFirst = true;
        else {
          this.expectWord('LAST', ' after NULLS');
          item.nullsFirst = false;
        }
      }
      item.span = this.span(expr.span.start);
      items.push(item);
    } while (this.acceptPunct(','));
    return items;
  }
}

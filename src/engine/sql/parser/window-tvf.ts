// Windowing table functions in FROM, as Flink writes them:
//   TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' MINUTES [, offset]))
//   TABLE(HOP(TABLE t, DESCRIPTOR(ts), slide, size [, offset]))
//   TABLE(CUMULATE(TABLE t, DESCRIPTOR(ts), step, size [, offset]))
//   TABLE(SESSION(TABLE t [PARTITION BY k, ...], DESCRIPTOR(ts), gap))
// with or without the TABLE(...) wrapper (Flink 2.x accepts both), positional or named
// arguments (`DATA => TABLE t, TIMECOL => DESCRIPTOR(ts), SIZE => INTERVAL '1' HOUR`), and the
// data argument as `TABLE name` or a parenthesized query.
import type * as A from '../ast';
import { describe } from './cursor';
import { OverWindowParser } from './over-window';

const WINDOW_TVFS: ReadonlySet<string> = new Set(['TUMBLE', 'HOP', 'CUMULATE', 'SESSION']);

/** The interval parameters of each function, in Flink's positional order. */
const INTERVAL_PARAMS: Record<A.WindowTvfName, string[]> = {
  TUMBLE: ['SIZE', 'OFFSET'],
  HOP: ['SLIDE', 'SIZE', 'OFFSET'],
  CUMULATE: ['STEP', 'SIZE', 'OFFSET'],
  SESSION: ['GAP'],
};

export type TvfArg = { kind: 'data'; input: A.TableRef | A.SubqueryRef; partitionBy: A.Ident[] } | { kind: 'descriptor'; column: A.Ident } | { kind: 'expr'; expr: A.Expr };

export abstract class WindowTvfParser extends OverWindowParser {
  /** At `TABLE(` or `TUMBLE(` (and the other window functions) in FROM. */
  protected atWindowTvf(): boolean {
    const t = this.peek();
    if (t.kind !== 'word' || !this.isPunct('(', 1)) return false;
    return t.value === 'TABLE' || WINDOW_TVFS.has(t.value);
  }

  protected parseWindowTvf(): A.WindowTvfRef {
    const start = this.peek().start;
    let ref: A.WindowTvfRef;
    if (this.isWord('TABLE')) {
      this.next();
      const open = this.expectPunct('(', ' after TABLE');
      ref = this.parseWindowTvfCall();
      this.expectClose(open, 'TABLE(...)');
    } else ref = this.parseWindowTvfCall();
    const alias = this.parseOptionalAlias();
    if (alias) ref.alias = alias;
    ref.span = this.span(start);
    return ref;
  }

  private parseWindowTvfCall(): A.WindowTvfRef {
    const nameTok = this.peek();
    if (nameTok.kind !== 'word' || !WINDOW_TVFS.has(nameTok.value)) {
      this.fail(`expected a windowing table function (TUMBLE, HOP, CUMULATE or SESSION) in TABLE(...), found ${describe(nameTok)}; other table functions are not supported yet`);
    }
    this.next();
    const fn = nameTok.value as A.WindowTvfName;
    const open = this.expectPunct('(', ` after ${fn}`);
    const positional: TvfArg[] = [];
    const named = new Map<string, TvfArg>();
    if (!this.isPunct(')')) {
      do {
        const nameOfArg = this.parseArgName();
        const arg = this.parseTvfArg();
        if (nameOfArg) {
          if (named.has(nameOfArg)) this.fail(`${fn}: argument ${nameOfArg} is given twice`);
          named.set(nameOfArg, arg);
        } else {
          if (named.size > 0) this.fail(`${fn}: a positional argument cannot follow named ones`);
          positional.push(arg);
        }
      } while (this.acceptPunct(','));
    }
    this.expectClose(open, `${fn}(...)`);
    const order = ['DATA', 'TIMECOL', ...INTERVAL_PARAMS[fn]];
    positional.forEach((a, i) => {
      if (i >= order.length) this.fail(`${fn} takes at most ${order.length} arguments`, nameTok);
      named.set(order[i]!, a);
    });
    for (const k of named.keys()) if (!order.includes(k)) this.fail(`${fn} has no parameter ${k}; its parameters are ${order.join(', ')}`, nameTok);
    const data = named.get('DATA');
    if (!data || data.kind !== 'data') this.fail(`${fn}: the first argument must be the data, written TABLE name`, nameTok);
    const time = named.get('TIMECOL');
    if (!time || time.kind !== 'descriptor') this.fail(`${fn}: the time column must be given as DESCRIPTOR(column)`, nameTok);
    if (data.partitionBy.length > 0 && fn !== 'SESSION') this.fail(`${fn}: PARTITION BY is only allowed for SESSION windows`, nameTok);
    const params = INTERVAL_PARAMS[fn];
    const required = fn === 'SESSION' ? 1 : params.length - 1;
    const args: A.Expr[] = [];
    params.forEach((p, i) => {
      const a = named.get(p);
      if (!a) {
        if (i < required) this.fail(`${fn}: missing the ${p} argument`, nameTok);
        return;
      }
      if (a.kind !== 'expr') this.fail(`${fn}: ${p} must be an INTERVAL`, nameTok);
      args.push(a.expr);
    });
    return { kind: 'WindowTvf', fn, input: data.input, partitionBy: data.partitionBy, timeCol: time.column, args, span: this.span(nameTok.start) };
  }

  /** `NAME =>` before a named argument, or null. */
  protected parseArgName(): string | null {
    const t = this.peek();
    if (t.kind === 'word' && this.isPunct('=', 1) && this.isPunct('>', 2)) {
      this.next();
      this.next();
      this.next();
      return t.value;
    }
    return null;
  }

  protected parseTvfArg(): TvfArg {
    if (this.isWord('TABLE')) {
      const tableTok = this.next();
      let input: A.TableRef | A.SubqueryRef;
      if (this.isPunct('(')) {
        const open = this.next();
        const query = this.parseQuery();
        this.expectClose(open, 'subquery');
        input = { kind: 'SubqueryRef', query, span: this.span(open.start) };
      } else {
        const name = this.parseQualifiedName('a table name after TABLE');
        input = { kind: 'TableRef', name, hints: [], span: this.span(tableTok.start) };
      }
      const partitionBy: A.Ident[] = [];
      if (this.isWord('PARTITION')) {
        this.next();
        this.expectWord('BY', ' after PARTITION');
        // One column, or several in parentheses: PARTITION BY (a, b).
        if (this.isPunct('(')) partitionBy.push(...this.parseIdentList('a column name', ' after PARTITION BY').idents);
        else partitionBy.push(this.parseIdent('a column name after PARTITION BY'));
      }
      return { kind: 'data', input, partitionBy };
    }
    if (this.isPunct('(') && this.atQueryStart(1)) {
      const open = this.next();
      const query = this.parseQuery();
      this.expectClose(open, 'subquery');
      return { kind: 'data', input: { kind: 'SubqueryRef', query, span: this.span(open.start) }, partitionBy: [] };
    }
    if (this.isWord('DESCRIPTOR')) {
      this.next();
      const open = this.expectPunct('(', ' after DESCRIPTOR');
      const column = this.parseIdent('a column name in DESCRIPTOR');
      this.expectClose(open, 'DESCRIPTOR(...)');
      return { kind: 'descriptor', column };
    }
    return { kind: 'expr', expr: this.parseExpr() };
  }
}

// The window of an OVER clause and of a SELECT's WINDOW clause, as Flink (Calcite) writes it:
//   OVER w                                   a window named in `WINDOW w AS (...)`
//   OVER ([w] [PARTITION BY e, ...] [ORDER BY e [ASC | DESC], ...] [frame])
//   frame:  ROWS | RANGE  BETWEEN bound AND bound   or   ROWS | RANGE bound (up to CURRENT ROW)
//   bound:  UNBOUNDED PRECEDING | n PRECEDING | INTERVAL '..' unit PRECEDING | CURRENT ROW
//           | n FOLLOWING | UNBOUNDED FOLLOWING
// The binder decides which frames run (Flink streams only `... PRECEDING AND CURRENT ROW`).
import type * as A from '../ast';
import type { Token } from '../lexer';
import { describe } from './cursor';
import { JsonClauseParser } from './json-clauses';

export abstract class OverWindowParser extends JsonClauseParser {
  /** After OVER: a window name, or a parenthesized window specification. */
  protected parseOverWindow(over: Token): A.WindowSpec {
    if (!this.isPunct('(')) {
      const ref = this.parseIdent('a window name or ( after OVER');
      return { ref, partitionBy: [], orderBy: [], span: this.span(over.start) };
    }
    return this.parseWindowSpec(over, 'OVER window');
  }

  /** `( [w] [PARTITION BY ...] [ORDER BY ...] [frame] )`, `start` being OVER or the window's name. */
  protected parseWindowSpec(start: Token, what: string): A.WindowSpec {
    const open = this.expectPunct('(', ` after ${start.text}`);
    const spec: A.WindowSpec = { partitionBy: [], orderBy: [], span: this.span(start.start) };
    const t = this.peek();
    if ((t.kind === 'word' || t.kind === 'quoted') && !['PARTITION', 'ORDER', 'ROWS', 'RANGE'].includes(t.value) && !this.isPunct(')')) {
      spec.ref = this.parseIdent('a window name');
    }
    if (this.acceptWord('PARTITION')) {
      this.expectWord('BY', ' after PARTITION');
      do spec.partitionBy.push(this.parseExpr());
      while (this.acceptPunct(','));
    }
    if (this.acceptWord('ORDER')) {
      this.expectWord('BY', ' after ORDER');
      spec.orderBy = this.parseOrderItems();
    }
    if (this.isWord('ROWS') || this.isWord('RANGE')) spec.frame = this.parseFrame();
    this.expectClose(open, what);
    spec.span = this.span(start.start);
    return spec;
  }

  private parseFrame(): A.WindowFrame {
    const unitTok = this.next();
    const unit = unitTok.value as 'ROWS' | 'RANGE';
    if (this.acceptWord('BETWEEN')) {
      const lower = this.parseBound();
      this.expectWord('AND', ` in ${unit} BETWEEN ... AND ...`);
      const upper = this.parseBound();
      return { unit, lower, upper, span: this.span(unitTok.start) };
    }
    const lower = this.parseBound();
    // `ROWS 2 PRECEDING` is `ROWS BETWEEN 2 PRECEDING AND CURRENT ROW`.
    return { unit, lower, upper: { kind: 'CURRENT ROW', span: lower.span }, span: this.span(unitTok.start) };
  }

  private parseBound(): A.FrameBound {
    const start = this.peek().start;
    if (this.acceptWord('UNBOUNDED')) {
      if (this.acceptWord('PRECEDING')) return { kind: 'UNBOUNDED PRECEDING', span: this.span(start) };
      if (this.acceptWord('FOLLOWING')) return { kind: 'UNBOUNDED FOLLOWING', span: this.span(start) };
      this.fail(`expected PRECEDING or FOLLOWING after UNBOUNDED, found ${describe(this.peek())}`);
    }
    if (this.acceptWord('CURRENT')) {
      this.expectWord('ROW', ' after CURRENT');
      return { kind: 'CURRENT ROW', span: this.span(start) };
    }
    const offset = this.parseExpr();
    if (this.acceptWord('PRECEDING')) return { kind: 'PRECEDING', offset, span: this.span(start) };
    if (this.acceptWord('FOLLOWING')) return { kind: 'FOLLOWING', offset, span: this.span(start) };
    this.fail(`expected PRECEDING or FOLLOWING in the window frame, found ${describe(this.peek())}`);
  }
}

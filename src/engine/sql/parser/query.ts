// Queries: WITH, set operations (UNION / EXCEPT bind looser than INTERSECT), SELECT and VALUES,
// the ORDER BY / LIMIT / OFFSET / FETCH tail, and FROM with joins, table references (hints,
// FOR SYSTEM_TIME AS OF, aliases) and subqueries.
import type * as A from '../ast';
import { describe, spanBetween, tokSpan } from './cursor';
import { ChangelogTvfParser } from './changelog-tvf';

export abstract class QueryParser extends ChangelogTvfParser {
  parseQuery(): A.Query {
    return this.nested(() => this.parseQueryInner());
  }

  private parseQueryInner(): A.Query {
    const t = this.peek();
    if (this.isWord('WITH')) {
      this.next();
      const ctes: A.CommonTableExpr[] = [];
      do {
        const name = this.parseIdent('a name for the WITH query');
        let columns: A.Ident[] | undefined;
        if (this.isPunct('(')) columns = this.parseIdentList('a column name', '').idents;
        this.expectWord('AS', ` after WITH ${name.raw}`);
        const open = this.expectPunct('(', ` after WITH ${name.raw} AS`);
        const query = this.parseQuery();
        this.expectClose(open, `WITH query ${name.raw}`);
        ctes.push({ name, query, span: this.span(name.span.start), ...(columns ? { columns } : {}) });
      } while (this.acceptPunct(','));
      const body = this.parseQuery();
      return { kind: 'With', ctes, body, span: this.span(t.start) };
    }
    return this.parseSetOps();
  }

  private parseSetOps(): A.Query {
    let left = this.parseIntersects();
    for (;;) {
      let op: A.SetOperator;
      if (this.isWord('UNION')) {
        this.next();
        op = this.acceptWord('ALL') ? 'UNION ALL' : 'UNION';
        if (op === 'UNION') this.acceptWord('DISTINCT');
      } else if (this.isWord('EXCEPT') || this.isWord('MINUS')) {
        this.next();
        op = this.acceptWord('ALL') ? 'EXCEPT ALL' : 'EXCEPT';
        if (op === 'EXCEPT') this.acceptWord('DISTINCT');
      } else {
        break;
      }
      const right = this.parseIntersects();
      left = { kind: 'SetOp', op, left, right, orderBy: [], span: spanBetween(left, right) };
    }
    return this.parseQueryTail(left);
  }

  private parseIntersects(): A.Query {
    let left = this.parseQueryPrimary();
    while (this.acceptWord('INTERSECT')) {
      const op: A.SetOperator = this.acceptWord('ALL') ? 'INTERSECT ALL' : 'INTERSECT';
      if (op === 'INTERSECT') this.acceptWord('DISTINCT');
      const right = this.parseQueryPrimary();
      left = { kind: 'SetOp', op, left, right, orderBy: [], span: spanBetween(left, right) };
    }
    return left;
  }

  /** ORDER BY / LIMIT / OFFSET / FETCH after a query. */
  private parseQueryTail(q: A.Query): A.Query {
    if (!this.isWord('ORDER') && !this.isWord('LIMIT') && !this.isWord('OFFSET') && !this.isWord('FETCH')) return q;
    const target = this.innermostBody(q);
    if (this.isWord('ORDER')) {
      const order = this.next();
      this.expectWord('BY', ' after ORDER');
      if (target.orderBy.length > 0) this.report('ORDER BY is given twice', tokSpan(order));
      target.orderBy = this.parseOrderItems();
    }
    if (this.acceptWord('LIMIT')) target.limit = this.parseExpr();
    if (this.acceptWord('OFFSET')) {
      target.offset = this.parseExpr();
      if (!this.acceptWord('ROWS')) this.acceptWord('ROW');
    }
    if (this.acceptWord('FETCH')) {
      if (!this.acceptWord('FIRST')) this.expectWord('NEXT', ' after FETCH');
      target.limit = this.parseExpr();
      if (!this.acceptWord('ROWS')) this.expectWord('ROW', ' in FETCH FIRST n ROWS ONLY');
      this.expectWord('ONLY', ' in FETCH FIRST n ROWS ONLY');
    }
    target.span = this.span(target.span.start);
    if (q !== target) q.span = this.span(q.span.start);
    return q;
  }

  private innermostBody(q: A.Query): A.SelectQuery | A.SetOpQuery | A.ValuesQuery {
    return q.kind === 'With' ? this.innermostBody(q.body) : q;
  }

  private parseQueryPrimary(): A.Query {
    const t = this.peek();
    if (this.isWord('SELECT')) return this.parseSelect();
    if (this.isWord('VALUES')) return this.parseValues();
    if (this.isPunct('(')) {
      const open = this.next();
      const q = this.parseQuery();
      this.expectClose(open, 'query');
      // keep the parentheses in the span
      q.span = this.span(open.start);
      return q;
    }
    return this.fail(`expected SELECT, VALUES or WITH, found ${describe(t)}`);
  }

  private parseValues(): A.ValuesQuery {
    const values = this.next();
    const rows: A.Expr[][] = [];
    do {
      const open = this.acceptPunct('(');
      if (open) {
        const row: A.Expr[] = [];
        do row.push(this.parseExpr());
        while (this.acceptPunct(','));
        this.expectClose(open, 'VALUES row');
        rows.push(row);
      } else {
        rows.push([this.parseExpr()]);
      }
    } while (this.acceptPunct(','));
    return { kind: 'Values', rows, orderBy: [], span: this.span(values.start) };
  }

  private parseSelect(): A.SelectQuery {
    const select = this.next();
    const hints = this.parseHints();
    let distinct = false;
    if (this.acceptWord('DISTINCT')) distinct = true;
    else this.acceptWord('ALL');
    const items: A.SelectItem[] = [];
    do items.push(this.parseSelectItem());
    while (this.acceptPunct(','));
    const q: A.SelectQuery = { kind: 'Select', hints, distinct, items, groupBy: [], orderBy: [], span: tokSpan(select) };
    if (this.acceptWord('FROM')) q.from = this.parseFrom();
    if (this.acceptWord('WHERE')) q.where = this.parseExpr();
    if (this.isWord('GROUP')) {
      this.next();
      this.expectWord('BY', ' after GROUP');
      do q.groupBy.push(this.parseExpr());
      while (this.acceptPunct(','));
    }
    if (this.acceptWord('HAVING')) q.having = this.parseExpr();
    if (this.isWord('WINDOW')) {
      this.next();
      q.windows = [];
      do {
        const nameTok = this.peek();
        const name = this.parseIdent('a window name');
        this.expectWord('AS', ` after WINDOW ${name.raw}`);
        q.windows.push({ name, spec: this.parseWindowSpec(nameTok, `window ${name.raw}`) });
      } while (this.acceptPunct(','));
    }
    if (this.acceptWord('QUALIFY')) q.qualify = this.parseExpr();
    q.span = this.span(select.start);
    return q;
  }

  private parseSelectItem(): A.SelectItem {
    const t = this.peek();
    if (this.isPunct('*')) {
      this.next();
      return { kind: 'Star', span: tokSpan(t) };
    }
    if ((t.kind === 'word' || t.kind === 'quoted') && this.isPunct('.', 1) && this.isPunct('*', 2)) {
      const qualifier = this.parseIdent('a table name', true);
      this.next();
      this.next();
      return { kind: 'Star', qualifier, span: this.span(t.start) };
    }
    const expr = this.parseExpr();
    const item: A.SelectExprItem = { kind: 'SelectExpr', expr, span: expr.span };
    const alias = this.parseOptionalAlias();
    if (alias) {
      item.alias = alias;
      item.span = this.span(expr.span.start);
    }
    return item;
  }

  // ---- FROM --------------------------------------------------------------------------------

  private parseFrom(): A.FromItem {
    let left = this.parseFromPrimary();
    for (;;) {
      if (this.acceptPunct(',')) {
        const right = this.parseFromPrimary();
        left = { kind: 'Join', joinType: 'CROSS', left, right, span: spanBetween(left, right) };
        continue;
      }
      const joinType = this.parseJoinKeyword();
      if (!joinType) break;
      const right = this.parseFromPrimary();
      const join: A.JoinItem = { kind: 'Join', joinType, left, right, span: spanBetween(left, right) };
      if (joinType !== 'CROSS') {
        if (this.acceptWord('ON')) join.on = this.parseExpr();
        else if (this.acceptWord('USING')) join.using = this.parseIdentList('a column name', ' after USING').idents;
        else this.fail(`expected ON after ${joinType} JOIN, found ${describe(this.peek())}`);
      }
      join.span = this.span(left.span.start);
      left = join;
    }
    return left;
  }

  private parseJoinKeyword(): A.JoinType | null {
    const t = this.peek();
    if (t.kind !== 'word') return null;
    let type: A.JoinType;
    switch (t.value) {
      case 'JOIN':
        this.next();
        return 'INNER';
      case 'INNER':
        type = 'INNER';
        break;
      case 'CROSS':
        type = 'CROSS';
        break;
      case 'LEFT':
      case 'RIGHT':
      case 'FULL':
        type = t.value;
        this.next();
        this.acceptWord('OUTER');
        this.expectWord('JOIN', ` after ${t.value}`);
        return type;
      case 'NATURAL':
        return this.fail('NATURAL JOIN is not supported by Freshet; write JOIN ... ON');
      default:
        return null;
    }
    this.next();
    this.expectWord('JOIN', ` after ${t.value}`);
    return type;
  }

  protected parseTableRef(): A.TableRef {
    const name = this.parseQualifiedName('a table name');
    const ref: A.TableRef = { kind: 'TableRef', name, hints: this.parseHints(), span: name.span };
    if (this.isWord('FOR')) {
      this.next();
      this.expectWord('SYSTEM_TIME', ' after FOR');
      this.expectWord('AS', ' in FOR SYSTEM_TIME AS OF');
      this.expectWord('OF', ' in FOR SYSTEM_TIME AS OF');
      ref.forSystemTimeAsOf = this.parseExpr();
    }
    const alias = this.parseOptionalAlias();
    if (alias) ref.alias = alias;
    ref.span = this.span(name.span.start);
    return ref;
  }

  protected parseFromPrimary(): A.FromItem {
    const t = this.peek();
    if (this.isPunct('(')) {
      const open = this.next();
      if (this.atQueryStart(0)) {
        const query = this.parseQuery();
        this.expectClose(open, 'subquery');
        const ref: A.SubqueryRef = { kind: 'SubqueryRef', query, span: this.span(open.start) };
        const alias = this.parseOptionalAlias();
        if (alias) {
          ref.alias = alias;
          if (this.isPunct('(')) ref.columnAliases = this.parseIdentList('a column name', '').idents;
        }
        ref.span = this.span(open.start);
        return ref;
      }
      const inner = this.nested(() => this.parseFrom());
      this.expectClose(open, 'parenthesis');
      inner.span = this.span(open.start);
      return inner;
    }
    if (this.atWindowTvf()) return this.parseWindowTvf();
    if (this.atChangelogTvf()) return this.parseChangelogTvf();
    if (t.kind === 'word' && (t.value === 'LATERAL' || t.value === 'TABLE' || t.value === 'UNNEST')) {
      this.fail(`${t.value} in FROM is not supported by Freshet yet`);
    }
    return this.parseTableRef();
  }
}

// Statements that write: INSERT INTO / OVERWRITE (with static PARTITION values and a column
// list) and MERGE INTO ... USING ... ON ... WHEN [NOT] MATCHED THEN ....
import type * as A from '../ast';
import { describe, spanBetween, tokSpan } from './cursor';
import { CatalogParser } from './catalog';

export abstract class DmlParser extends CatalogParser {
  protected parseInsert(): A.InsertStmt {
    const insert = this.expectWord('INSERT');
    let overwrite = false;
    if (this.acceptWord('OVERWRITE')) overwrite = true;
    else this.expectWord('INTO', ' after INSERT');
    this.acceptWord('TABLE');
    const table = this.parseQualifiedName('a table name');
    const hints = this.parseHints();
    let partition: A.StaticPartitionValue[] | undefined;
    if (this.acceptWord('PARTITION')) {
      const open = this.expectPunct('(', ' after PARTITION');
      partition = [];
      do {
        const column = this.parseIdent('a partition column');
        this.expectPunct('=', ` after partition column ${column.raw}`);
        const value = this.parseExpr();
        partition.push({ column, value, span: spanBetween(column, value) });
      } while (this.acceptPunct(','));
      this.expectClose(open, 'PARTITION list');
    }
    let columns: A.Ident[] | undefined;
    if (this.isPunct('(') && !this.atQueryStart(1)) {
      columns = this.parseIdentList('a column name', '').idents;
    }
    if (!this.atQueryStart(0)) {
      this.fail(`expected SELECT or VALUES after INSERT INTO ${table.raw}, found ${describe(this.peek())}`);
    }
    const source = this.parseQuery();
    if (this.isWord('ON') && this.isWord('CONFLICT', 1)) this.rejectOnConflict();
    const stmt: A.InsertStmt = { kind: 'Insert', table, hints, overwrite, source, span: this.span(insert.start) };
    if (partition) stmt.partition = partition;
    if (columns) stmt.columns = columns;
    return stmt;
  }

  /**
   * Flink 2.3's `ON CONFLICT DO NOTHING | DO ERROR | DO DEDUPLICATE` after an INSERT's query is
   * read and refused where it is written: Freshet's upsert sinks write each change by the primary
   * key, with no conflict strategy (docs/dialect.md).
   */
  private rejectOnConflict(): never {
    const on = this.next();
    this.next();
    const action = this.isWord('DO') && this.peek(1).kind === 'word' ? `DO ${this.peek(1).value} ` : '';
    this.fail(
      `ON CONFLICT ${action}(Flink 2.3) is not supported by Freshet yet: its upsert sinks write each change by the primary key, ` +
        `with no conflict strategy; remove the clause (DROP_ROW_KIND or TO_CHANGELOG shape what reaches a sink)`,
      on,
    );
  }

  protected parseMerge(): A.MergeStmt {
    const merge = this.next();
    this.expectWord('INTO', ' after MERGE');
    const target = this.parseTableRef();
    this.expectWord('USING', ` after MERGE INTO ${target.name.raw}`);
    let source: A.TableRef | A.SubqueryRef;
    if (this.isPunct('(')) {
      const from = this.parseFromPrimary();
      if (from.kind !== 'SubqueryRef') this.fail('expected a table or a (SELECT ...) after USING');
      source = from;
    } else {
      source = this.parseTableRef();
    }
    this.expectWord('ON', ' after the MERGE source');
    const on = this.parseExpr();
    const clauses: A.MergeClause[] = [];
    if (!this.isWord('WHEN')) this.fail(`expected WHEN MATCHED or WHEN NOT MATCHED, found ${describe(this.peek())}`);
    while (this.isWord('WHEN')) clauses.push(this.parseMergeClause());
    return { kind: 'Merge', target, source, on, clauses, span: this.span(merge.start) };
  }

  private parseMergeClause(): A.MergeClause {
    const when = this.next();
    const matched = !this.acceptWord('NOT');
    this.expectWord('MATCHED', matched ? ' after WHEN' : ' after WHEN NOT');
    if (this.isWord('BY')) this.fail('WHEN NOT MATCHED BY SOURCE/TARGET is not supported by Freshet');
    const clause: A.MergeClause = { kind: 'MergeClause', matched, action: { kind: 'Delete', span: tokSpan(when) }, span: tokSpan(when) };
    if (this.acceptWord('AND')) clause.condition = this.parseExpr();
    this.expectWord('THEN', ` after WHEN ${matched ? '' : 'NOT '}MATCHED`);
    const at = this.peek();
    const start = at.start;
    let action: A.MergeAction;
    if (this.acceptWord('UPDATE')) {
      if (this.acceptPunct('*')) {
        action = { kind: 'UpdateStar', span: this.span(start) };
      } else {
        this.expectWord('SET', ' after UPDATE');
        if (this.acceptPunct('*')) {
          action = { kind: 'UpdateStar', span: this.span(start) };
        } else {
          const assignments: A.MergeAssignment[] = [];
          do {
            let column = this.parseIdent('a column to update');
            if (this.acceptPunct('.')) column = this.parseIdent('a column to update', true);
            this.expectPunct('=', ` after ${column.raw} in UPDATE SET`);
            const value = this.parseExpr();
            assignments.push({ column, value, span: spanBetween(column, value) });
          } while (this.acceptPunct(','));
          action = { kind: 'UpdateSet', assignments, span: this.span(start) };
        }
      }
    } else if (this.acceptWord('DELETE')) {
      action = { kind: 'Delete', span: this.span(start) };
    } else if (this.acceptWord('INSERT')) {
      if (this.acceptPunct('*')) {
        action = { kind: 'InsertStar', span: this.span(start) };
      } else {
        let columns: A.Ident[] | undefined;
        if (this.isPunct('(')) columns = this.parseIdentList('a column name', '').idents;
        this.expectWord('VALUES', columns ? ' after the INSERT column list' : ' or * after INSERT');
        const open = this.expectPunct('(', ' after VALUES');
        const values: A.Expr[] = [];
        do values.push(this.parseExpr());
        while (this.acceptPunct(','));
        this.expectClose(open, 'VALUES list');
        action = { kind: 'InsertValues', values, span: this.span(start), ...(columns ? { columns } : {}) };
      }
    } else {
      return this.fail(`expected UPDATE, DELETE or INSERT after THEN, found ${describe(at)}`);
    }
    if (matched && (action.kind === 'InsertStar' || action.kind === 'InsertValues')) {
      this.report('WHEN MATCHED can UPDATE or DELETE, not INSERT: the row already exists in the target', action.span);
    } else if (!matched && action.kind !== 'InsertStar' && action.kind !== 'InsertValues') {
      this.report('WHEN NOT MATCHED can only INSERT: there is no target row to update or delete', action.span);
    }
    clause.action = action;
    clause.span = this.span(when.start);
    return clause;
  }
}

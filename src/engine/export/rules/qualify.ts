// QUALIFY (Flink 2.x reads it; Flink 1.20's and the grammar check's parser do not): rewritten as
// Flink's documented Top-N form, a subquery that selects the row number and an outer WHERE on it.
//   SELECT a, b FROM t QUALIFY ROW_NUMBER() OVER (...) <= 3
//   -> SELECT a, b FROM (SELECT a, b, ROW_NUMBER() OVER (...) AS qualify_rn FROM t) WHERE qualify_rn <= 3
import type { FunctionCall, SelectQuery } from '../../sql/ast';
import { edit, nodesOfKind, report, statementLabel, type ExportContext } from '../context';
import { editableStatements } from './statements';

const RULE = 'qualify';
const RN = 'qualify_rn';

/** The name an item has in the select's output, when it has a plain one. */
function outputName(q: SelectQuery, i: number): string | null {
  const item = q.items[i]!;
  if (item.kind !== 'SelectExpr') return null;
  if (item.alias) return item.alias.raw;
  if (item.expr.kind === 'ColumnRef') return item.expr.name.raw;
  return null;
}

export function exportQualify(ctx: ExportContext): void {
  for (const st of editableStatements(ctx)) {
    for (const q of nodesOfKind<SelectQuery>(st, 'Select')) {
      if (!q.qualify) continue;
      const qualifyStart = ctx.text.toUpperCase().lastIndexOf('QUALIFY', q.qualify.span.start.offset);
      const calls = nodesOfKind<FunctionCall>(q.qualify, 'FunctionCall').filter((c) => c.over !== undefined);
      const names = q.items.map((_, i) => outputName(q, i));
      const label = statementLabel(ctx, st);
      if (calls.length !== 1 || names.some((n) => n === null) || qualifyStart < 0 || q.orderBy.length > 0 || q.limit) {
        report(ctx, { rule: RULE, severity: 'lost', statement: label, at: q.qualify.span.start.offset, tables: st.kind === 'Insert' ? [st.table.name] : [], message: 'QUALIFY is not in Flink 1.20; rewrite it as a subquery selecting ROW_NUMBER() AS rn with WHERE rn <= N' });
        continue;
      }
      const call = calls[0]!;
      const callText = ctx.text.slice(call.span.start.offset, call.span.end.offset);
      const cond = ctx.text.slice(q.qualify.span.start.offset, call.span.start.offset) + RN + ctx.text.slice(call.span.end.offset, q.qualify.span.end.offset);
      const lastItem = q.items[q.items.length - 1]!;
      edit(ctx, q.span.start.offset, q.span.start.offset, `SELECT ${names.join(', ')} FROM (`);
      edit(ctx, lastItem.span.end.offset, lastItem.span.end.offset, `, ${callText} AS ${RN}`);
      edit(ctx, qualifyStart, q.qualify.span.end.offset, `) WHERE ${cond}`);
      report(ctx, { rule: RULE, severity: 'changed', statement: label, at: q.qualify.span.start.offset, message: 'QUALIFY rewritten as the Top-N subquery form (Flink 1.20 has no QUALIFY)' });
    }
  }
}

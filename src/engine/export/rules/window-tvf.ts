// Window TVFs: Flink 1.20 needs the TABLE(...) wrapper; Flink 2.0 accepts the call with or without
// it (FLINK-36824). The export writes the wrapper for both targets: it is valid in both and it is
// the form the independent grammar check (dt-sql-parser) reads.
import type { WindowTvfRef } from '../../sql/ast';
import { closingParenEnd, edit, nodesOfKind, report, statementLabel, type ExportContext } from '../context';
import { editableStatements } from './statements';

const RULE = 'window-tvf';

export function exportWindowTvfs(ctx: ExportContext): void {
  for (const st of editableStatements(ctx)) {
    for (const tvf of nodesOfKind<WindowTvfRef>(st, 'WindowTvf')) {
      const at = tvf.span.start.offset;
      if (/^TABLE\s*\(/i.test(ctx.text.slice(at, at + 20))) continue;
      const open = ctx.text.indexOf('(', at);
      const end = closingParenEnd(ctx, open);
      edit(ctx, at, at, 'TABLE(');
      edit(ctx, end, end, ')');
      if (!ctx.target.bareWindowTvf)
        report(ctx, { rule: RULE, severity: 'changed', statement: statementLabel(ctx, st), at, message: `${tvf.fn}(...) wrapped in TABLE(...): Flink ${ctx.target.flink} needs the wrapper` });
    }
  }
}

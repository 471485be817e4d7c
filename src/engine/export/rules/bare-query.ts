// A bare SELECT statement previews a table in the studio; in `sql-client.sh -f` a streaming
// SELECT would block the script, so the export leaves it out.
import { report, type ExportContext } from '../context';
import { removeStatement } from './statements';

export function exportBareQueries(ctx: ExportContext): void {
  for (const st of ctx.statements) {
    if (st.kind !== 'Query') continue;
    const e = removeStatement(ctx, st);
    report(ctx, { rule: 'bare-query', severity: 'changed', statement: 'SELECT', at: st.span.start.offset, anchor: { edit: e, within: 0 }, message: 'a preview query, not part of the pipeline: removed (in sql-client.sh -f a streaming SELECT never returns)' });
  }
}

// MERGE INTO is not Flink SQL (not in 2.x either): the statement becomes a comment, and the
// report says what to run instead (a batch INSERT of the merge's result into an upsert table).
import { report, statementLabel, tableInfo, type ExportContext } from '../context';
import { replaceStatement, statementEnd } from './statements';

const RULE = 'merge-into';

export function exportMerges(ctx: ExportContext): void {
  for (const st of ctx.statements) {
    if (st.kind !== 'Merge') continue;
    const target = st.target.name.parts[st.target.name.parts.length - 1]!.name;
    const info = tableInfo(ctx, target);
    const written = ctx.text.slice(st.span.start.offset, statementEnd(ctx, st));
    const commented = ['-- MERGE INTO is not Flink SQL; run the batch INSERT the export report describes instead:', ...written.split('\n').map((l) => `-- ${l}`)].join('\n');
    const e = replaceStatement(ctx, st, commented);
    const key = info?.primaryKey.join(', ') ?? 'its key';
    const upsert = info?.connector.toLowerCase() === 'iceberg' ? "with 'write.upsert.enabled' = 'true'" : 'with its PRIMARY KEY';
    report(ctx, {
      rule: RULE,
      severity: 'lost',
      statement: statementLabel(ctx, st),
      at: st.span.start.offset,
      anchor: { edit: e, within: 0 },
      tables: [target],
      message:
        `MERGE INTO has no Flink equivalent (open-source Flink has no MERGE); it is kept as a comment. The alternative: in batch mode (SET 'execution.runtime-mode' = 'batch'), ` +
        `INSERT INTO ${target} the merged rows — SELECT the source joined to the target ON the merge condition, computing each WHEN clause's new values — into ${target} ${upsert}, keyed by (${key}); ` +
        `rows a WHEN MATCHED ... DELETE removes need a separate delete (Flink's batch DELETE FROM on a table that supports row-level deletes)`,
    });
  }
}

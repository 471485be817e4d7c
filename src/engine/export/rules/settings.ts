// SET statements: simulator keys go, cluster keys move to the configuration file, keys the target
// renamed are renamed, and every SET is written quoted (the SQL client's form).
import type { SetStmt } from '../../sql/ast';
import { report, type ExportContext } from '../context';
import { isClusterKey } from '../targets';
import { sqlString } from '../text-edits';
import { removeStatement, replaceStatement } from './statements';

const RULE = 'settings';

/**
 * Freshet's own job keys (docs/dialect.md marks them): Flink does not know them, so they go, with
 * what the exported job does instead.
 */
const FRESHET_KEYS: Record<string, string> = {
  'table.optimizer.reuse-source-merge-enabled':
    "removed: a Freshet extension (merging reads of a table that differ in projection or filter into one source); Flink reuses only scans with equal push-downs, so such reads stay separate sources, each with its own split buffer and reads",
};

export function exportSettings(ctx: ExportContext): void {
  for (const st of ctx.statements) {
    if (st.kind === 'Reset') {
      if (st.key?.startsWith('sim.') || (st.key !== undefined && isClusterKey(st.key))) {
        const e = removeStatement(ctx, st);
        report(ctx, { rule: RULE, severity: 'changed', statement: `RESET '${st.key}'`, at: st.span.start.offset, anchor: { edit: e, within: 0 }, message: 'removed: not a job setting of Flink' });
      }
      continue;
    }
    if (st.kind !== 'Set') continue;
    exportSet(ctx, st);
  }
}

function exportSet(ctx: ExportContext, st: SetStmt): void {
  const label = `SET '${st.key}'`;
  const at = st.span.start.offset;
  const freshetOnly = FRESHET_KEYS[st.key.toLowerCase()];
  if (freshetOnly !== undefined) {
    const e = removeStatement(ctx, st);
    report(ctx, { rule: RULE, severity: 'approximated', statement: label, at, anchor: { edit: e, within: 0 }, message: freshetOnly });
    return;
  }
  if (st.key.startsWith('sim.')) {
    const e = removeStatement(ctx, st);
    report(ctx, { rule: RULE, severity: 'changed', statement: label, at, anchor: { edit: e, within: 0 }, message: `removed: a simulator setting ('${st.value}'); Flink has no such key` });
    return;
  }
  const renamed = ctx.target.renamedKeys[st.key];
  const key = renamed ?? st.key;
  ctx.config.delete(key);
  ctx.config.set(key, st.value);
  if (isClusterKey(key)) {
    const e = removeStatement(ctx, st);
    report(ctx, {
      rule: RULE,
      severity: 'changed',
      statement: label,
      at,
      anchor: { edit: e, within: 0 },
      message: `moved to ${ctx.target.configFile}: a cluster setting, which SET in the SQL client cannot change`,
    });
    return;
  }
  const written = ctx.text.slice(st.span.start.offset, st.span.end.offset);
  const quoted = /^SET\s+'/i.test(written) && /'\s*;?\s*$/.test(written);
  if (renamed === undefined && quoted) return;
  const e = replaceStatement(ctx, st, `SET ${sqlString(key)} = ${sqlString(st.value)};`);
  if (renamed !== undefined)
    report(ctx, { rule: RULE, severity: 'changed', statement: label, at, anchor: { edit: e, within: 0 }, message: `'${st.key}' is '${key}' in Flink ${ctx.target.flink}` });
  else report(ctx, { rule: RULE, severity: 'changed', statement: label, at, anchor: { edit: e, within: 0 }, message: 'written with quoted key and value, the form the SQL client parses' });
}

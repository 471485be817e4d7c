// exportFlinkSql: a Freshet script -> Flink SQL for a real cluster, a compatibility report, the
// placeholders and jars it needs, and a deploy bundle. The rules (rules.ts) edit the source text,
// so the user's layout and comments stay.
import type { CompileResult } from '../api';
import { modelOf } from '../script/index';
import { newContext } from './context';
import { EXPORT_RULES } from './rules';
import { applyEdits } from './text-edits';
import { resolveEntries } from './report';
import { buildBundle } from './bundle';
import { TARGETS } from './targets';
import type { ExportOptions, ExportResult } from './types';

function baseNameOf(fileName: string): string {
  const last = fileName.split(/[\\/]/).pop() ?? 'pipeline';
  return last.replace(/\.sql$/i, '') || 'pipeline';
}

/** Exports a compiled script (`compiled` is `compile(script)`); a script with errors exports nothing. */
export function exportCompiled(script: string, compiled: CompileResult, options: ExportOptions = {}): ExportResult {
  const target = TARGETS[options.target ?? 'flink-1.20'];
  const empty: ExportResult = { ok: false, diagnostics: compiled.diagnostics, target: target.id, versions: target.versions, sql: '', report: [], placeholders: [], artifacts: [], config: {}, bundle: [], icebergCatalogs: [] };
  if (!compiled.ok || !compiled.pipeline) return empty;
  const model = modelOf(script);
  const ctx = newContext({ text: script, target, catalogType: options.icebergCatalogType ?? null, statements: model.statements, tokens: model.tokens, pipeline: compiled.pipeline });
  for (const rule of EXPORT_RULES) rule.apply(ctx);
  const fileName = options.fileName ?? 'pipeline.sql';
  const placeholders = ctx.placeholders.list();
  const header =
    `-- Exported by Freshet from ${fileName.split(/[\\/]/).pop()} for ${target.versions}.\n` +
    (placeholders.length > 0 ? `-- Placeholders (fill in before running, e.g. with envsubst): ${placeholders.map((p) => '${' + p.name + '}').join(', ')}\n` : '') +
    '\n';
  ctx.edits.push({ start: 0, end: 0, text: header });
  const applied = applyEdits(script, ctx.edits);
  const report = resolveEntries(script, applied, ctx.entries);
  const artifacts = (['iceberg', 'kafka', 'jdbc', 'mysql'] as const).filter((k) => ctx.artifacts.has(k)).map((k) => target.artifacts[k]);
  const sql = applied.output.endsWith('\n') ? applied.output : applied.output + '\n';
  return {
    ok: true,
    diagnostics: compiled.diagnostics,
    target: target.id,
    versions: target.versions,
    sql,
    report,
    placeholders,
    artifacts,
    config: Object.fromEntries(ctx.config),
    icebergCatalogs: [...ctx.icebergCatalogs].map(([name, catalogType]) => ({ name, catalogType })),
    bundle: buildBundle({ baseName: baseNameOf(fileName), target, sql, config: ctx.config, placeholders, artifacts, report }),
  };
}

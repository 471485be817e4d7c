// Hints: Flink's own stay (STATE_TTL, OPTIONS with the connector's real keys, join hints);
// Freshet's extensions become the nearest Flink form or go, each with a report entry.
// - STATE_CLEANUP -> STATE_TTL with its ttl; the condition is lost.
// - DROP_ROW_KIND -> nothing (an upsert sink drops -U by itself) or lost.
// - REUSE_SOURCE -> nothing: Flink reuses a source within one job or statement set.
// - OPTIONS keys of the lake-source extensions (streaming.changelog, scan.adaptive, ...) go.
import type { Hint, HintArg, InsertStmt, SelectQuery, TableRef, FromItem } from '../../sql/ast';
import type { Statement } from '../../sql/index';
import { edit, hintBlockOf, nodesOfKind, report, statementLabel, tableInfo, type ExportContext } from '../context';
import { ICEBERG_HINT_OPTIONS, formatsOf, isRealOption, optionTableOf } from '../connector-options';
import { sqlString } from '../text-edits';
import type { ExportSeverity } from '../types';
import { editableStatements } from './statements';

const RULE = 'hints';

/** Flink's hints (Flink 1.20 and 2.x query hints, join hints, OPTIONS). */
const FLINK_HINTS = new Set(['STATE_TTL', 'OPTIONS', 'BROADCAST', 'SHUFFLE_HASH', 'SHUFFLE_MERGE', 'NEST_LOOP', 'LOOKUP']);

/** The lake-source extensions' read options: why each goes. */
const LAKE_READ_EXTENSIONS: Record<string, { severity: ExportSeverity; why: string }> = {
  'streaming.changelog': {
    severity: 'lost',
    why: "Iceberg's Flink source reads appends only: a streaming read of a table with updates or deletes fails at its first overwrite or delete snapshot (read the upstream changelog from Kafka, or use a table format with a changelog read)",
  },
  'streaming-skip-delete-snapshots': { severity: 'lost', why: "Iceberg's Flink source has no option to skip delete snapshots (Spark's streaming read has it)" },
  'streaming-skip-overwrite-snapshots': { severity: 'lost', why: "Iceberg's Flink source has no option to skip overwrite snapshots (Spark's streaming read has it)" },
  'scan.adaptive': { severity: 'approximated', why: 'the adaptive scan is a Freshet source model; Flink plans on monitor-interval only, so freshness differs, not rows' },
  'scan.adaptive.buffer-threshold': { severity: 'approximated', why: 'part of the adaptive scan (timing only)' },
  'scan.snapshot-mode': { severity: 'approximated', why: "snapshot planning mode is a Freshet source model; Flink's source plans snapshots its own way (timing only)" },
  'scan.partition-parallel': { severity: 'approximated', why: 'a Freshet source model (timing only)' },
  'watermark.commit-time': { severity: 'approximated', why: "a Freshet source model; Iceberg's Flink source takes watermarks from a column ('watermark-column')" },
};

type Decision = { keep: true } | { text: string; severity: ExportSeverity; message: string; tables: string[] } | { drop: true; severity: ExportSeverity; message: string; tables: string[] };

interface HintSite {
  hint: Hint;
  statement: Statement;
  decide: (hint: Hint) => Decision;
}

function argsText(args: { key: string; value: string }[]): string {
  return args.map((a) => `${sqlString(a.key)} = ${sqlString(a.value)}`).join(', ');
}

/** The name Flink's STATE_TTL hint uses for an input: its alias, else its table name. */
function inputName(item: FromItem | undefined): string | null {
  if (!item) return null;
  if (item.kind === 'TableRef') return item.alias?.name ?? item.name.parts[item.name.parts.length - 1]!.name;
  if (item.kind === 'SubqueryRef') return item.alias?.name ?? null;
  return null;
}

function sinkOf(st: Statement): string[] {
  return st.kind === 'Insert' ? [st.table.name] : [];
}

function stateCleanup(ctx: ExportContext, st: Statement, q: SelectQuery, hint: Hint): Decision {
  const ttls: { key: string; value: string }[] = [];
  const conditions: string[] = [];
  const join = q.from?.kind === 'Join' ? q.from : null;
  for (const a of hint.args) {
    const key = (a.key ?? '').toLowerCase();
    const m = /^(?:(.+)\.)?(ttl|condition)$/.exec(key);
    if (!m) continue;
    const input = m[1] ?? (join ? null : inputName(q.from));
    if (m[2] === 'ttl' && input) ttls.push({ key: input, value: a.value });
    if (m[2] === 'condition') conditions.push(`${m[1] ? `${m[1]}: ` : ''}${a.value}`);
  }
  const lost = conditions.length > 0 ? `; the cleanup condition (${conditions.join('; ')}) is lost: Flink keeps that state until the TTL expires, so a finished key is updated again instead of starting anew` : '';
  const tables = conditions.length > 0 ? sinkOf(st) : [];
  const severity: ExportSeverity = conditions.length > 0 ? 'lost' : 'changed';
  if (ttls.length === 0) return { drop: true, severity, tables, message: `STATE_CLEANUP removed${lost}` };
  void ctx;
  return { text: `STATE_TTL(${argsText(ttls)})`, severity, tables, message: `STATE_CLEANUP becomes STATE_TTL(${argsText(ttls)})${lost}` };
}

function dropRowKind(ctx: ExportContext, st: Statement, hint: Hint): Decision {
  const kinds = (hint.args.find((a) => (a.key ?? 'kinds').toLowerCase() === 'kinds')?.value ?? '').replace(/\s+/g, '');
  const sink = st.kind === 'Insert' ? tableInfo(ctx, st.table.parts[st.table.parts.length - 1]!.name) : undefined;
  const upsertSink = sink !== undefined && sink.primaryKey.length > 0 && ['jdbc', 'upsert-kafka', 'iceberg'].includes(sink.connector.toLowerCase());
  if (kinds === '-U' && upsertSink)
    return { drop: true, severity: 'changed', tables: [], message: `DROP_ROW_KIND('-U') removed: Flink sends the upsert sink ${sink.name} only +I, +U and -D (its key replaces the -U)` };
  return {
    drop: true,
    severity: 'lost',
    tables: sinkOf(st),
    message: `DROP_ROW_KIND('${kinds}') removed: Flink ${ctx.target.flink} has no operator that drops row kinds (Flink 2.3's TO_CHANGELOG is the nearest); into an append-only sink Flink rejects the updating query, so write into a sink that takes updates`,
  };
}

function optionsHint(ctx: ExportContext, st: Statement, table: string | null, hint: Hint): Decision {
  const info = table ? tableInfo(ctx, table) : undefined;
  if (!info) return { keep: true };
  const connector = info.connector.toLowerCase();
  const lake = connector === 'iceberg';
  const real = lake ? ICEBERG_HINT_OPTIONS : optionTableOf(connector);
  const kept: HintArg[] = [];
  const notes: string[] = [];
  const acc: { severity: ExportSeverity } = { severity: 'changed' };
  const worse = (s: ExportSeverity) => {
    const rank = { changed: 0, approximated: 1, lost: 2 };
    if (rank[s] > rank[acc.severity]) acc.severity = s;
  };
  for (const a of hint.args) {
    const key = (a.key ?? '').toLowerCase();
    const ext = lake ? LAKE_READ_EXTENSIONS[key] : undefined;
    if (ext) {
      notes.push(`'${a.key}' = '${a.value}' removed: ${ext.why}`);
      worse(ext.severity);
    } else if (real && !isRealOption(real, key, ctx.target.id, formatsOf(Object.entries(info.options).map(([k, v]) => ({ key: k, value: v }))))) {
      const parallelism = /^(scan|sink)\.parallelism$/.test(key);
      notes.push(`'${a.key}' = '${a.value}' removed: not an option of ${real.source[ctx.target.id]}${parallelism ? ' (parallelism only; the source infers it from its splits)' : ''}`);
      worse(parallelism ? 'approximated' : 'lost');
    } else kept.push(a);
  }
  if (notes.length === 0) return { keep: true };
  const severity = acc.severity;
  const tables = severity === 'lost' ? sinkOf(st) : [];
  if (kept.length === 0) return { drop: true, severity, tables, message: `OPTIONS hint on ${info.name} removed: ${notes.join('; ')}` };
  return { text: `OPTIONS(${argsText(kept.map((a) => ({ key: a.key ?? '', value: a.value })))})`, severity, tables, message: `OPTIONS hint on ${info.name}: ${notes.join('; ')}` };
}

function sitesOf(ctx: ExportContext, st: Statement): HintSite[] {
  const sites: HintSite[] = [];
  const common = (hint: Hint): Decision | null => {
    if (hint.name === 'REUSE_SOURCE')
      return {
        drop: true,
        severity: 'approximated',
        tables: [],
        message: "REUSE_SOURCE removed: Flink reuses a source only within one job ('table.optimizer.reuse-source-enabled', on by default); put the INSERTs that read it in one EXECUTE STATEMENT SET to share it",
      };
    if (hint.name === 'DROP_ROW_KIND') return dropRowKind(ctx, st, hint);
    if (!FLINK_HINTS.has(hint.name) && hint.name !== 'STATE_CLEANUP') return { drop: true, severity: 'changed', tables: [], message: `hint ${hint.name} removed: Flink does not know it (the simulation ignored it too)` };
    return null;
  };
  for (const q of nodesOfKind<SelectQuery>(st, 'Select'))
    for (const hint of q.hints) sites.push({ hint, statement: st, decide: (h) => common(h) ?? (h.name === 'STATE_CLEANUP' ? stateCleanup(ctx, st, q, h) : { keep: true }) });
  for (const r of nodesOfKind<TableRef>(st, 'TableRef'))
    for (const hint of r.hints) sites.push({ hint, statement: st, decide: (h) => common(h) ?? (h.name === 'OPTIONS' ? optionsHint(ctx, st, r.name.parts[r.name.parts.length - 1]!.name, h) : { keep: true }) });
  for (const i of nodesOfKind<InsertStmt>(st, 'Insert'))
    for (const hint of i.hints) sites.push({ hint, statement: st, decide: (h) => common(h) ?? (h.name === 'OPTIONS' ? optionsHint(ctx, i, i.table.parts[i.table.parts.length - 1]!.name, h) : { keep: true }) });
  return sites;
}

export function exportHints(ctx: ExportContext): void {
  const blocks = new Map<number, { start: number; end: number; sites: { site: HintSite; decision: Decision }[] }>();
  for (const st of editableStatements(ctx)) {
    for (const site of sitesOf(ctx, st)) {
      const b = hintBlockOf(ctx, site.hint);
      const entry = blocks.get(b.start) ?? { ...b, sites: [] };
      // A hint reached twice (an INSERT inside a statement set) is decided once.
      if (!entry.sites.some((s) => s.site.hint === site.hint)) entry.sites.push({ site, decision: site.decide(site.hint) });
      blocks.set(b.start, entry);
    }
  }
  for (const block of blocks.values()) {
    if (block.sites.every((s) => 'keep' in s.decision)) continue;
    const sorted = [...block.sites].sort((a, b) => a.site.hint.span.start.offset - b.site.hint.span.start.offset);
    const parts: string[] = [];
    for (const { site, decision } of sorted) {
      if ('keep' in decision) parts.push(ctx.text.slice(site.hint.span.start.offset, site.hint.span.end.offset));
      else if ('text' in decision) parts.push(decision.text);
    }
    let start = block.start;
    if (parts.length === 0) while (start > 0 && /[ \t]/.test(ctx.text[start - 1]!)) start--;
    const e = edit(ctx, start, block.end, parts.length === 0 ? '' : `/*+ ${parts.join(', ')} */`);
    for (const { site, decision } of sorted) {
      if ('keep' in decision) continue;
      report(ctx, {
        rule: RULE,
        severity: decision.severity,
        statement: statementLabel(ctx, site.statement),
        at: site.hint.span.start.offset,
        anchor: { edit: e, within: 0 },
        tables: decision.tables,
        message: decision.message,
      });
    }
  }
}

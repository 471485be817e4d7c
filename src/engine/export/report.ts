// The compatibility report: entries resolved to lines in both files, and its text form (the
// runner prints it on stderr; `--report FILE` writes the JSON instead).
import type { PendingEntry } from './context';
import { lineAt, type AppliedEdits } from './text-edits';
import type { ExportReportEntry, ExportResult } from './types';

export function resolveEntries(source: string, applied: AppliedEdits, pending: readonly PendingEntry[]): ExportReportEntry[] {
  const entries = pending.map((p) => ({
    rule: p.rule,
    severity: p.severity,
    statement: p.statement,
    sourceLine: lineAt(source, p.sourceOffset),
    exportedLine: lineAt(applied.output, Math.min(applied.offsetOf(p.anchor), applied.output.length)),
    tables: p.tables,
    message: p.message,
  }));
  // Stable: entries of one line keep the order the rules made them in.
  return entries.map((e, i) => ({ e, i })).sort((a, b) => a.e.sourceLine - b.e.sourceLine || a.i - b.i).map(({ e }) => e);
}

/** The report as text: a summary line, then one line per change. */
export function formatExportReport(result: Pick<ExportResult, 'report' | 'placeholders' | 'versions'>, fileName: string, exportedName = 'export'): string {
  const count = (s: string) => result.report.filter((e) => e.severity === s).length;
  const lines = [
    `${fileName}: exported for ${result.versions}: ${result.report.length} change${result.report.length === 1 ? '' : 's'} (${count('changed')} changed, ${count('approximated')} approximated, ${count('lost')} lost)`,
  ];
  for (const e of result.report) lines.push(`${fileName}:${e.sourceLine} -> ${exportedName}:${e.exportedLine}: ${e.severity}: ${e.statement}: ${e.message}`);
  if (result.placeholders.length > 0) lines.push(`placeholders to fill in: ${result.placeholders.map((p) => '${' + p.name + '}').join(', ')}`);
  return lines.join('\n') + '\n';
}

// What every export rule works on: the parsed script, the pipeline, the target, and the
// collectors rules write to (text edits, report entries, placeholders, configuration, jars).
import type { PipelineGraph, TableInfo } from '../api';
import type { Statement } from '../sql/index';
import type { Token } from '../sql/index';
import type { Hint } from '../sql/ast';
import type { Anchor, TextEdit } from './text-edits';
import { PlaceholderBook } from './placeholders';
import type { TargetSpec } from './targets';
import type { ExportSeverity, IcebergCatalogType } from './types';

export interface PendingEntry {
  rule: string;
  severity: ExportSeverity;
  statement: string;
  sourceOffset: number;
  anchor: Anchor;
  tables: string[];
  message: string;
}

export type ArtifactKind = 'iceberg' | 'kafka' | 'jdbc' | 'mysql';

export interface ExportContext {
  text: string;
  target: TargetSpec;
  /** The catalog the user chose for every lake table; null: each table's own 'catalog-type', else hadoop. */
  catalogType: IcebergCatalogType | null;
  /** The Iceberg catalogs the export creates, by name, with their type. */
  icebergCatalogs: Map<string, string>;
  statements: Statement[];
  tokens: Token[];
  pipeline: PipelineGraph;
  edits: TextEdit[];
  entries: PendingEntry[];
  placeholders: PlaceholderBook;
  /** Settings for the configuration file, in script order (last SET wins). */
  config: Map<string, string>;
  artifacts: Set<ArtifactKind>;
  /** Lake tables moved into an Iceberg catalog: lower-case name -> qualified name as exported. */
  qualified: Map<string, string>;
}

export function newContext(init: Omit<ExportContext, 'edits' | 'entries' | 'placeholders' | 'config' | 'artifacts' | 'qualified' | 'icebergCatalogs'>): ExportContext {
  return { ...init, edits: [], entries: [], placeholders: new PlaceholderBook(), config: new Map(), artifacts: new Set(), qualified: new Map(), icebergCatalogs: new Map() };
}

export function edit(ctx: ExportContext, start: number, end: number, text: string): TextEdit {
  const e = { start, end, text };
  ctx.edits.push(e);
  return e;
}

export function report(
  ctx: ExportContext,
  entry: { rule: string; severity: ExportSeverity; statement: string; at: number; anchor?: Anchor; tables?: string[]; message: string },
): void {
  ctx.entries.push({
    rule: entry.rule,
    severity: entry.severity,
    statement: entry.statement,
    sourceOffset: entry.at,
    anchor: entry.anchor ?? { at: entry.at },
    tables: entry.tables ?? [],
    message: entry.message,
  });
}

export function tableInfo(ctx: ExportContext, name: string): TableInfo | undefined {
  const n = name.toLowerCase();
  return ctx.pipeline.tables.find((t) => t.name.toLowerCase() === n);
}

/** How the report names a statement. */
export function statementLabel(ctx: ExportContext, st: Statement): string {
  switch (st.kind) {
    case 'Set':
      return `SET '${st.key}'`;
    case 'CreateTable':
      return `CREATE TABLE ${st.name.name}`;
    case 'CreateView':
      return `CREATE VIEW ${st.name.name}`;
    case 'CreateCatalog':
      return `CREATE CATALOG ${st.name.name}`;
    case 'Insert':
    case 'Merge': {
      const job = ctx.pipeline.jobs.find((j) => j.span.start.offset === st.span.start.offset);
      const what = st.kind === 'Insert' ? `INSERT INTO ${st.table.name}` : `MERGE INTO ${st.target.name.name}`;
      return job ? `${job.id} (${what})` : what;
    }
    case 'StatementSet':
      return 'EXECUTE STATEMENT SET';
    default:
      return ctx.text.slice(st.span.start.offset, Math.min(st.span.end.offset, st.span.start.offset + 40)).split('\n')[0]!;
  }
}

/** The `/*+ ... *\/` block holding a hint: its offsets, from the lexer's hint tokens. */
export function hintBlockOf(ctx: ExportContext, hint: Hint): { start: number; end: number } {
  const at = hint.nameSpan.start.offset;
  let start = -1;
  for (const t of ctx.tokens) {
    if (t.start.offset > at) break;
    if (t.kind === 'hintStart') start = t.start.offset;
  }
  const close = ctx.tokens.find((t) => t.kind === 'hintEnd' && t.start.offset > at);
  if (start < 0 || !close) throw new Error(`export: no hint block around ${hint.name}`);
  return { start, end: close.end.offset };
}

/** The offset just after the `)` closing the `(` at `open` (strings, quoted names, comments skipped). */
export function closingParenEnd(ctx: ExportContext, open: number): number {
  let depth = 0;
  for (const t of ctx.tokens) {
    if (t.start.offset < open) continue;
    if (t.kind === 'punct' && t.value === '(') depth++;
    else if (t.kind === 'punct' && t.value === ')' && --depth === 0) return t.end.offset;
  }
  throw new Error(`export: no ')' closes the '(' at offset ${open}`);
}

/** Every node of a syntax tree with the given `kind` (the tree is plain data). */
export function nodesOfKind<T>(root: unknown, kind: string): T[] {
  const out: T[] = [];
  const seen = new Set<unknown>();
  const visit = (v: unknown): void => {
    if (v === null || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    if (Array.isArray(v)) {
      for (const x of v) visit(x);
      return;
    }
    const o = v as Record<string, unknown>;
    if (o['kind'] === kind) out.push(o as T);
    for (const [k, x] of Object.entries(o)) if (k !== 'span' && k !== 'nameSpan' && k !== 'keySpan' && k !== 'valueSpan') visit(x);
  };
  visit(root);
  return out;
}

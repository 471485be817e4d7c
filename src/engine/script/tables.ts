// The one model of a declared table: what a CREATE TABLE or CREATE VIEW says (columns with their
// kind and writability, primary key, connector options, where it stands), before any binding.
// The editor reads it as is; the planner (plan/tables.ts) takes the primary-key rule from here
// and adds what needs binding (types resolved, computed expressions, watermark). A table the
// user is still typing comes from the tolerant scan in scan-table.ts instead.
import type { ColumnDef, CreateTableStmt, CreateViewStmt, Ident, PrimaryKeyDef, Query, SelectItem } from '../sql/ast';
import { typeToString, type DataType } from '../types';

export interface ColumnModel {
  name: string;
  /** Type as Flink writes it (`DECIMAL(10, 2)`); empty when unknown (computed columns, views). */
  type: string;
  dataType?: DataType;
  kind: 'physical' | 'computed' | 'metadata';
  /** An INSERT may write it (physical, or metadata that is not VIRTUAL). */
  writable: boolean;
}

export interface TableModel {
  /** Normalized name (unquoted identifiers lower-cased). */
  name: string;
  kind: 'table' | 'view';
  columns: ColumnModel[];
  primaryKey: string[];
  connector?: string;
  options: Record<string, string>;
  /** Offsets of the statement (without its `;`). */
  start: number;
  end: number;
  /** Built from the AST (true) or from a tolerant scan of a statement that does not parse (false). */
  parsed: boolean;
}

/**
 * The primary key a table declares: the table-level `PRIMARY KEY (...)`, else the first column
 * marked `PRIMARY KEY` (a table has one key; the planner reports a second declaration).
 */
export function declaredPrimaryKey(tableLevel: PrimaryKeyDef | undefined, columns: readonly ColumnDef[]): Ident[] {
  if (tableLevel) return tableLevel.columns;
  const inline = columns.find((c) => c.primaryKey);
  return inline ? [inline.name] : [];
}

/** An INSERT may write a column unless it is computed or VIRTUAL metadata. */
export function isWritable(c: ColumnDef): boolean {
  return c.columnKind === 'physical' || (c.columnKind === 'metadata' && !c.virtual);
}

export function tableFromAst(st: CreateTableStmt): TableModel {
  const options: Record<string, string> = {};
  for (const o of st.options) options[o.key] = o.value;
  const primaryKey = declaredPrimaryKey(st.primaryKey, st.columns).map((c) => c.name);
  const columns: ColumnModel[] = st.columns.map((c) => {
    if (c.columnKind === 'computed') return { name: c.name.name, type: '', kind: 'computed', writable: false };
    return { name: c.name.name, type: typeToString(c.type), dataType: c.type, kind: c.columnKind, writable: isWritable(c) };
  });
  return {
    name: st.name.name,
    kind: 'table',
    columns,
    primaryKey,
    connector: options['connector'],
    options,
    start: st.span.start.offset,
    end: st.span.end.offset,
    parsed: true,
  };
}

function selectItemsOf(q: Query): SelectItem[] {
  switch (q.kind) {
    case 'Select':
      return q.items;
    case 'SetOp':
      return selectItemsOf(q.left);
    case 'With':
      return selectItemsOf(q.body);
    default:
      return [];
  }
}

/** Output column names of a query as far as they can be told without binding. */
export function queryColumnNames(q: Query): string[] {
  const out: string[] = [];
  for (const item of selectItemsOf(q)) {
    if (item.kind === 'Star') continue;
    if (item.alias) out.push(item.alias.name);
    else if (item.expr.kind === 'ColumnRef') out.push(item.expr.name.name);
  }
  return out;
}

export function viewFromAst(st: CreateViewStmt): TableModel {
  const names = st.columns ? st.columns.map((c) => c.name) : queryColumnNames(st.query);
  return {
    name: st.name.name,
    kind: 'view',
    columns: names.map((n) => ({ name: n, type: '', kind: 'computed', writable: false })),
    primaryKey: [],
    options: {},
    start: st.span.start.offset,
    end: st.span.end.offset,
    parsed: true,
  };
}

// What names resolve against: the columns in scope, and the relation a FROM item or query
// planned to (the node producing it plus its columns as names see them).
import type * as A from '../../sql/ast';
import type { DataType, Span } from '../../types';
import { fail } from '../errors';

export interface ScopeCol {
  name: string;
  /** Lower-cased table alias (or table name) that qualifies this column, or null. */
  qualifier: string | null;
  /** The table (or subquery alias) the column comes from, for messages. */
  table: string | null;
  type: DataType;
  /** Not visible to unqualified names or `*` (the right copy of a USING column). */
  hidden?: boolean;
}

export interface Scope {
  cols: ScopeCol[];
}

/** A planned relation: the node producing it and its columns as names resolve against. */
export interface Rel {
  node: number;
  cols: ScopeCol[];
  /** The alias when the relation is one table/subquery reference (STATE_TTL names inputs by it). */
  alias?: string;
  /** Set when the relation is a windowing TVF: where its window columns are (a window aggregation may follow). */
  window?: WindowColumns;
  /** Set on the versioned side of a temporal join when it is a view or WITH query (a versioned view). */
  namedQuery?: boolean;
}

/** The window columns of a windowing TVF's output and the TVF node that adds them. */
export interface WindowColumns {
  tvfNode: number;
  spec: import('../graph').WindowSpec;
  start: number;
  end: number;
  time: number;
}

/** Columns with no qualifier, as a query's output is seen by its consumer before it is aliased. */
export function unqualified(columns: readonly { name: string; type: DataType }[]): ScopeCol[] {
  return columns.map((c) => ({ name: c.name, qualifier: null, table: null, type: c.type }));
}

/** Puts a relation under an alias (`(...) AS x`, a CTE or view reference): all its columns become `x.*`. */
export function requalify(rel: Rel, alias: string | null, table: string | null): Rel {
  const qualifier = alias?.toLowerCase() ?? null;
  const out: Rel = { node: rel.node, cols: rel.cols.map((c) => ({ ...c, qualifier, table: table ?? c.table, hidden: false })) };
  if (qualifier !== null) out.alias = qualifier;
  return out;
}

/** Applies a column alias list (`AS x (a, b)`, `WITH w (a, b) AS ...`). */
export function renameColumns(rel: Rel, names: A.Ident[], span: Span): Rel {
  if (names.length !== rel.cols.length) fail(`${names.length} column names given for a query with ${rel.cols.length} columns`, span, 'column-count');
  return { ...rel, cols: rel.cols.map((c, i) => ({ ...c, name: names[i]!.name })) };
}

// CREATE TABLE -> TableDef, with the checks Flink makes when a table is declared.
import type * as A from '../sql/ast';
import type { Column, DataType, Diagnostic } from '../types';
import { layerOf, typeToString } from '../types';
import type { BoundExpr } from '../expr/ir';
import { exprToSql } from '../expr/print';
import { familyOf } from '../expr/typeutil';
import { declaredPrimaryKey } from '../script/tables';
import type { TableDef } from './graph';
import { ExprBinder } from './bind/expr';
import type { ScopeCol } from './bind/scope';
import { BindError, fail, getOwn, safeRecord, toDiagnostic } from './errors';

/** Formats whose records carry a row kind (a changelog), as Flink's CDC formats. */
export const CHANGELOG_FORMATS = new Set(['changelog-json', 'debezium-json', 'canal-json', 'maxwell-json', 'ogg-json']);

export function formatOf(options: Record<string, string>): string | undefined {
  return getOwn(options, 'format') ?? getOwn(options, 'value.format');
}

/** The table's own name: the last part of `cat.db.t` (bind/namespaces.ts checks the rest). */
export function tableNameOf(q: A.QualifiedName): string {
  const parts = q.parts.length > 0 ? q.parts : [q];
  return parts[parts.length - 1]!.name;
}

/** Where a CREATE TABLE puts its table, from the current catalog and database. */
export interface TablePlacement {
  /** `catalog.database` outside the default database; absent in it. */
  catalogPath?: string;
  /** The catalog's connector (an Iceberg catalog's tables are iceberg tables), or null. */
  catalogConnector: string | null;
  /** The message for a `'connector'` option in such a catalog. */
  connectorOptionMessage: string | null;
}

const DEFAULT_PLACEMENT: TablePlacement = { catalogConnector: null, connectorOptionMessage: null };

export function buildTable(s: A.CreateTableStmt, diagnostics: Diagnostic[], placement: TablePlacement = DEFAULT_PLACEMENT): TableDef | null {
  const guard = (f: () => void) => {
    try {
      f();
    } catch (e) {
      if (e instanceof BindError) diagnostics.push(toDiagnostic(e));
      else throw e;
    }
  };
  const name = tableNameOf(s.name);

  // Columns, in declared order.
  const columns: Column[] = [];
  const seen = new Map<string, A.ColumnDef>();
  const kept: A.ColumnDef[] = [];
  for (const c of s.columns) {
    const key = c.name.name.toLowerCase();
    if (seen.has(key)) {
      diagnostics.push({
        severity: 'error',
        message: `column '${c.name.name}' is declared twice in table ${name}`,
        span: c.name.span,
        code: 'duplicate-column',
      });
      continue;
    }
    seen.set(key, c);
    kept.push(c);
  }

  // Primary key: inline or table-level, not both (script/tables.ts says which columns it holds).
  const inlinePk = kept.filter((c) => c.primaryKey);
  if (s.primaryKey && inlinePk.length > 0) {
    diagnostics.push({ severity: 'error', message: `table ${name} declares more than one PRIMARY KEY`, span: s.primaryKey.span, code: 'primary-key' });
  }
  if (inlinePk.length > 1) {
    diagnostics.push({ severity: 'error', message: `table ${name} declares more than one PRIMARY KEY`, span: inlinePk[1]!.span, code: 'primary-key' });
  }
  const pkIdents = declaredPrimaryKey(s.primaryKey, kept);
  const pkNames = new Set(pkIdents.map((i) => i.name.toLowerCase()));

  const physicalScope: ScopeCol[] = [];
  for (const c of kept) {
    if (c.columnKind === 'computed') continue;
    // Flink makes primary key columns NOT NULL.
    const type: DataType = pkNames.has(c.name.name.toLowerCase()) ? { ...c.type, nullable: false } : c.type;
    physicalScope.push({ name: c.name.name, qualifier: name.toLowerCase(), table: name, type });
  }

  const computedColumns: { index: number; expr: BoundExpr }[] = [];
  const metadataColumns: { index: number; key: string; virtual: boolean }[] = [];
  const physicalIndex = new Map(physicalScope.map((c, i) => [c.name.toLowerCase(), i]));
  // Computed expressions are bound over the physical columns, then re-indexed to declared order.
  const declaredIndex = new Map(kept.map((c, i) => [c.name.name.toLowerCase(), i]));
  const remap = (e: BoundExpr): BoundExpr => {
    switch (e.op) {
      case 'col':
        return { ...e, index: declaredIndex.get(physicalScope[e.index]!.name.toLowerCase())! };
      case 'lit':
        return e;
      case 'cast':
        return { ...e, expr: remap(e.expr) };
      case 'case':
        return { ...e, whens: e.whens.map((w) => ({ when: remap(w.when), then: remap(w.then) })), else: e.else ? remap(e.else) : null };
      case 'call':
        return { ...e, args: e.args.map(remap) };
    }
  };
  kept.forEach((c, i) => {
    if (c.columnKind === 'computed') {
      let type: DataType = { name: 'NULL', nullable: true };
      guard(() => {
        const b = new ExprBinder({ cols: physicalScope }, 'computed column').bind(c.expr);
        type = b.type;
        computedColumns.push({ index: i, expr: remap(b) });
      });
      columns.push({ name: c.name.name, type });
    } else {
      columns.push({ name: c.name.name, type: physicalScope[physicalIndex.get(c.name.name.toLowerCase())!]!.type });
      if (c.columnKind === 'metadata') metadataColumns.push({ index: i, key: c.metadataKey ?? c.name.name, virtual: c.virtual });
    }
  });

  const indexOf = (id: A.Ident, what: string): number | null => {
    const i = columns.findIndex((c) => c.name.toLowerCase() === id.name.toLowerCase());
    if (i < 0) {
      diagnostics.push({ severity: 'error', message: `${what} column '${id.name}' is not a column of table ${name}`, span: id.span, code: 'unknown-column' });
      return null;
    }
    return i;
  };
  const primaryKeyIndices: number[] = [];
  for (const id of pkIdents) {
    const i = indexOf(id, 'primary key');
    if (i === null) continue;
    if (kept[i]!.columnKind === 'computed') {
      diagnostics.push({ severity: 'error', message: `primary key column '${id.name}' cannot be a computed column`, span: id.span, code: 'primary-key' });
    }
    primaryKeyIndices.push(i);
  }

  let watermarkDef: TableDef['watermarkDef'] = null;
  let watermark: TableDef['watermark'] = null;
  if (s.watermark) {
    const w = s.watermark;
    const i = indexOf(w.column, 'watermark');
    if (i !== null) {
      const t = columns[i]!.type;
      if (familyOf(t) !== 'timestamp') {
        diagnostics.push({
          severity: 'error',
          message: `watermark column '${w.column.name}' must be TIMESTAMP(3) or TIMESTAMP_LTZ(3), found ${typeToString(t)}`,
          span: w.column.span,
          code: 'watermark',
        });
      } else {
        guard(() => {
          const scope: ScopeCol[] = columns.map((c) => ({ name: c.name, qualifier: name.toLowerCase(), table: name, type: c.type }));
          const b = new ExprBinder({ cols: scope }, 'watermark').bind(w.expr);
          if (familyOf(b.type) !== 'timestamp') fail(`the watermark expression must be a TIMESTAMP, found ${typeToString(b.type)}`, w.expr.span, 'watermark');
          watermarkDef = { column: i, expr: b };
          watermark = { column: columns[i]!.name, expression: exprToSql(b, columns.map((c) => c.name)) };
        });
      }
    }
  }

  const partitionedBy: string[] = [];
  for (const id of s.partitionedBy) {
    const i = indexOf(id, 'partition');
    if (i !== null) partitionedBy.push(columns[i]!.name);
  }

  const options = safeRecord(s.options.map((o) => [o.key, o.value] as const));
  // Whether the connector exists and what it requires is checked in connectors/validate.ts. In a
  // catalog that provides its connector (Iceberg's), a `'connector'` option is the catalog's error.
  const connectorOption = s.options.find((o) => o.key === 'connector');
  if (placement.catalogConnector !== null && connectorOption)
    diagnostics.push({ severity: 'error', message: placement.connectorOptionMessage ?? `a table in this catalog takes no 'connector' option`, span: connectorOption.span, code: 'catalog' });
  const connector = placement.catalogConnector ?? connectorOption?.value ?? '';

  const def: TableDef = {
    name,
    layer: layerOf(name),
    connector,
    columns: columns.map((c) => ({ name: c.name, type: typeToString(c.type), nullable: c.type.nullable })),
    primaryKey: primaryKeyIndices.map((i) => columns[i]!.name),
    watermark,
    partitionedBy,
    options,
    comment: s.comment ?? null,
    span: s.span,
    schema: { columns },
    primaryKeyIndices,
    watermarkDef,
    computedColumns,
    metadataColumns,
  };
  if (placement.catalogPath !== undefined) def.catalogPath = placement.catalogPath;
  if (placement.catalogConnector !== null) def.impliedConnector = true;
  return def;
}

/** Positions of the columns an INSERT writes: not computed, not virtual metadata. */
export function writableColumns(t: TableDef): number[] {
  const skip = new Set<number>([
    ...(t.computedColumns ?? []).map((c) => c.index),
    ...(t.metadataColumns ?? []).filter((m) => m.virtual).map((m) => m.index),
  ]);
  return t.schema.columns.map((_, i) => i).filter((i) => !skip.has(i));
}

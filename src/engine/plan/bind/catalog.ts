// The tables and views a script declares, by case-insensitive name, and the catalogs and
// databases they are declared in (namespaces.ts: CREATE CATALOG, USE, qualified names).
import type * as A from '../../sql/ast';
import type { Diagnostic } from '../../types';
import { suggest } from '../../sql/diagnostics';
import type { TableDef } from '../graph';
import { fail } from '../errors';
import { buildTable, tableNameOf } from '../tables';
import { Namespaces, pathOf } from './namespaces';
import { typeToString } from '../../types';
import { NO_CAPABILITIES, type ConnectorCapabilities } from '../capabilities';

/** How Flink spells the database every table lives in (sink labels and messages name it). */
export const DEFAULT_DATABASE_PATH = 'default_catalog.default_database';

/** `cat.db` of a table, as Flink's sink and scan names print it. */
export function pathOfTable(def: TableDef): string {
  return def.catalogPath ?? DEFAULT_DATABASE_PATH;
}

export class Catalog {
  /** Tables in the order they were declared. */
  readonly tables: TableDef[] = [];
  /** Metadata tables read so far (`orders$snapshots`), in the order they were first read. */
  readonly metadataTables: TableDef[] = [];

  readonly namespaces: Namespaces;

  constructor(private readonly capabilities: ConnectorCapabilities = NO_CAPABILITIES) {
    this.namespaces = new Namespaces(capabilities);
  }

  private readonly tablesByName = new Map<string, TableDef>();
  private readonly viewsByName = new Map<string, A.CreateViewStmt>();

  /** Declares a table; a problem in its definition is a diagnostic and the table is left out. */
  defineTable(s: A.CreateTableStmt, diagnostics: Diagnostic[]): void {
    const where = this.namespaces.resolve(s.name);
    const name = where.name;
    const existing = this.tablesByName.get(name.toLowerCase()) ?? null;
    if (existing || this.viewsByName.has(name.toLowerCase())) {
      if (s.ifNotExists) return;
      const where = existing ? ` at line ${existing.span.start.line}` : '';
      fail(`table '${name}' is already defined${where}`, s.name.span, 'duplicate-table');
    }
    const path = pathOf(where);
    const def = buildTable(s, diagnostics, {
      ...(path === DEFAULT_DATABASE_PATH ? {} : { catalogPath: path }),
      catalogConnector: where.catalog.connector,
      connectorOptionMessage: where.catalog.connectorOptionMessage,
    });
    if (def) {
      this.tablesByName.set(def.name.toLowerCase(), def);
      this.tables.push(def);
    }
  }

  /** Declares a view: its query is planned where it is read, like a CTE. */
  defineView(s: A.CreateViewStmt): void {
    const name = this.namespaces.resolve(s.name).name.toLowerCase();
    if (this.tablesByName.has(name) || this.viewsByName.has(name)) {
      if (s.ifNotExists) return;
      fail(`'${tableNameOf(s.name)}' is already defined`, s.name.span, 'duplicate-table');
    }
    this.viewsByName.set(name, s);
  }

  table(name: string): TableDef | undefined {
    return this.tablesByName.get(name.toLowerCase());
  }

  view(name: string): A.CreateViewStmt | undefined {
    return this.viewsByName.get(name.toLowerCase());
  }

  /**
   * `orders$snapshots`: the metadata table `snapshots` of declared table `orders`, as its
   * connector describes it (Flink's Iceberg catalog names them so); null for any other name.
   */
  private metadataTable(name: string): TableDef | null {
    const lower = name.toLowerCase();
    const known = this.metadataTables.find((m) => m.name.toLowerCase() === lower);
    if (known) return known;
    const at = name.lastIndexOf('$');
    if (at <= 0) return null;
    const base = this.tablesByName.get(lower.slice(0, at));
    const suffix = lower.slice(at + 1);
    const columns = base ? this.capabilities.metadataColumns(base, suffix) : null;
    if (!base || !columns) return null;
    const def: TableDef = {
      name: `${base.name}$${suffix}`,
      layer: base.layer,
      connector: base.connector,
      columns: columns.map((c) => ({ name: c.name, type: typeToString(c.type), nullable: c.type.nullable })),
      primaryKey: [],
      watermark: null,
      partitionedBy: [],
      options: {},
      comment: null,
      span: base.span,
      schema: { columns },
      primaryKeyIndices: [],
      watermarkDef: null,
      metadataOf: { table: base.name, suffix },
    };
    if (base.catalogPath !== undefined) def.catalogPath = base.catalogPath;
    this.metadataTables.push(def);
    return def;
  }

  /** The table a name refers to; an unknown name fails with the closest table or view name. */
  lookupTable(q: A.QualifiedName): TableDef {
    const name = this.namespaces.resolve(q).name;
    const t = this.tablesByName.get(name.toLowerCase()) ?? this.metadataTable(name);
    if (!t) {
      const s = suggest(name, [...this.tables.map((x) => x.name), ...this.viewsByName.keys()]);
      fail(`unknown table '${name}'${s ? `; did you mean '${s}'?` : ''}`, q.span, 'unknown-table');
    }
    return t;
  }
}

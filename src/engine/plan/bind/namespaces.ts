// Catalogs and databases, as Flink's CatalogManager keeps them: the built-in `default_catalog`
// (database `default_database`), catalogs a script declares with CREATE CATALOG, the current
// catalog and database (USE CATALOG, USE), and how a table name resolves against them
// (`t`, `db.t`, `cat.db.t`). A catalog whose type a connector provides (an Iceberg catalog) makes
// every table created in it a table of that connector.
//
// Tables of all catalogs share one namespace of names in Freshet (a table is named by its last
// part in the studio, the runner and DuckDB), so two catalogs cannot hold tables of one name.
import type * as A from '../../sql/ast';
import type { Diagnostic, Span } from '../../types';
import { fail, safeRecord } from '../errors';
import type { ConnectorCapabilities } from '../capabilities';

export const DEFAULT_CATALOG = 'default_catalog';
export const DEFAULT_DATABASE = 'default_database';

/** Flink's built-in catalog type: tables need a `'connector'` option. */
const IN_MEMORY = 'generic_in_memory';

export interface CatalogEntry {
  name: string;
  type: string;
  /** The connector every table of the catalog uses (Iceberg catalogs), or null. */
  connector: string | null;
  /** The message for a table that writes its own `'connector'` in this catalog. */
  connectorOptionMessage: string | null;
  /** Databases created in the script (and the catalog's default one). */
  databases: Set<string>;
  /**
   * An external catalog (Iceberg's hive / hadoop / rest) already holds the databases of the
   * cluster the script was written for: `USE db` and `db.t` are accepted without CREATE DATABASE.
   */
  externalDatabases: boolean;
  defaultDatabase: string;
}

/** Where a table name points: the catalog, the database, and the table's own name. */
export interface ResolvedName {
  catalog: CatalogEntry;
  database: string;
  name: string;
}

export class Namespaces {
  private readonly catalogs = new Map<string, CatalogEntry>([
    [
      DEFAULT_CATALOG,
      {
        name: DEFAULT_CATALOG,
        type: IN_MEMORY,
        connector: null,
        connectorOptionMessage: null,
        databases: new Set([DEFAULT_DATABASE]),
        externalDatabases: false,
        defaultDatabase: DEFAULT_DATABASE,
      },
    ],
  ]);
  private current: CatalogEntry;
  private currentDatabase = DEFAULT_DATABASE;

  constructor(private readonly capabilities: ConnectorCapabilities) {
    this.current = this.catalogs.get(DEFAULT_CATALOG)!;
  }

  /** `CREATE CATALOG`: the type decides what its tables are; problems are errors at the option. */
  createCatalog(s: A.CreateCatalogStmt, diagnostics: Diagnostic[]): void {
    const key = s.name.name.toLowerCase();
    if (this.catalogs.has(key)) {
      if (s.ifNotExists) return;
      fail(`Catalog ${s.name.name} already exists.`, s.name.span, 'duplicate-catalog');
    }
    const typeOption = s.options.find((o) => o.key.toLowerCase() === 'type');
    if (!typeOption) fail(`catalog ${s.name.name} has no 'type' option; Freshet simulates 'iceberg' and '${IN_MEMORY}' catalogs`, s.name.span, 'catalog');
    const type = typeOption.value.trim().toLowerCase();
    const options = safeRecord(s.options.map((o) => [o.key.toLowerCase(), o.value] as const));
    const at = (option: string): Span => s.options.find((o) => o.key.toLowerCase() === option)?.valueSpan ?? s.name.span;
    let entry: CatalogEntry;
    if (type === IN_MEMORY) {
      const database = (options['default-database'] ?? 'default').trim();
      entry = { name: s.name.name, type, connector: null, connectorOptionMessage: null, databases: new Set([database]), externalDatabases: false, defaultDatabase: database };
    } else {
      const provided = this.capabilities.catalogType(type, s.name.name, options);
      if (!provided) {
        fail(
          `catalog type '${typeOption.value}' is not simulated; Freshet simulates 'iceberg' catalogs (catalog-type hive, hadoop or rest) and '${IN_MEMORY}'`,
          typeOption.valueSpan,
          'catalog',
        );
      }
      if (provided.problem) diagnostics.push({ severity: 'error', message: provided.problem.message, span: at(provided.problem.option), code: 'catalog' });
      entry = {
        name: s.name.name,
        type,
        connector: provided.connector,
        connectorOptionMessage: provided.connectorOptionMessage,
        databases: new Set([provided.defaultDatabase]),
        externalDatabases: true,
        defaultDatabase: provided.defaultDatabase,
      };
    }
    this.catalogs.set(key, entry);
  }

  /** `CREATE DATABASE [IF NOT EXISTS] [cat.]db`. */
  createDatabase(s: A.CreateDatabaseStmt): void {
    const parts = s.name.parts.length > 0 ? s.name.parts : [s.name];
    if (parts.length > 2) fail(`a database name has at most two parts (catalog.database), got '${s.name.raw}'`, s.name.span, 'catalog');
    const catalog = parts.length === 2 ? this.catalogNamed(parts[0]!) : this.current;
    const database = parts[parts.length - 1]!.name;
    if (catalog.databases.has(database.toLowerCase())) {
      if (s.ifNotExists) return;
      fail(`Database ${database} already exists in Catalog ${catalog.name}.`, s.name.span, 'duplicate-database');
    }
    catalog.databases.add(database.toLowerCase());
  }

  /** `USE CATALOG x`: its default database becomes current too. */
  useCatalog(s: A.UseCatalogStmt): void {
    this.current = this.catalogNamed(s.name);
    this.currentDatabase = this.current.defaultDatabase;
  }

  /** `USE [cat.]db`. */
  useDatabase(s: A.UseDatabaseStmt): void {
    const parts = s.name.parts.length > 0 ? s.name.parts : [s.name];
    if (parts.length > 2) fail(`USE takes a database, optionally with its catalog: got '${s.name.raw}'`, s.name.span, 'catalog');
    const catalog = parts.length === 2 ? this.catalogNamed(parts[0]!) : this.current;
    const database = this.database(catalog, parts[parts.length - 1]!);
    this.current = catalog;
    this.currentDatabase = database;
  }

  /** The catalog, database and name `t`, `db.t` or `cat.db.t` points to. */
  resolve(q: A.QualifiedName): ResolvedName {
    const parts = q.parts.length > 0 ? q.parts : [q];
    if (parts.length > 3) fail(`a table name has at most three parts (catalog.database.table), got '${q.raw}'`, q.span, 'unknown-table');
    const name = parts[parts.length - 1]!.name;
    if (parts.length === 1) return { catalog: this.current, database: this.currentDatabase, name };
    const catalog = parts.length === 3 ? this.catalogNamed(parts[0]!) : this.current;
    return { catalog, database: this.database(catalog, parts[parts.length - 2]!), name };
  }

  private catalogNamed(id: A.Ident): CatalogEntry {
    const c = this.catalogs.get(id.name.toLowerCase());
    if (!c) fail(`A catalog with name [${id.name}] does not exist.`, id.span, 'unknown-catalog');
    return c;
  }

  private database(catalog: CatalogEntry, id: A.Ident): string {
    const key = id.name.toLowerCase();
    if (!catalog.externalDatabases && !catalog.databases.has(key))
      fail(`A database with name [${id.name}] does not exist in the catalog: [${catalog.name}].`, id.span, 'unknown-database');
    return key;
  }
}

/** `cat.db` as Flink prints a table's path, for the default path too. */
export function pathOf(r: ResolvedName): string {
  return `${r.catalog.name}.${r.database}`;
}

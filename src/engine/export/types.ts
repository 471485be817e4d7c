// The exporter's plain-data types (re-exported by src/engine/index.ts): what a caller passes and
// what it gets back. Everything is JSON-safe so the worker can post it and the runner can print it.
import type { Diagnostic } from '../types';

/** The Flink line an export is written for (targets.ts holds each one's versions and jars). */
export type ExportTarget = 'flink-1.20' | 'flink-2.x';

/** Iceberg catalog implementation for `CREATE CATALOG` (Iceberg's `catalog-type`). */
export type IcebergCatalogType = 'hadoop' | 'hive' | 'rest';

/**
 * How far a change moves the exported job from what the simulation ran:
 * - `changed`: the same behaviour, written the way the target needs it;
 * - `approximated`: the same rows, but timing, parallelism or layout may differ;
 * - `lost`: behaviour the simulation had that the target does not: rows may differ.
 */
export type ExportSeverity = 'changed' | 'approximated' | 'lost';

export interface ExportReportEntry {
  /** The rule that made the change (rules.ts). */
  rule: string;
  severity: ExportSeverity;
  /** The statement, as a person names it: `CREATE TABLE ods_orders`, `SET 'sim.duration'`, `job-2 (INSERT INTO ads)`. */
  statement: string;
  /** 1-based line in the source script. */
  sourceLine: number;
  /** 1-based line in the exported SQL where the change is (or would have been, for a removal). */
  exportedLine: number;
  /** Tables whose rows the change can alter (for `lost`): the table itself, not what is downstream. */
  tables: string[];
  message: string;
}

/** A value the user fills in before deploying: `${NAME}` in the SQL. */
export interface ExportPlaceholder {
  name: string;
  description: string;
  /** What the simulation used (the script's value or a stand-in): a round trip substitutes it back. */
  simulatedValue: string;
  /** Tables or catalogs that use it. */
  usedBy: string[];
}

/** A jar the job needs on the cluster (Maven coordinates). */
export interface ExportArtifact {
  group: string;
  artifact: string;
  version: string;
  why: string;
}

export interface ExportFile {
  /** Relative path inside the bundle directory. */
  path: string;
  content: string;
}

export interface ExportOptions {
  target?: ExportTarget;
  /**
   * Catalog implementation for lake tables declared with `'connector' = 'iceberg'`: when given, it
   * is the deployment's catalog and wins over a table's own `'catalog-type'` (reported); when not,
   * each table's `'catalog-type'`, else hadoop.
   */
  icebergCatalogType?: IcebergCatalogType;
  /** Name of the source script, used in the bundle's README and file names. */
  fileName?: string;
}

export interface ExportResult {
  /** False when the script has errors: `diagnostics` says where, and nothing is exported. */
  ok: boolean;
  diagnostics: Diagnostic[];
  target: ExportTarget;
  /** Flink and connector versions the export is written for, e.g. `Flink 1.20, Iceberg 1.11.0`. */
  versions: string;
  /** The Flink SQL for `sql-client.sh -f`. */
  sql: string;
  /** Every change, in source order. */
  report: ExportReportEntry[];
  placeholders: ExportPlaceholder[];
  artifacts: ExportArtifact[];
  /** The script's settings as the target's configuration file holds them (cluster keys included). */
  config: Record<string, string>;
  /** The deploy bundle: the SQL, the configuration file and a README. */
  bundle: ExportFile[];
  /** The Iceberg catalogs the export creates for lake tables, with their `catalog-type`. */
  icebergCatalogs: { name: string; catalogType: string }[];
}

// What the planner asks of a table's connector. The planner comes before the connectors in the
// data flow (docs/architecture.md), so it does not name connectors: index.ts passes the
// registry's answers (connectors/capabilities.ts), built from each connector's spec.
import type { Column } from '../types';
import type { TableDef } from './graph';

/**
 * The changes a sink table takes, as Flink's `DynamicTableSink.getChangelogMode` answers:
 * `insert-only` (an append-only sink: filesystem, kafka with a plain format, an Iceberg v1 table),
 * `any` (retract or upsert streams), `any-with-key` (updates need a PRIMARY KEY: jdbc,
 * upsert-kafka).
 */
export type SinkChanges = 'insert-only' | 'any' | 'any-with-key';

export interface ConnectorCapabilities {
  /** What changes `table` accepts as a sink. */
  sinkChanges(table: TableDef): SinkChanges;
  /**
   * The columns of metadata table `suffix` of `table` (`orders$snapshots` is `snapshots` of
   * `orders`), or null when the table has no such metadata table.
   */
  metadataColumns(table: TableDef, suffix: string): Column[] | null;
  /** Whether the sink makes rows visible only when a checkpoint completes (or its input ends). */
  commitsOnCheckpoint(table: TableDef): boolean;
  /**
   * A catalog type of `CREATE CATALOG ... WITH ('type' = ...)` some connector provides (Iceberg's
   * `iceberg`), given the catalog's options (lower-cased keys); null when none does.
   */
  catalogType(type: string, name: string, options: Record<string, string>): CatalogType | null;
  /** Whether INSERT OVERWRITE can replace the table's contents (Flink's SupportsOverwrite). */
  supportsOverwrite?(table: TableDef): boolean;
  /**
   * Whether the sink drops UPDATE_BEFORE rows, relying on the UPDATE_AFTER that follows to replace
   * the row by key (Iceberg's upsert writer); such a sink keeps a row whose UPDATE_AFTER a filter
   * dropped.
   */
  ignoresUpdateBefore?(table: TableDef): boolean;
  /** Whether a scan of the table takes projection and filter push-down (Iceberg's source does). */
  supportsScanPushdown?(table: TableDef): boolean;
}

/** What a catalog type says about its tables and options. */
export interface CatalogType {
  /** The connector of every table created in the catalog (no `'connector'` option needed). */
  connector: string;
  /** The database `USE CATALOG` makes current (Flink's `default-database` catalog option). */
  defaultDatabase: string;
  /** The first problem with the catalog's options (the catalog factory's message), at `option`. */
  problem: { option: string; message: string } | null;
  /** The message when a table in the catalog writes a `'connector'` option itself. */
  connectorOptionMessage: string;
}

/** A planner without connector knowledge: every sink takes every change, no metadata tables. */
export const NO_CAPABILITIES: ConnectorCapabilities = {
  sinkChanges: () => 'any',
  metadataColumns: () => null,
  commitsOnCheckpoint: () => false,
  catalogType: () => null,
};

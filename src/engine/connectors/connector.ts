// What every connector folder exports: its declarative spec, the checks of its option values that
// the spec cannot express (compile runs them without building a simulation), and its store.
import type { TableDef } from '../plan/graph';
import type { CatalogType } from '../plan/capabilities';
import type { Column } from '../types';
import type { ConnectorSpec } from './spec';
import type { StoreContext, TableStore } from './store';
import type { TopicRegistry } from './kafka/store';

/** What the checks of one script share: tables naming one topic must agree on its partitions. */
export interface ValidationScope {
  topicPartitions: Map<string, number>;
}

export interface Connector {
  readonly spec: ConnectorSpec;
  /**
   * Checks the option values the store parses; throws the first ConnectorError, as building the
   * store would.
   */
  validateTable(def: TableDef, scope: ValidationScope): void;
  /**
   * Checks one read of the table; `options` are its WITH options with the read's OPTIONS hints
   * applied (lower-cased keys). Throws ConnectorError, as creating the reader would.
   */
  validateRead(def: TableDef, options: Record<string, string>, scope: ValidationScope): void;
  /**
   * Whether a read of the table ends by itself, without building its store (compile's checks);
   * the store's `bounded` answers the same. Absent: it ends when no job writes the table or
   * every job writing it ends (a file, a jdbc scan, a bounded lake read).
   */
  readEnds?(def: TableDef, options: Record<string, string>, hasWriters: boolean, writersBounded: boolean): boolean;
  /**
   * The columns of the table's metadata table `suffix` (Iceberg's `t$snapshots`), or null when it
   * has none; absent for connectors without metadata tables.
   */
  metadataColumns?(def: TableDef, suffix: string): Column[] | null;
  /**
   * The catalog type this connector provides (`CREATE CATALOG c WITH ('type' = 'iceberg', ...)`):
   * its name and what a catalog of that name and options says (plan/capabilities.ts).
   */
  catalog?: { type: string; describe(name: string, options: Record<string, string>): CatalogType };
  /** Null for a connector the engine reserves but does not run yet. */
  createStore: ((ctx: StoreContext, topics: TopicRegistry) => TableStore) | null;
}

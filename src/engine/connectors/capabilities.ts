// The planner's questions to the connectors (plan/capabilities.ts), answered from each table's
// connector spec: what a sink accepts, which metadata tables a table has, when a sink commits.
import type { ConnectorCapabilities } from '../plan/capabilities';
import type { TableDef } from '../plan/graph';
import { CONNECTORS, connectorNamed } from './registry';
import { lowerOptions } from './store';

function connectorOf(def: TableDef) {
  return connectorNamed(def.connector.toLowerCase());
}

export const CONNECTOR_CAPABILITIES: ConnectorCapabilities = {
  sinkChanges: (def) => connectorOf(def)?.spec.sinkChanges?.(lowerOptions(def.options)) ?? 'any',
  metadataColumns: (def, suffix) => connectorOf(def)?.metadataColumns?.(def, suffix) ?? null,
  commitsOnCheckpoint: (def) => connectorOf(def)?.spec.commitsOnCheckpoint === true,
  catalogType: (type, name, options) => CONNECTORS.find((c) => c.catalog?.type === type)?.catalog!.describe(name, options) ?? null,
  supportsOverwrite: (def) => connectorOf(def)?.spec.supportsOverwrite === true,
  ignoresUpdateBefore: (def) => connectorOf(def)?.spec.ignoresUpdateBefore?.(lowerOptions(def.options)) === true,
  // IcebergTableSource implements SupportsProjectionPushDown and SupportsFilterPushDown; a
  // metadata table (`t$snapshots`) is not such a scan.
  supportsScanPushdown: (def) => def.metadataOf === undefined && def.connector.toLowerCase() === 'iceberg',
};

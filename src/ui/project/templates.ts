// What the palette offers: connectors, layers, and fresh layer-prefixed table names. The
// CREATE TABLE text itself is the engine's addTable (see edits.ts).
import type { Layer } from '../../engine/api';

export type PaletteConnector = 'datagen' | 'kafka' | 'filesystem' | 'jdbc' | 'print' | 'blackhole' | 'iceberg';

export interface ConnectorEntry {
  connector: PaletteConnector;
  label: string;
  doc: string;
  supported: boolean;
}

export const PALETTE_CONNECTORS: ConnectorEntry[] = [
  { connector: 'datagen', label: 'Datagen', doc: 'Generated rows at a fixed rate (source)', supported: true },
  { connector: 'kafka', label: 'Kafka', doc: 'A queue topic; changelog formats carry updates', supported: true },
  { connector: 'filesystem', label: 'Filesystem', doc: 'CSV or JSON lines you supply (bounded source)', supported: true },
  { connector: 'jdbc', label: 'JDBC', doc: 'A MySQL-like serving table, upserted by primary key', supported: true },
  { connector: 'print', label: 'Print', doc: 'Logs every change (sink)', supported: true },
  { connector: 'blackhole', label: 'Blackhole', doc: 'Discards everything (sink)', supported: true },
  { connector: 'iceberg', label: 'Iceberg', doc: 'Lake table: commits a snapshot per checkpoint', supported: true },
];

export const LAYERS: Exclude<Layer, 'OTHER'>[] = ['ODS', 'DWD', 'DWS', 'DIM', 'ADS'];

/** `ods_table_1`, `ods_table_2`, ... the first name not taken. */
export function freshName(layer: Layer, existing: readonly string[], stem = 'table'): string {
  const prefix = layer === 'OTHER' ? '' : `${layer.toLowerCase()}_`;
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  for (let i = 1; ; i++) {
    const name = `${prefix}${stem}_${i}`;
    if (!taken.has(name)) return name;
  }
}

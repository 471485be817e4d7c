// CREATE TABLE templates the palette writes, one per connector, with sensible options.
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
  { connector: 'iceberg', label: 'Iceberg', doc: 'Lake table (not supported yet)', supported: false },
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

function withClause(options: [string, string][]): string {
  return `WITH (\n${options.map(([k, v]) => `  '${k}' = '${v}'`).join(',\n')}\n)`;
}

export function createTableSql(name: string, connector: PaletteConnector): string {
  const keyed = connector === 'jdbc' || connector === 'kafka';
  const cols = ['  id BIGINT', '  name STRING', '  amount DECIMAL(10, 2)', '  event_time TIMESTAMP(3)'];
  if (connector === 'datagen') cols.push("  WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND");
  if (keyed) cols.push('  PRIMARY KEY (id) NOT ENFORCED');
  const options: [string, string][] = [['connector', connector]];
  switch (connector) {
    case 'datagen':
      options.push(['rows-per-second', '10'], ['fields.id.kind', 'sequence'], ['fields.id.start', '1'], ['fields.id.end', '1000000']);
      break;
    case 'kafka':
      options.push(['topic', name], ['format', 'changelog-json']);
      break;
    case 'filesystem':
      options.push(['path', `${name}.csv`], ['format', 'csv']);
      break;
    case 'jdbc':
      options.push(['table-name', name]);
      break;
    case 'iceberg':
      options.push(['format-version', '2']);
      break;
    default:
      break;
  }
  return `CREATE TABLE ${name} (\n${cols.join(',\n')}\n) ${withClause(options)};\n`;
}

/** Append a statement to the script with one blank line before it. */
export function appendStatement(script: string, statement: string): string {
  const trimmed = script.replace(/\s+$/, '');
  return trimmed ? `${trimmed}\n\n${statement}` : statement;
}

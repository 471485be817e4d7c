// The `iceberg` connector's options. Reserved: the engine knows the connector (completion, hover,
// "not supported yet") but has no store for it until the lake arrives.
import type { ConnectorSpec } from '../spec';

export const ICEBERG_SPEC: ConnectorSpec = {
  name: 'iceberg',
  doc: 'An Iceberg lake table (format v1 append-only, v2 with row-level deletes). Not supported yet: reserved for a later issue.',
  source: true,
  sink: true,
  supported: false,
  requiresPrimaryKey: false,
  usesFormat: false,
  options: [
    { key: 'catalog-name', type: 'string', required: true, doc: 'User-specified catalog name.' },
    { key: 'catalog-type', type: 'enum', default: 'hive', values: ['hive', 'hadoop', 'rest'], required: false, doc: 'Catalog type: hive, hadoop or rest.' },
    { key: 'catalog-database', type: 'string', required: false, doc: 'Database name managed in the Iceberg catalog; defaults to the Flink database.' },
    { key: 'catalog-table', type: 'string', required: false, doc: 'Table name managed in the Iceberg catalog; defaults to the Flink table name.' },
    { key: 'warehouse', type: 'string', required: false, doc: 'Warehouse location of the catalog (hadoop catalogs).' },
    { key: 'uri', type: 'string', required: false, doc: 'Metastore / REST catalog uri.' },
    { key: 'format-version', type: 'enum', default: '1', values: ['1', '2'], required: false, doc: 'Iceberg table format version: 1 (append-only) or 2 (row-level updates and deletes, merge-on-read).' },
    { key: 'write.upsert.enabled', type: 'boolean', default: 'false', required: false, doc: 'Write in upsert mode (v2 tables with a primary key): an insert deletes the old row first.' },
    { key: 'write.format.default', type: 'enum', default: 'parquet', values: ['parquet', 'orc', 'avro'], required: false, doc: 'Data file format.' },
  ],
};

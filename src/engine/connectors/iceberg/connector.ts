// The `iceberg` connector: spec.ts, store.ts (the lake table over this folder's model), and its
// checks here: the table properties parse (format-version, upsert, formats, codecs, sizes) and a
// read's options name a known read mode.
import type { Connector } from '../connector';
import { ICEBERG_SPEC } from './spec';
import { IcebergTableStore, icebergReadEnds, icebergReadOptions, modelTableOf } from './store';
import { METADATA_TABLES, metadataTable, type MetadataTableName } from './metadata-tables';
import { ConnectorError } from '../../errors';
import { checkUpsertFields } from './task-writer';
import { isStreamingRead, streamingReadOptions } from './source/read-options';
import { describeIcebergCatalog } from './catalog';
import { maintenanceConfig } from './table-maintenance';

/** Validation builds a throwaway table: its ids do not matter. */
const VALIDATION_IDS = { nextU32: () => 1 };

export const iceberg: Connector = {
  spec: ICEBERG_SPEC,
  validateTable: (def) => {
    const table = modelTableOf(def, VALIDATION_IDS);
    if (table.settings.upsert) checkUpsertFields(table, table.schema.identifierColumns);
    maintenanceConfig(table.properties);
  },
  validateRead: (_def, options) => void (isStreamingRead(options) ? streamingReadOptions(options, 0) : icebergReadOptions(options, 0)),
  readEnds: (_def, options, hasWriters, writersBounded) => icebergReadEnds(options, hasWriters, writersBounded),
  metadataColumns: (def, suffix) => {
    const name = suffix.toLowerCase();
    if (!(METADATA_TABLES as readonly string[]).includes(name)) return null;
    try {
      return metadataTable(modelTableOf(def, VALIDATION_IDS), name as MetadataTableName).columns;
    } catch (e) {
      // Bad table properties are reported at the table; the metadata table is then unknown.
      if (e instanceof ConnectorError) return null;
      throw e;
    }
  },
  catalog: { type: 'iceberg', describe: describeIcebergCatalog },
  createStore: (ctx) => new IcebergTableStore(ctx),
};

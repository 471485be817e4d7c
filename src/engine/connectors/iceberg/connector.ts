// The `iceberg` connector: spec.ts, store.ts (the lake table over this folder's model), and its
// checks here: the table properties parse (format-version, upsert, formats, codecs, sizes) and a
// read's options name a known read mode.
import type { Connector } from '../connector';
import { ICEBERG_SPEC } from './spec';
import { IcebergTableStore, icebergReadOptions, modelTableOf } from './store';

/** Validation builds a throwaway table: its ids do not matter. */
const VALIDATION_IDS = { nextU32: () => 1 };

export const iceberg: Connector = {
  spec: ICEBERG_SPEC,
  validateTable: (def) => void modelTableOf(def, VALIDATION_IDS),
  validateRead: (_def, options) => void icebergReadOptions(options, 0),
  createStore: (ctx) => new IcebergTableStore(ctx),
};

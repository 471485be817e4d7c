// The `filesystem` connector: spec.ts, store.ts (file table, reader, writer), and its checks here.
import type { Connector } from '../connector';
import { FILESYSTEM_SPEC } from './spec';
import { fileOptions, FileTable } from './store';

export const filesystem: Connector = {
  spec: FILESYSTEM_SPEC,
  // Options that depend on the file's content (csv.field-delimiter) are checked when it is read.
  validateTable: (def) => void fileOptions(def),
  validateRead: () => {},
  createStore: (ctx) => new FileTable(ctx),
};

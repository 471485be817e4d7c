// The `print` connector: spec.ts, store.ts, and its checks here.
import type { Connector } from '../connector';
import { writeOnly } from '../sink-only';
import { PRINT_SPEC } from './spec';
import { PrintTable } from './store';

export const print: Connector = {
  spec: PRINT_SPEC,
  validateTable: () => {},
  validateRead: (def) => {
    throw writeOnly(def);
  },
  createStore: (ctx) => new PrintTable(ctx),
};

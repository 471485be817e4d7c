// The `blackhole` connector: spec.ts, store.ts, and its checks here.
import type { Connector } from '../connector';
import { writeOnly } from '../sink-only';
import { BLACKHOLE_SPEC } from './spec';
import { BlackholeTable } from './store';

export const blackhole: Connector = {
  spec: BLACKHOLE_SPEC,
  validateTable: () => {},
  validateRead: (def) => {
    throw writeOnly(def);
  },
  createStore: (ctx) => new BlackholeTable(ctx),
};

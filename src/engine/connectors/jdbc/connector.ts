// The `jdbc` connector: spec.ts, store.ts (serving table, scan reader, buffered writer), and its
// checks here.
import type { Connector } from '../connector';
import { JDBC_SPEC } from './spec';
import { jdbcOptions, JdbcTable } from './store';

export const jdbc: Connector = {
  spec: JDBC_SPEC,
  validateTable: (def) => void jdbcOptions(def),
  validateRead: () => {},
  createStore: (ctx) => new JdbcTable(ctx),
};

// The `blackhole` connector's options; its store is store.ts.
import type { ConnectorSpec } from '../spec';

export const BLACKHOLE_SPEC: ConnectorSpec = {
  name: 'blackhole',
  doc: 'Sink that swallows every row; for performance tests.',
  source: false,
  sink: true,
  supported: true,
  requiresPrimaryKey: false,
  usesFormat: false,
  options: [],
};

// The `iceberg` connector, reserved: its spec serves completion and hover. The lake model beside it
// (index.ts) is not wired to a store yet, so the simulator does not run the connector.
import type { Connector } from '../connector';
import { ICEBERG_SPEC } from './spec';

export const iceberg: Connector = {
  spec: ICEBERG_SPEC,
  validateTable: () => {},
  validateRead: () => {},
  createStore: null,
};

// The `print` connector's options; its store is store.ts.
import type { ConnectorSpec } from '../spec';
import { sinkParallelism } from '../spec';

export const PRINT_SPEC: ConnectorSpec = {
  name: 'print',
  doc: 'Sink that prints every row with its row kind (+I, -U, +U, -D); for debugging.',
  source: false,
  sink: true,
  supported: true,
  requiresPrimaryKey: false,
  usesFormat: false,
  options: [
    { key: 'print-identifier', type: 'string', required: false, doc: 'Message that prefixes every printed row.', effect: 'none' },
    { key: 'standard-error', type: 'boolean', default: 'false', required: false, doc: 'Print to standard error instead of standard out.', effect: 'none' },
    sinkParallelism,
  ],
};

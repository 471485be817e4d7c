// The `datagen` connector's options; its store is store.ts.
import type { ConnectorSpec } from '../spec';
import { scanParallelism } from '../spec';

export const DATAGEN_SPEC: ConnectorSpec = {
  name: 'datagen',
  doc: 'Generates rows from per-field generators (random or sequence); unbounded unless number-of-rows is set.',
  source: true,
  sink: false,
  supported: true,
  requiresPrimaryKey: false,
  usesFormat: false,
  options: [
    { key: 'rows-per-second', type: 'long', default: '10000', required: false, doc: 'Rows per second to control the emit rate.' },
    { key: 'number-of-rows', type: 'long', required: false, doc: 'The total number of rows to emit; unbounded when not set.' },
    { key: 'fields.#.kind', type: 'enum', default: 'random', values: ['random', 'sequence'], required: false, doc: "Generator of this '#' field: 'sequence' or 'random'." },
    { key: 'fields.#.min', type: 'string', required: false, doc: "Minimum value of the random generator ('#' field); numeric types only. Defaults to the type's minimum." },
    { key: 'fields.#.max', type: 'string', required: false, doc: "Maximum value of the random generator ('#' field); numeric types only. Defaults to the type's maximum." },
    { key: 'fields.#.max-past', type: 'duration', default: '0', required: false, doc: "Maximum past of the timestamp random generator ('#' field); timestamp types only." },
    { key: 'fields.#.length', type: 'int', default: '100', required: false, doc: "Length of generated strings (CHAR/VARCHAR/STRING) for the random generator ('#' field)." },
    { key: 'fields.#.start', type: 'string', required: false, doc: "Start value of the sequence generator ('#' field)." },
    { key: 'fields.#.end', type: 'string', required: false, doc: "End value of the sequence generator ('#' field); the source ends once the sequence is exhausted." },
    { key: 'fields.#.null-rate', type: 'double', default: '0.0', required: false, doc: "Fraction of NULL values for the '#' field (0.0 to 1.0)." },
    {
      key: 'fields.#.values',
      type: 'string',
      required: false,
      freshet: true,
      doc: "Freshet: comma-separated list the random generator picks from for the '#' field (e.g. 'CREATED,PAID,SHIPPED').",
    },
    scanParallelism,
  ],
};

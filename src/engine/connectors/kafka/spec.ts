// The options of `kafka` and `upsert-kafka`. They share this folder because one store (a topic,
// store.ts) serves both; upsert-kafka only changes how rows are keyed, written and normalized.
import type { ConnectorSpec } from '../spec';
import { scanParallelism, sinkParallelism } from '../spec';
import { FORMAT_NAMES } from '../formats/spec';
import { isChangelogFormat } from '../formats/kinds';

export const KAFKA_SPEC: ConnectorSpec = {
  name: 'kafka',
  doc: 'A Kafka topic (simulated queue with partitions, offsets and retention; Talos-like). Append-only unless the format carries a changelog.',
  source: true,
  sink: true,
  supported: true,
  requiresPrimaryKey: false,
  usesFormat: true,
  // A plain format (json, csv) is append-only in Flink; a changelog format carries every kind.
  sinkChanges: (options) => (isChangelogFormat((options['format'] ?? options['value.format'] ?? '').toLowerCase()) ? 'any' : 'insert-only'),
  passThroughPrefix: 'properties.',
  options: [
    { key: 'topic', type: 'string', required: true, fallback: 'uses the table name', doc: 'Topic name to read from (source) or write to (sink). Freshet uses the table name when absent.' },
    { key: 'properties.bootstrap.servers', type: 'string', required: true, doc: 'Comma-separated list of Kafka brokers (kept for export; the simulator ignores it).', effect: 'none' },
    { key: 'properties.group.id', type: 'string', required: false, doc: "Consumer group id of the source. A simulated group has no committed offsets, so 'group-offsets' starts at 'properties.auto.offset.reset'.", effect: 'none' },
    {
      key: 'scan.startup.mode',
      type: 'enum',
      default: 'group-offsets',
      values: ['earliest-offset', 'latest-offset', 'group-offsets', 'timestamp', 'specific-offsets'],
      required: false,
      doc: 'Startup mode of the consumer: earliest-offset, latest-offset, group-offsets (earliest when no committed offset), timestamp or specific-offsets.',
    },
    { key: 'scan.startup.timestamp-millis', type: 'long', required: false, doc: "Start from this epoch timestamp (ms); used with scan.startup.mode 'timestamp'." },
    { key: 'scan.startup.specific-offsets', type: 'string', required: false, doc: "Offsets per partition ('partition:0,offset:42;partition:1,offset:300') for 'specific-offsets' mode." },
    { key: 'format', type: 'enum', values: FORMAT_NAMES, required: true, doc: 'Format of the record value (same as value.format).' },
    { key: 'key.format', type: 'enum', values: FORMAT_NAMES, required: false, doc: 'Format of the record key.', effect: 'none' },
    { key: 'key.fields', type: 'string', required: false, doc: "Columns that form the record key, separated by ';'." },
    { key: 'value.format', type: 'enum', values: FORMAT_NAMES, required: false, doc: 'Format of the record value (alternative spelling of format).' },
    { key: 'value.fields-include', type: 'enum', default: 'ALL', values: ['ALL', 'EXCEPT_KEY'], required: false, doc: 'Whether the value part also holds the key columns (ALL) or not (EXCEPT_KEY).', effect: 'none' },
    { key: 'sink.partitioner', type: 'enum', default: 'default', values: ['default', 'fixed', 'round-robin'], required: false, doc: "Output partitioning: 'default' (hash of the primary key, else of key.fields, else of the whole row), 'fixed' (each sink task to one partition) or 'round-robin'." },
    sinkParallelism,
    {
      key: 'sink.delivery-guarantee',
      type: 'enum',
      default: 'at-least-once',
      values: ['at-least-once', 'exactly-once', 'none'],
      required: false,
      doc: "Delivery guarantee of the sink; 'exactly-once' makes records visible to readers when a checkpoint completes.",
    },
    { key: 'sink.transactional-id-prefix', type: 'string', required: false, doc: "Prefix of the sink's Kafka transaction ids; Flink needs it with 'exactly-once'.", effect: 'none' },
    { key: 'properties.auto.offset.reset', type: 'enum', default: 'earliest', values: ['earliest', 'latest'], required: false, doc: "Where 'group-offsets' starts when the group has no committed offset." },
    { key: 'partitions', type: 'int', default: '4', required: false, freshet: true, doc: 'Freshet: number of partitions of the simulated topic.' },
    { key: 'retention.ms', type: 'long', default: '604800000', required: false, freshet: true, doc: 'Freshet: how long the simulated topic keeps records (ms of virtual time; 7 days by default, as Kafka).' },
    scanParallelism,
  ],
};

export const UPSERT_KAFKA_SPEC: ConnectorSpec = {
  name: 'upsert-kafka',
  doc: 'A Kafka topic read and written as an upsert changelog keyed by the PRIMARY KEY (a null value is a delete).',
  source: true,
  sink: true,
  supported: true,
  requiresPrimaryKey: true,
  usesFormat: true,
  // Updates and deletes are written by key: Flink's upsert-kafka sink needs a PRIMARY KEY.
  sinkChanges: () => 'any-with-key',
  passThroughPrefix: 'properties.',
  options: [
    { key: 'topic', type: 'string', required: true, fallback: 'uses the table name', doc: 'Topic name to read from or write to.' },
    { key: 'properties.bootstrap.servers', type: 'string', required: true, doc: 'Comma-separated list of Kafka brokers.', effect: 'none' },
    { key: 'key.format', type: 'enum', values: FORMAT_NAMES, required: true, doc: 'Format of the record key (the primary key columns).', effect: 'none' },
    { key: 'value.format', type: 'enum', values: FORMAT_NAMES, required: true, doc: "Format of the record value ('json'; the upsert changelog is in the key and the tombstones)." },
    { key: 'value.fields-include', type: 'enum', default: 'ALL', values: ['ALL', 'EXCEPT_KEY'], required: false, doc: 'Whether the value part also holds the key columns.', effect: 'none' },
    { key: 'sink.buffer-flush.max-rows', type: 'int', default: '0', required: false, doc: 'Max rows buffered (and compacted by key) before a flush; 0 disables buffering.', effect: 'unsimulated' },
    { key: 'sink.buffer-flush.interval', type: 'duration', default: '0', required: false, doc: 'Flush interval of the buffer; 0 disables buffering.', effect: 'unsimulated' },
    sinkParallelism,
    { key: 'partitions', type: 'int', default: '4', required: false, freshet: true, doc: 'Freshet: number of partitions of the simulated topic.' },
    { key: 'retention.ms', type: 'long', default: '604800000', required: false, freshet: true, doc: 'Freshet: how long the simulated topic keeps records (ms of virtual time).' },
    scanParallelism,
  ],
};

// The options each real connector and format accepts, per target, with the release they were read
// from: the exporter keeps only these in a WITH (...) or OPTIONS(...) and the tests check every
// exported option against them. `#` stands for a column name (`fields.#.kind`); a key ending in
// `*` is a prefix (`properties.*`, the Kafka client's pass-through). Sources:
// - Flink 1.20 / 2.0 DataGenConnectorOptions, PrintConnectorOptions, FileSystemConnectorOptions
//   (flink-table-api-java-bridge, flink-connector-files) and the json / csv / debezium-json format
//   factories (flink-json, flink-csv);
// - flink-connector-kafka 3.4.0 (1.20) and 4.0.1 (2.0) KafkaConnectorOptions: 4.0 drops the
//   deprecated `sink.semantic`;
// - flink-connector-jdbc 3.3.0 (1.20) and 4.0.0 (2.0) JdbcConnectorOptions;
// - Iceberg 1.11.0: FlinkDynamicTableFactory / FlinkCatalogFactory (catalog options),
//   FlinkReadOptions and FlinkWriteOptions (OPTIONS hints), TableProperties and the Flink table
//   maintenance properties (`flink-maintenance.*`) for a table's WITH.
import type { ExportTarget } from './types';

export interface RealOptionTable {
  /** Where the keys come from. */
  source: Record<ExportTarget, string>;
  keys: string[];
  /** Keys that exist in one target only. */
  only?: Partial<Record<ExportTarget, string[]>>;
}

const DATAGEN: RealOptionTable = {
  source: { 'flink-1.20': 'Flink 1.20 DataGenConnectorOptions', 'flink-2.x': 'Flink 2.0 DataGenConnectorOptions' },
  keys: [
    'connector', 'rows-per-second', 'number-of-rows', 'scan.parallelism',
    'fields.#.kind', 'fields.#.min', 'fields.#.max', 'fields.#.max-past', 'fields.#.length', 'fields.#.var-len',
    'fields.#.start', 'fields.#.end', 'fields.#.null-rate',
  ],
};

const KAFKA: RealOptionTable = {
  source: { 'flink-1.20': 'flink-connector-kafka 3.4.0 KafkaConnectorOptions', 'flink-2.x': 'flink-connector-kafka 4.0.1 KafkaConnectorOptions' },
  keys: [
    'connector', 'topic', 'topic-pattern', 'properties.*', 'format', 'key.format', 'key.fields', 'key.fields-prefix',
    'value.format', 'value.fields-include', 'scan.startup.mode', 'scan.startup.specific-offsets',
    'scan.startup.timestamp-millis', 'scan.bounded.mode', 'scan.bounded.specific-offsets', 'scan.bounded.timestamp-millis',
    'scan.topic-partition-discovery.interval', 'sink.partitioner', 'sink.delivery-guarantee', 'sink.transactional-id-prefix',
    'sink.parallelism',
  ],
  only: { 'flink-1.20': ['sink.semantic'] },
};

const UPSERT_KAFKA: RealOptionTable = {
  source: KAFKA.source,
  keys: [
    'connector', 'topic', 'properties.*', 'key.format', 'key.fields-prefix', 'value.format', 'value.fields-include',
    'sink.parallelism', 'sink.buffer-flush.max-rows', 'sink.buffer-flush.interval', 'sink.delivery-guarantee',
    'sink.transactional-id-prefix',
  ],
};

const JDBC: RealOptionTable = {
  source: { 'flink-1.20': 'flink-connector-jdbc 3.3.0 JdbcConnectorOptions', 'flink-2.x': 'flink-connector-jdbc 4.0.0 JdbcConnectorOptions' },
  keys: [
    'connector', 'url', 'table-name', 'driver', 'username', 'password', 'connection.max-retry-timeout',
    'scan.partition.column', 'scan.partition.num', 'scan.partition.lower-bound', 'scan.partition.upper-bound',
    'scan.fetch-size', 'scan.auto-commit', 'lookup.cache', 'lookup.partial-cache.max-rows',
    'lookup.partial-cache.expire-after-write', 'lookup.partial-cache.expire-after-access',
    'lookup.partial-cache.cache-missing-key', 'lookup.cache.max-rows', 'lookup.cache.ttl', 'lookup.cache.caching-missing-key',
    'lookup.max-retries', 'sink.buffer-flush.max-rows', 'sink.buffer-flush.interval', 'sink.max-retries', 'sink.parallelism',
  ],
};

const FILESYSTEM: RealOptionTable = {
  source: { 'flink-1.20': 'Flink 1.20 FileSystemConnectorOptions', 'flink-2.x': 'Flink 2.0 FileSystemConnectorOptions' },
  keys: [
    'connector', 'path', 'format', 'source.monitor-interval', 'source.path.regex-pattern', 'source.report-statistics',
    'partition.default-name', 'sink.rolling-policy.file-size', 'sink.rolling-policy.rollover-interval',
    'sink.rolling-policy.inactivity-interval', 'sink.rolling-policy.check-interval', 'sink.shuffle-by-partition.enable',
    'sink.partition-commit.trigger', 'sink.partition-commit.delay', 'sink.partition-commit.watermark-time-zone',
    'sink.partition-commit.policy.kind', 'sink.partition-commit.policy.class', 'sink.partition-commit.policy.class.parameters',
    'sink.partition-commit.success-file.name', 'auto-compaction', 'compaction.file-size', 'compaction.parallelism',
    'partition.time-extractor.kind', 'partition.time-extractor.class', 'partition.time-extractor.timestamp-formatter',
    'partition.time-extractor.timestamp-pattern', 'sink.parallelism',
  ],
};

const PRINT: RealOptionTable = {
  source: { 'flink-1.20': 'Flink 1.20 PrintConnectorOptions', 'flink-2.x': 'Flink 2.0 PrintConnectorOptions' },
  keys: ['connector', 'print-identifier', 'standard-error', 'sink.parallelism'],
};

const BLACKHOLE: RealOptionTable = {
  source: { 'flink-1.20': 'Flink 1.20 BlackHoleTableSinkFactory', 'flink-2.x': 'Flink 2.0 BlackHoleTableSinkFactory' },
  keys: ['connector'],
};

const ICEBERG_SOURCE = { 'flink-1.20': 'Iceberg 1.11.0 (iceberg-flink-runtime-1.20)', 'flink-2.x': 'Iceberg 1.11.0 (iceberg-flink-runtime-2.0)' };

/** Catalog options of FlinkCatalogFactory (CREATE CATALOG, or a connector table's WITH). */
const ICEBERG_CATALOG_KEYS = [
  'type', 'catalog-type', 'catalog-impl', 'property-version', 'default-database', 'warehouse', 'uri', 'clients',
  'hive-conf-dir', 'hadoop-conf-dir', 'cache-enabled', 'cache.expiration-interval-ms', 'io-impl', 'base-namespace',
];

/** Iceberg table properties (TableProperties and the Flink maintenance properties) Freshet writes. */
const ICEBERG_TABLE_PROPERTIES = [
  'format-version', 'write.upsert.enabled', 'write.format.default', 'write.delete.format.default',
  'write.parquet.compression-codec', 'write.orc.compression-codec', 'write.avro.compression-codec',
  'write.target-file-size-bytes', 'write.delete.target-file-size-bytes', 'write.distribution-mode',
  'commit.manifest-merge.enabled', 'commit.manifest.min-count-to-merge', 'history.expire.max-snapshot-age-ms',
  'history.expire.min-snapshots-to-keep', 'flink.max-continuous-empty-commits',
  'flink-maintenance.rewrite.*', 'flink-maintenance.expire-snapshots.*', 'flink-maintenance.lock.*',
];

/** A lake table in an Iceberg catalog: its WITH holds table properties only. */
const ICEBERG_TABLE: RealOptionTable = { source: ICEBERG_SOURCE, keys: ICEBERG_TABLE_PROPERTIES };

/** `'connector' = 'iceberg'` in the default catalog (FlinkDynamicTableFactory): catalog options + properties. */
const ICEBERG_CONNECTOR: RealOptionTable = {
  source: ICEBERG_SOURCE,
  keys: ['connector', 'catalog-name', 'catalog-database', 'catalog-table', ...ICEBERG_CATALOG_KEYS.filter((k) => k !== 'type'), ...ICEBERG_TABLE_PROPERTIES],
};

export const ICEBERG_CATALOG: RealOptionTable = { source: ICEBERG_SOURCE, keys: ICEBERG_CATALOG_KEYS };

/** FlinkReadOptions and FlinkWriteOptions: what an OPTIONS hint on a lake table may set. */
export const ICEBERG_HINT_OPTIONS: RealOptionTable = {
  source: ICEBERG_SOURCE,
  keys: [
    'snapshot-id', 'tag', 'branch', 'start-tag', 'end-tag', 'case-sensitive', 'as-of-timestamp', 'starting-strategy',
    'start-snapshot-timestamp', 'start-snapshot-id', 'end-snapshot-id', 'split-size', 'split-lookback',
    'split-file-open-cost', 'streaming', 'monitor-interval', 'include-column-stats', 'max-planning-snapshot-count',
    'limit', 'max-allowed-planning-failures', 'watermark-column', 'watermark-column-time-unit',
    'write-format', 'target-file-size-bytes', 'compression-codec', 'compression-level', 'compression-strategy',
    'upsert-enabled', 'overwrite-enabled', 'distribution-mode', 'write-parallelism',
  ],
};

const CONNECTORS: Record<string, RealOptionTable> = {
  datagen: DATAGEN,
  kafka: KAFKA,
  'upsert-kafka': UPSERT_KAFKA,
  jdbc: JDBC,
  filesystem: FILESYSTEM,
  print: PRINT,
  blackhole: BLACKHOLE,
  iceberg: ICEBERG_CONNECTOR,
};

/** Options of the formats Flink ships (flink-json, flink-csv), without the `<format>.` prefix. */
export const FORMAT_OPTIONS: Record<string, string[]> = {
  json: [
    'fail-on-missing-field', 'ignore-parse-errors', 'timestamp-format.standard', 'map-null-key.mode', 'map-null-key.literal',
    'encode.decimal-as-plain-number', 'encode.ignore-null-fields', 'decode.json-parser.enabled',
  ],
  csv: [
    'field-delimiter', 'disable-quote-character', 'quote-character', 'allow-comments', 'ignore-parse-errors',
    'array-element-delimiter', 'escape-character', 'null-literal', 'write-bigdecimal-in-scientific-notation',
  ],
  'debezium-json': [
    'schema-include', 'ignore-parse-errors', 'timestamp-format.standard', 'map-null-key.mode', 'map-null-key.literal',
    'encode.decimal-as-plain-number', 'encode.ignore-null-fields',
  ],
};

/** The option table of a connector as the export writes it, or undefined for one Flink does not have. */
export function optionTableOf(connector: string, inIcebergCatalog = false): RealOptionTable | undefined {
  if (inIcebergCatalog) return ICEBERG_TABLE;
  return CONNECTORS[connector.toLowerCase()];
}

function keyMatches(pattern: string, key: string): boolean {
  if (pattern.endsWith('*')) return key.startsWith(pattern.slice(0, -1));
  if (!pattern.includes('#')) return pattern === key;
  const [before, after] = pattern.split('#') as [string, string];
  return key.length > before.length + after.length && key.startsWith(before) && key.endsWith(after) && !key.slice(before.length, key.length - after.length).includes('.');
}

export function tableHasKey(table: RealOptionTable, key: string, target: ExportTarget): boolean {
  const k = key.toLowerCase();
  return [...table.keys, ...(table.only?.[target] ?? [])].some((p) => keyMatches(p, k));
}

/**
 * True when `key` is an option of the connector (plus its formats) for the target. `formats` are
 * the format names the table's options select (`format`, `key.format`, `value.format`).
 */
export function isRealOption(table: RealOptionTable, key: string, target: ExportTarget, formats: { prefix: string; format: string }[]): boolean {
  if (tableHasKey(table, key, target)) return true;
  const k = key.toLowerCase();
  return formats.some(({ prefix, format }) => {
    const opts = FORMAT_OPTIONS[format];
    const head = `${prefix}${format}.`;
    return opts !== undefined && k.startsWith(head) && opts.includes(k.slice(head.length));
  });
}

/** The format names a table's options select, with the key prefix their options take. */
export function formatsOf(options: { key: string; value: string }[]): { prefix: string; format: string }[] {
  const out: { prefix: string; format: string }[] = [];
  for (const o of options) {
    const k = o.key.toLowerCase();
    const v = o.value.toLowerCase();
    if (k === 'format' || k === 'value.format') out.push({ prefix: '', format: v }, { prefix: 'value.', format: v });
    else if (k === 'key.format') out.push({ prefix: 'key.', format: v });
  }
  return out;
}
